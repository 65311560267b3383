import { createHash } from "node:crypto";
import type { PrismaClient } from "@ccm/prisma";
import { canonicalJson, toJsonValue } from "../shared/canonical-json.ts";
import { databaseNow, inOrder, type SqlTx } from "../shared/transaction.ts";

export interface AuditEventInput {
  actorUserId?: string | null;
  organisationId?: string | null;
  /** Verb-noun in past tense, e.g. "tender.published", "bid.sealed-read-refused". */
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
  /** When it happened, if the caller has already read it from the database clock (saves a round trip). */
  occurredAt?: Date;
}

/** The hash of the empty chain: the first event's prevHash. */
export const GENESIS_HASH = "0".repeat(64);

/** The chain of events that belong to no organisation (and of every event written before chains were split). */
export const MARKETPLACE_CHAIN = "marketplace";

// The trail is one hash chain per organisation (ADR 0013), so one supplier's submission never waits for
// another's commit. Every insert takes this transaction-scoped lock on its chain (keyed by a hash of the
// chain's name: two chains that collide merely share a lock), so each chain is extended in commit order
// and two transactions can never both link to the same predecessor. Insert the audit event last in a
// transaction to keep the lock's hold time short.
const AUDIT_CHAIN_LOCK = 0x61756474; // "audt"

/** The chain an event extends: its organisation's, or the marketplace's. */
export function auditChainOf(organisationId: string | null | undefined): string {
  return organisationId ?? MARKETPLACE_CHAIN;
}

function canonicalEvent(event: { occurredAt: Date } & Required<Omit<AuditEventInput, "data">> & { data: unknown }): string {
  return canonicalJson({
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    organisationId: event.organisationId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data,
  });
}

function hashEvent(
  prevHash: string,
  event: { occurredAt: Date } & Required<Omit<AuditEventInput, "data">> & { data: unknown },
): string {
  return createHash("sha256").update(prevHash).update(canonicalEvent(event)).digest("hex");
}

/** Appends one event to its organisation's hash chain in the audit trail, inside the caller's transaction. */
export async function recordAuditEvent(tx: SqlTx, input: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
  // Everything that does not depend on the chain is prepared before the lock, and the chain link is
  // read and written in one statement (hash = sha256(prevHash || canonical event), as hashEvent
  // computes it), so the lock is held for one round trip and the commit: many transactions queue on it
  // at a submission deadline.
  const event = {
    // Millisecond precision, as the hash's ISO text has it.
    occurredAt: new Date((input.occurredAt ?? (await databaseNow(tx))).getTime()),
    actorUserId: input.actorUserId ?? null,
    organisationId: input.organisationId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    data: toJsonValue(input.data ?? {}),
  };
  const canonical = canonicalEvent(event);
  const chain = auditChainOf(event.organisationId);
  const [, rows] = await inOrder<[number, { seq: bigint | string; hash: string }[]]>(tx, [
    () => tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int4, hashtext(${chain}))`,
    // A new statement, so its snapshot sees the event committed by the previous holder of the lock. The
    // sequence number is drawn under the lock too, so a chain's order is its events' seq order.
    () => tx.$queryRaw<{ seq: bigint | string; hash: string }[]>`
    INSERT INTO audit_event (occurred_at, actor_user_id, organisation_id, action, entity_type, entity_id, data, chain, prev_hash, hash)
    SELECT ${event.occurredAt}, ${event.actorUserId}, ${event.organisationId}, ${event.action}, ${event.entityType},
           ${event.entityId}, ${JSON.stringify(event.data)}::jsonb, ${chain}, link.prev,
           encode(sha256(convert_to(link.prev || ${canonical}, 'UTF8')), 'hex')
      FROM (SELECT coalesce((SELECT hash FROM audit_event WHERE chain = ${chain} ORDER BY seq DESC LIMIT 1), ${GENESIS_HASH}) AS prev) AS link
    RETURNING seq, hash`,
  ]);
  const { seq, hash } = rows[0]!;
  return { seq: BigInt(seq), hash };
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  /** The first event whose link or hash does not verify. */
  brokenAt?: { seq: bigint; reason: "prev-hash-mismatch" | "hash-mismatch" };
}

/**
 * Re-computes every hash of every chain in order and reports the first break, if any. Events are read in
 * seq order, which is each chain's own order; each event must link to the last one of its chain.
 */
export async function verifyAuditChain(prisma: PrismaClient, batchSize = 1000): Promise<AuditChainReport> {
  const heads = new Map<string, string>();
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const e of batch) {
      const prevHash = heads.get(e.chain) ?? GENESIS_HASH;
      if (e.prevHash !== prevHash) return { ok: false, checked, brokenAt: { seq: e.seq, reason: "prev-hash-mismatch" } };
      const expected = hashEvent(prevHash, {
        occurredAt: e.occurredAt,
        actorUserId: e.actorUserId,
        organisationId: e.organisationId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        data: e.data,
      });
      if (expected !== e.hash) return { ok: false, checked, brokenAt: { seq: e.seq, reason: "hash-mismatch" } };
      heads.set(e.chain, e.hash);
      checked += 1;
    }
    const lastEvent = batch.at(-1);
    if (!lastEvent || batch.length < batchSize) return { ok: true, checked };
    after = lastEvent.seq;
  }
}
