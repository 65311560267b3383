import { demoPlan } from "../plan.ts";
import type { SeedStep } from "../step.ts";
import { SEEDED_AT } from "./seeded-at.ts";

/** Real councils, registered as organisations with their GSS code and ITL1 region. */
export const councilsStep: SeedStep = {
  name: "councils",
  title: "Councils from the public register",
  async run({ prisma, refs, progress, created }) {
    const councils = demoPlan().councils;
    const gssCodes = councils.map((c) => c.gssCode);
    // A council someone already registered (by hand or a test) is taken as it is.
    const { count } = await prisma.organisation.createMany({
      data: councils.map((c) => ({
        kind: "COUNCIL" as const,
        name: c.name,
        gssCode: c.gssCode,
        councilCode: c.code,
        itl1Code: c.itl1Code,
        regionsServed: [c.itl1Code],
        verifiedAt: SEEDED_AT,
      })),
      skipDuplicates: true,
    });
    created("organisations", count);
    const rows = await prisma.organisation.findMany({
      where: { gssCode: { in: gssCodes } },
      select: { id: true, name: true, gssCode: true, itl1Code: true },
    });
    const byGss = new Map(rows.map((r) => [r.gssCode, r]));
    for (const c of councils) {
      const row = byGss.get(c.gssCode);
      if (!row) throw new Error(`seed: council ${c.gssCode} was neither found nor created`);
      refs.councils.set(c.slug, { id: row.id, slug: c.slug, name: row.name, gssCode: c.gssCode, itl1Code: c.itl1Code });
    }
    progress(councils.length, councils.length);
  },
};
