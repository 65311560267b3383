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
  const [recorded] = await recordAuditEvents(tx, [input]);
  return recorded!;
}

/**
 * Appends events, in the order given, to their organisations' chains inside the caller's transaction (a
 * batch of submissions records one per bid). The chains' locks are taken together, in the order of their
 * keys, so transactions that record to several chains never wait for each other in a circle; each
 * statement then appends at most one event per chain, since a statement does not see its own rows.
 */
export async function recordAuditEvents(tx: SqlTx, inputs: readonly AuditEventInput[]): Promise<{ seq: bigint; hash: string }[]> {
  if (inputs.length === 0) return [];
  // Everything that does not depend on the chain is prepared before the lock, and each chain link is
  // read and written in the insert itself (hash = sha256(prevHash || canonical event), as hashEvent
  // computes it), so the locks are held for one round trip and the commit: many transactions queue on
  // them at a submission deadline.
  const needsClock = inputs.some((input) => !input.occurredAt);
  const now = needsClock ? await databaseNow(tx) : undefined;
  const events = inputs.map((input) => {
    const event = {
      // Millisecond precision, as the hash's ISO text has it.
      occurredAt: new Date((input.occurredAt ?? now!).getTime()),
      actorUserId: input.actorUserId ?? null,
      organisationId: input.organisationId ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      data: toJsonValue(input.data ?? {}),
    };
    return { ...event, canonical: canonicalEvent(event), chain: auditChainOf(event.organisationId) };
  });
  // Round k appends the k-th event of each chain.
  const rounds: (typeof events)[] = [];
  const perChain = new Map<string, number>();
  for (const event of events) {
    const k = perChain.get(event.chain) ?? 0;
    perChain.set(event.chain, k + 1);
    (rounds[k] ??= []).push(event);
  }
  const column = <T>(round: typeof events, f: (e: (typeof events)[number]) => T) => round.map(f);
  const [, ...inserted] = await inOrder<[number, ...{ seq: bigint | string; hash: string; chain: string }[][]]>(tx, [
    () => tx.$executeRaw`
      SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int4, k)
        FROM (SELECT DISTINCT hashtext(c) AS k FROM unnest(${[...perChain.keys()]}::text[]) AS c ORDER BY k OFFSET 0) AS keys`,
    // New statements, so their snapshots see the events committed by the previous holders of the locks.
    // Sequence numbers are drawn under the locks too, so a chain's order is its events' seq order.
    ...rounds.map(
      (round) => () =>
        tx.$queryRaw<{ seq: bigint | string; hash: string; chain: string }[]>`
      INSERT INTO audit_event (occurred_at, actor_user_id, organisation_id, action, entity_type, entity_id, data, chain, prev_hash, hash)
      SELECT e.occurred_at, e.actor_user_id, e.organisation_id, e.action, e.entity_type, e.entity_id, e.data::jsonb, e.chain, link.prev,
             encode(sha256(convert_to(link.prev || e.canonical, 'UTF8')), 'hex')
        FROM unnest(${column(round, (e) => e.occurredAt)}::timestamptz[], ${column(round, (e) => e.actorUserId)}::text[],
                    ${column(round, (e) => e.organisationId)}::text[], ${column(round, (e) => e.action)}::text[],
                    ${column(round, (e) => e.entityType)}::text[], ${column(round, (e) => e.entityId)}::text[],
                    ${column(round, (e) => JSON.stringify(e.data))}::text[], ${column(round, (e) => e.chain)}::text[],
                    ${column(round, (e) => e.canonical)}::text[])
               WITH ORDINALITY AS e(occurred_at, actor_user_id, organisation_id, action, entity_type, entity_id, data, chain, canonical, n)
       CROSS JOIN LATERAL (SELECT coalesce((SELECT hash FROM audit_event WHERE chain = e.chain ORDER BY seq DESC LIMIT 1),
                                           ${GENESIS_HASH}) AS prev) AS link
       ORDER BY e.n
      RETURNING seq, hash, chain`,
    ),
  ]);
  // Each chain appears once per round, so (round, chain) names one event.
  const recorded = new Map(inserted.flatMap((rows, k) => rows.map((r) => [`${k}:${r.chain}`, r] as const)));
  const seen = new Map<string, number>();
  return events.map((event) => {
    const k = seen.get(event.chain) ?? 0;
    seen.set(event.chain, k + 1);
    const row = recorded.get(`${k}:${event.chain}`)!;
    return { seq: BigInt(row.seq), hash: row.hash };
  });
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
 * All batches read one snapshot (REPEATABLE READ): events are appended meanwhile, and a seq is taken
 * before its transaction commits, so a later batch could otherwise hold an event whose predecessor on its
 * chain (a lower seq, committed after an earlier batch was read) was never read: a break that is not there.
 */
export async function verifyAuditChain(prisma: PrismaClient, batchSize = 1000): Promise<AuditChainReport> {
  return prisma.$transaction((tx) => verifyInSnapshot(tx, batchSize), {
    isolationLevel: "RepeatableRead",
    // A read-only pass over the whole trail, however long it is.
    timeout: 10 * 60_000,
  });
}

async function verifyInSnapshot(prisma: Pick<PrismaClient, "auditEvent">, batchSize: number): Promise<AuditChainReport> {
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
