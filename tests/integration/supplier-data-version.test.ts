import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import { supplier } from "../support/tender-fixtures.ts";

// The version that tells a worker its matching index is stale: triggers move it once per committed
// transaction that changes suppliers, offerings, yearly figures or contracts, and never for one that
// rolls back or touches nothing the matcher reads.

// A database of its own: other files change suppliers in the shared one at any moment.
let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createIsolatedDatabase("supplier_data_version");
  app = await startTestApp({ DATABASE_URL: database.url, QUEUE_PREFIX: `${inject("queuePrefix")}-supplier-data-version` });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function version(): Promise<bigint> {
  const rows = await app.deps.prisma.$queryRaw<{ version: bigint }[]>`SELECT version FROM supplier_data_version WHERE id = 1`;
  return rows[0]!.version;
}

describe("the supplier data version", () => {
  it("moves once per committed change to what matching reads, and not for a rollback", async () => {
    const s = await supplier(app);
    const before = await version();

    // One transaction changing two tables and several rows moves it once.
    await app.deps.prisma.$transaction(async (tx) => {
      await tx.organisation.update({ where: { id: s.dbId }, data: { description: "Library apps" } });
      await tx.supplierYear.createMany({
        data: [2023, 2024].map((year) => ({
          organisationId: s.dbId,
          year,
          headcount: 12,
          turnoverPence: 100_000_00n,
          balanceSheetPence: 50_000_00n,
        })),
      });
    });
    expect(await version()).toBe(before + 1n);

    // A rolled-back change leaves it alone.
    await expect(
      app.deps.prisma.$transaction(async (tx) => {
        await tx.organisation.update({ where: { id: s.dbId }, data: { description: "Never happened" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await version()).toBe(before + 1n);

    // Reading, or changing what matching does not read (memberships), leaves it alone too.
    await app.deps.prisma.organisation.findUniqueOrThrow({ where: { id: s.dbId } });
    await app.deps.prisma.membership.deleteMany({ where: { organisationId: s.dbId, role: "EVALUATOR" } });
    expect(await version()).toBe(before + 1n);
  });
});
