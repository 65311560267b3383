import type { Prisma } from "@ccm/prisma";
import { toJsonValue } from "../shared/canonical-json.ts";
import type { Tx } from "../shared/transaction.ts";
import type { JobName, JobRequest, QueueName } from "./queues.ts";

/**
 * Records a job in the outbox inside the caller's transaction. It reaches the queue only after the
 * transaction commits (the relay reads committed rows), so no job runs for a rolled-back change and
 * none is lost if the process dies between commit and enqueue. Call `deps.outbox.kick()` after commit.
 */
export async function enqueueJob<Q extends QueueName, N extends JobName<Q>>(tx: Tx, job: JobRequest<Q, N>): Promise<void> {
  await tx.outboxMessage.create({
    data: {
      queue: job.queue,
      jobName: job.name,
      jobId: job.jobId,
      payload: toJsonValue(job.payload) as Prisma.InputJsonValue,
      runAt: job.runAt ?? null,
    },
  });
}

/** Moves committed outbox rows onto the queues. One runs in every process that writes jobs. */
export interface OutboxRelay {
  /** Ask for a relay pass soon (after a commit); cheap to call often. */
  kick(): void;
  /** Relay everything pending now; resolves with how many rows were relayed. */
  relayPending(): Promise<number>;
  close(): Promise<void>;
}
