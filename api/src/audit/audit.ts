import { createHash } from "node:crypto";
import type { PrismaClient } from "@ccm/prisma";
import { canonicalJson, toJsonValue } from "../shared/canonical-json.ts";
import { databaseNow, type Tx } from "../shared/transaction.ts";

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

// Every audit insert takes this transaction-scoped lock, so events are chained in commit order and two
// transactions can never both link to the same predecessor. Insert the audit event last in a transaction
// to keep the lock's hold time short.
const AUDIT_CHAIN_LOCK = 0x61756474; // "audt"

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

/** Appends one event to the hash-chained audit trail, inside the caller's transaction. */
export async function recordAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
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
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  // A new statement, so its snapshot sees the event committed by the previous holder of the lock.
  const rows = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    INSERT INTO audit_event (occurred_at, actor_user_id, organisation_id, action, entity_type, entity_id, data, prev_hash, hash)
    SELECT ${event.occurredAt}, ${event.actorUserId}, ${event.organisationId}, ${event.action}, ${event.entityType},
           ${event.entityId}, ${JSON.stringify(event.data)}::jsonb, link.prev,
           encode(sha256(convert_to(link.prev || ${canonical}, 'UTF8')), 'hex')
      FROM (SELECT coalesce((SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1), ${GENESIS_HASH}) AS prev) AS link
    RETURNING seq, hash`;
  return rows[0]!;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  /** The first event whose link or hash does not verify. */
  brokenAt?: { seq: bigint; reason: "prev-hash-mismatch" | "hash-mismatch" };
}

/** Re-computes every hash in order and reports the first break, if any. */
export async function verifyAuditChain(prisma: PrismaClient, batchSize = 1000): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const e of batch) {
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
      prevHash = e.hash;
      checked += 1;
    }
    const lastEvent = batch.at(-1);
    if (!lastEvent || batch.length < batchSize) return { ok: true, checked };
    after = lastEvent.seq;
  }
}
