import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@ccm/prisma";
import { GENESIS_HASH, MARKETPLACE_CHAIN, recordAuditEvent, recordAuditEvents, verifyAuditChain } from "@ccm/api/audit/audit";
import { sqlTransaction } from "@ccm/api/shared/transaction";
import { createIsolatedDatabase } from "../support/isolated-database.ts";

// The audit trail is one hash chain per organisation (ADR 0013). Events written at once, by Prisma's
// transactions and by the raw pipelined ones that bid submissions use, must chain without forks, and
// verifyAuditChain must still name the first event that was changed or moved, whichever chain it is on.

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let db: Database;
const LIMITS = { maxWait: 30_000, timeout: 30_000 };

beforeAll(async () => {
  database = await createIsolatedDatabase("audit_chains");
  db = await openDatabase({ databaseUrl: database.url, migrate: false });
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function record(organisationId: string | null, n: number, viaRawSql: boolean) {
  const input = { organisationId, action: "test.happened", entityType: "Test", entityId: randomUUID(), data: { n } };
  return viaRawSql
    ? sqlTransaction(db, (tx) => recordAuditEvent(tx, input), LIMITS)
    : db.prisma.$transaction((tx) => recordAuditEvent(tx, input), LIMITS);
}

describe("audit chains", () => {
  it("chains concurrent events per organisation, without forks, and verifies them all", async () => {
    const organisations = [randomUUID(), randomUUID(), randomUUID(), null];
    await Promise.all(Array.from({ length: 120 }, (_, n) => record(organisations[n % 4]!, n, n % 2 === 0)));

    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: true, checked: 120 });
    for (const organisationId of organisations) {
      const events = await db.prisma.auditEvent.findMany({
        where: { chain: organisationId ?? MARKETPLACE_CHAIN },
        orderBy: { seq: "asc" },
      });
      expect(events).toHaveLength(30);
      expect(events.map((e) => e.organisationId)).toEqual(events.map(() => organisationId));
      // Each event links to the one before it on its own chain, the first to the genesis hash.
      expect(events.map((e) => e.prevHash)).toEqual([GENESIS_HASH, ...events.slice(0, -1).map((e) => e.hash)]);
    }
  });

  it("appends many events to several chains in one transaction (a batch of submissions), in order, beside others", async () => {
    const organisations = [randomUUID(), randomUUID(), randomUUID()];
    const before = (await verifyAuditChain(db.prisma)).checked;
    // Each transaction records 2 events on chain 0, one on chain 1 and one on chain 2, in varying orders,
    // while single events go to the same chains.
    const orders = [
      [0, 1, 0, 2],
      [2, 0, 1, 0],
      [1, 0, 2, 0],
    ];
    await Promise.all([
      ...Array.from({ length: 12 }, (_, n) =>
        sqlTransaction(
          db,
          (tx) =>
            recordAuditEvents(
              tx,
              orders[n % 3]!.map((o, k) => ({
                organisationId: organisations[o]!,
                action: "test.batched",
                entityType: "Test",
                entityId: randomUUID(),
                data: { n, k },
              })),
            ),
          LIMITS,
        ),
      ),
      ...Array.from({ length: 12 }, (_, n) => record(organisations[n % 3]!, n, n % 2 === 0)),
    ]);

    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: true, checked: before + 12 * 4 + 12 });
    const onFirst = await db.prisma.auditEvent.findMany({
      where: { chain: organisations[0]!, action: "test.batched" },
      orderBy: { seq: "asc" },
    });
    // A transaction's two events on one chain keep the order they were given in.
    const firstOf = new Map<number, number>();
    for (const e of onFirst) {
      const { n, k } = e.data as { n: number; k: number };
      if (firstOf.has(n)) expect(k).toBeGreaterThan(firstOf.get(n)!);
      else firstOf.set(n, k);
    }
    expect(onFirst).toHaveLength(24);
  });

  it("names the first event whose content was changed, or that was moved to another chain", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    for (let n = 0; n < 3; n++) await record(a, n, true);
    for (let n = 0; n < 3; n++) await record(b, n, false);
    const onA = await db.prisma.auditEvent.findMany({ where: { chain: a }, orderBy: { seq: "asc" } });
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);

    // Only someone who drops the append-only trigger can change history, and the chain still tells.
    await db.sql.exec(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
    try {
      await db.sql.query(`UPDATE audit_event SET data = '{"n": 99}' WHERE seq = $1`, [onA[1]!.seq.toString()]);
      expect(await verifyAuditChain(db.prisma)).toMatchObject({
        ok: false,
        brokenAt: { seq: onA[1]!.seq, reason: "hash-mismatch" },
      });

      await db.sql.query(`UPDATE audit_event SET data = '{"n": 1}' WHERE seq = $1`, [onA[1]!.seq.toString()]);
      expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
      await db.sql.query(`UPDATE audit_event SET chain = $1 WHERE seq = $2`, [b, onA[1]!.seq.toString()]);
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: false, brokenAt: { reason: "prev-hash-mismatch" } });
    } finally {
      await db.sql.exec(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
    }
  });

  it("still refuses to change or delete an event", async () => {
    await record(null, 0, true);
    await expect(db.sql.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });
});
