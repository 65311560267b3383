import { refreshSupplierDerivedFigures } from "@ccm/api/suppliers/refresh-supplier-derived-figures";
import { demoPlan } from "../plan.ts";
import type { SeedStep } from "../step.ts";
import { SEEDED_AT } from "./seeded-at.ts";

/** Fictional suppliers with what they do, where, and four years of figures. */
export const suppliersStep: SeedStep = {
  name: "suppliers",
  title: "Suppliers and their yearly figures",
  async run({ prisma, refs, progress, created }) {
    const suppliers = demoPlan().suppliers;
    const { count } = await prisma.organisation.createMany({
      data: suppliers.map((s) => ({
        kind: "SUPPLIER" as const,
        name: s.name,
        companiesHouseNumber: s.companiesHouseNumber,
        description: s.description,
        website: s.website,
        regionsServed: s.regionsServed,
        capabilityCpvCodes: s.capabilityCpvCodes,
        accreditations: s.accreditations,
        verifiedAt: s.verified ? SEEDED_AT : null,
      })),
      skipDuplicates: true,
    });
    created("organisations", count);
    progress(1, 3);

    const rows = await prisma.organisation.findMany({
      where: { companiesHouseNumber: { in: suppliers.map((s) => s.companiesHouseNumber) } },
      select: { id: true, name: true, companiesHouseNumber: true },
    });
    const byNumber = new Map(rows.map((r) => [r.companiesHouseNumber, r]));
    const years = suppliers.flatMap((s) => {
      const row = byNumber.get(s.companiesHouseNumber);
      if (!row) throw new Error(`seed: supplier ${s.companiesHouseNumber} was neither found nor created`);
      refs.suppliers.set(s.slug, { id: row.id, slug: s.slug, name: row.name, companiesHouseNumber: s.companiesHouseNumber });
      return s.years.map((y) => ({ organisationId: row.id, ...y }));
    });
    const yearsCreated = await prisma.supplierYear.createMany({ data: years, skipDuplicates: true });
    created("supplier years", yearsCreated.count);
    progress(2, 3);

    // Size, SME and high-growth status are kept on the organisation for search and matching, by the same
    // function every change of figures goes through. A supplier seeded before has them already.
    const unsized = await prisma.organisation.findMany({
      where: { id: { in: rows.map((r) => r.id) }, supplierSize: null },
      select: { id: true },
    });
    for (const { id } of unsized) await refreshSupplierDerivedFigures(prisma, id);
    created("supplier sizes", unsized.length);
    progress(3, 3);
  },
};
