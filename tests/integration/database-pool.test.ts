import { afterEach, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "@ccm/prisma";

// A new PostgreSQL connection starts with empty caches and none of its prepared statements, so its first
// catalogue search is several times slower than on a warm one (ADR 0016). The pools keep their
// connections through a lull longer than pg's default 10 s.

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function backendPid(run: Database["sql"]): Promise<number> {
  const { rows } = await run.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return rows[0]!.pid;
}

describe("the PostgreSQL pools", () => {
  it("keep an idle connection past pg's default 10 s, so the next query runs on the same warm backend", async () => {
    db = await openDatabase({ databaseUrl: inject("databaseUrl"), migrate: false, poolSize: 1 });
    const first = await backendPid(db.sql);
    // Prisma's queries share that pool.
    const viaPrisma = await db.prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    expect(viaPrisma[0]?.pid).toBe(first);
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await backendPid(db.sql)).toBe(first);
  }, 30_000);
});
