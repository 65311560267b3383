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

async function backendPid(run: Database["sql"], options?: { prepared: boolean }): Promise<number> {
  const { rows } = await run.query<{ pid: number }>("SELECT pg_backend_pid() AS pid", [], options);
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

  it("replace a connection once it holds its share of prepared statements, so their plans do not pile up", async () => {
    db = await openDatabase({ databaseUrl: inject("databaseUrl"), migrate: false, poolSize: 1, maxPreparedPerConnection: 3 });
    const prepared = { prepared: true };
    const first = await backendPid(db.sql, prepared);
    const listed = async () => {
      const { rows } = await db!.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements", [], prepared);
      return rows[0]!.n;
    };
    // The same statement again is not a new one.
    expect(await backendPid(db.sql, prepared)).toBe(first);
    expect(await listed()).toBe(2);
    // The third statement fills the connection's share: it answers, and the connection is closed after it.
    const { rows } = await db.sql.query<{ answer: number }>("SELECT $1::int + 1 AS answer", [41], prepared);
    expect(rows[0]!.answer).toBe(42);
    const next = await backendPid(db.sql, prepared);
    expect(next).not.toBe(first);
    expect(await listed()).toBe(2);
    // Unprepared statements run on the other pool, with no share to fill.
    for (let i = 0; i < 5; i += 1) await db.sql.query(`SELECT ${i} AS n`);
    expect(await backendPid(db.sql, prepared)).toBe(next);
  });
});
