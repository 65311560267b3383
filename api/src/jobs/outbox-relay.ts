import type { PrismaClient } from "@ccm/prisma";
import type { Logger } from "../logger.ts";
import type { OutboxRelay } from "./outbox.ts";
import type { QueueClient } from "./queue-client.ts";
import type { JobRequest } from "./queues.ts";

/** Relays committed outbox rows to the queues, oldest first, marking each relayed. */
export function createOutboxRelay(deps: { prisma: PrismaClient; queues: QueueClient; logger: Logger }): OutboxRelay {
  let running: Promise<number> | undefined;
  let again = false;
  let closed = false;

  async function relayBatch(): Promise<number> {
    const rows = await deps.prisma.outboxMessage.findMany({ where: { relayedAt: null }, orderBy: { id: "asc" }, take: 200 });
    for (const row of rows) {
      await deps.queues.add({
        queue: row.queue,
        name: row.jobName,
        jobId: row.jobId,
        payload: row.payload,
        runAt: row.runAt ?? undefined,
      } as JobRequest);
      await deps.prisma.outboxMessage.update({
        where: { id: row.id },
        data: { relayedAt: new Date(), attempts: { increment: 1 } },
      });
    }
    return rows.length;
  }

  async function relayPending(): Promise<number> {
    let total = 0;
    for (let n = await relayBatch(); n > 0; n = await relayBatch()) total += n;
    return total;
  }

  return {
    kick() {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = relayPending()
        .catch((err: unknown) => {
          deps.logger.error({ err }, "outbox relay failed; will retry on the next kick");
          return 0;
        })
        .finally(() => {
          running = undefined;
          if (again) {
            again = false;
            this.kick();
          }
        });
    },
    relayPending,
    async close() {
      closed = true;
      await running;
    },
  };
}
