import type { DatabaseKind, OutboxMessage, PrismaClient } from "@ccm/prisma";
import type { Logger } from "../logger.ts";
import type { OutboxRelay } from "./outbox.ts";
import type { QueueClient } from "./queue-client.ts";
import type { AnyJobRequest } from "./queues.ts";

export interface OutboxRelayOptions {
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** How long one add may take before the backend counts as unreachable and the pass stops. */
  addTimeoutMs?: number;
}

export interface OutboxRelayDeps {
  prisma: PrismaClient;
  queues: QueueClient;
  logger: Logger;
  /** On PGlite the relay must not hold a transaction while it enqueues (see relayBatchEmbedded). */
  databaseKind: DatabaseKind;
}

type ClaimedRow = Pick<OutboxMessage, "id" | "queue" | "jobName" | "jobId" | "payload" | "runAt">;

interface BatchResult {
  claimed: number;
  relayed: number;
  lastId: bigint;
  /** The backend stopped answering: end this pass, the poll will try again. */
  unreachable: boolean;
}

class AddTimeoutError extends Error {
  override name = "AddTimeoutError";
}

/**
 * Relays committed outbox rows to the queues, oldest first. Safe with any number of API and worker
 * processes on one PostgreSQL: each batch is claimed with FOR UPDATE SKIP LOCKED and marked relayed in
 * the same transaction once the add succeeded. If that transaction is lost after the add, the row is
 * relayed again and the add is a no-op (the job id is deterministic), so a job is never duplicated.
 */
export function createOutboxRelay(deps: OutboxRelayDeps, options: OutboxRelayOptions = {}): OutboxRelay {
  const batchSize = options.batchSize ?? 50;
  const addTimeoutMs = options.addTimeoutMs ?? 5000;
  let running: Promise<number> | undefined;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  async function addWithTimeout(row: ClaimedRow): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.queues.add({
          queue: row.queue,
          name: row.jobName,
          jobId: row.jobId,
          payload: row.payload,
          runAt: row.runAt ?? undefined,
        } as AnyJobRequest),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new AddTimeoutError(`queue add timed out after ${addTimeoutMs} ms`)), addTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Adds each row; returns the ids that reached the queue and the failures to record. */
  async function addRows(rows: ClaimedRow[]) {
    const relayed: bigint[] = [];
    const failed: { id: bigint; error: string }[] = [];
    let unreachable = false;
    for (const row of rows) {
      try {
        await addWithTimeout(row);
        relayed.push(row.id);
      } catch (err) {
        failed.push({ id: row.id, error: String(err instanceof Error ? err.message : err).slice(0, 1000) });
        deps.logger.warn({ err, outboxId: String(row.id), jobId: row.jobId }, "outbox row not relayed; will retry");
        if (err instanceof AddTimeoutError) {
          unreachable = true;
          break;
        }
      }
    }
    return { relayed, failed, unreachable };
  }

  async function relayBatchShared(afterId: bigint): Promise<BatchResult> {
    return deps.prisma.$transaction(
      async (tx) => {
        // Rows another relay holds are skipped, not waited for: it is relaying them right now.
        const rows = await tx.$queryRaw<
          { id: bigint; queue: string; job_name: string; job_id: string; payload: unknown; run_at: Date | null }[]
        >`SELECT id, queue, job_name, job_id, payload, run_at FROM outbox_message
           WHERE relayed_at IS NULL AND id > ${afterId}
           ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        const claimed: ClaimedRow[] = rows.map((r) => ({
          id: BigInt(r.id),
          queue: r.queue,
          jobName: r.job_name,
          jobId: r.job_id,
          payload: r.payload as ClaimedRow["payload"],
          runAt: r.run_at ? new Date(r.run_at) : null,
        }));
        const { relayed, failed, unreachable } = await addRows(claimed);
        if (relayed.length)
          await tx.outboxMessage.updateMany({
            where: { id: { in: relayed } },
            data: { relayedAt: new Date(), attempts: { increment: 1 }, lastError: null },
          });
        for (const f of failed)
          await tx.outboxMessage.update({ where: { id: f.id }, data: { attempts: { increment: 1 }, lastError: f.error } });
        return { claimed: claimed.length, relayed: relayed.length, lastId: claimed.at(-1)?.id ?? afterId, unreachable };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  }

  // PGlite is one session in this one process: a transaction held while enqueueing would block the
  // queue's own queries until it timed out. No other process can open the database, so there is no
  // one to race; the in-process `running` guard is enough. Each row is marked right after its add.
  async function relayBatchEmbedded(afterId: bigint): Promise<BatchResult> {
    const rows = await deps.prisma.outboxMessage.findMany({
      where: { relayedAt: null, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, queue: true, jobName: true, jobId: true, payload: true, runAt: true },
    });
    const { relayed, failed, unreachable } = await addRows(rows);
    if (relayed.length)
      await deps.prisma.outboxMessage.updateMany({
        where: { id: { in: relayed } },
        data: { relayedAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
    for (const f of failed)
      await deps.prisma.outboxMessage.update({ where: { id: f.id }, data: { attempts: { increment: 1 }, lastError: f.error } });
    return { claimed: rows.length, relayed: relayed.length, lastId: rows.at(-1)?.id ?? afterId, unreachable };
  }

  const relayBatch = deps.databaseKind === "pglite" ? relayBatchEmbedded : relayBatchShared;

  /** One pass over the pending rows in id order; a row that fails is retried on the next pass. */
  async function relayPending(): Promise<number> {
    let total = 0;
    let afterId = 0n;
    for (;;) {
      const batch = await relayBatch(afterId);
      total += batch.relayed;
      // A short batch was the last: rows committed after it come with a kick of their own, and rows it
      // skipped are being relayed by another process (SKIP LOCKED). Saves an empty transaction per pass.
      if (batch.claimed < batchSize || batch.unreachable) break;
      afterId = batch.lastId;
    }
    return total;
  }

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = relayPending()
      .catch((err: unknown) => {
        deps.logger.error({ err }, "outbox relay failed; will retry on the next poll");
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    kick,
    relayPending,
    start(intervalMs = 1000) {
      if (closed || timer) return;
      timer = setInterval(kick, intervalMs);
      timer.unref();
      kick();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
