import { generateOffering, type GeneratedOffering } from "../generate/catalogue-generator.ts";
import { ensureCatalogueFrameworks, insertOfferings } from "../generate/load-catalogue.ts";
import { Prng } from "../generate/prng.ts";
import type { SeedStep } from "../step.ts";

/** A few offerings from each demo supplier, in its own line of work (hundreds in all), and the frameworks they list under. */
export const offeringsStep: SeedStep = {
  name: "offerings",
  title: "Catalogue offerings",
  async run({ deps, prisma, refs, progress, created }) {
    const lotIds = await ensureCatalogueFrameworks(deps.db.sql);
    progress(1, 3);
    const suppliers = await prisma.organisation.findMany({
      where: { id: { in: [...refs.suppliers.values()].map((s) => s.id) } },
      select: { id: true, name: true, regionsServed: true, capabilityCpvCodes: true },
    });
    const bySlug = new Map([...refs.suppliers.values()].map((s) => [s.id, s.slug]));
    // Each supplier's offerings come from its own stream (seeded by its slug), so the set never depends
    // on the order suppliers are read in, and a rerun generates the same ids and finds them there.
    const offerings: GeneratedOffering[] = suppliers
      .sort((a, b) => (bySlug.get(a.id) ?? "").localeCompare(bySlug.get(b.id) ?? ""))
      .flatMap((supplier) => {
        const rng = new Prng(`demo-offerings:${bySlug.get(supplier.id)}`);
        return Array.from({ length: rng.int(3, 9) }, () => generateOffering(rng, supplier));
      });
    progress(2, 3);
    created("offerings", await insertOfferings(deps.db.sql, offerings, lotIds));
    progress(3, 3);
  },
};
