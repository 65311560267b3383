import { toJsonValue } from "../shared/canonical-json.ts";
import type { SqlTx } from "../shared/transaction.ts";
import type { JobName, JobRequest, QueueName } from "./queues.ts";

/**
 * Records a job in the outbox inside the caller's transaction. It reaches the queue only after the
 * transaction commits (the relay reads committed rows), so no job runs for a rolled-back change and
 * none is lost if the process dies between commit and enqueue. Call `deps.outbox.kick()` after commit.
 */
export async function enqueueJob<Q extends QueueName, N extends JobName<Q>>(tx: SqlTx, job: JobRequest<Q, N>): Promise<void> {
  assertValidJobId(job.jobId);
  // One raw statement: jobs are written inside the busiest transactions (a bid's receipt at a deadline).
  await tx.$executeRaw`
    INSERT INTO outbox_message (queue, job_name, job_id, payload, run_at)
    VALUES (${job.queue}, ${job.name}, ${job.jobId}, ${JSON.stringify(toJsonValue(job.payload))}::jsonb, ${job.runAt ?? null}::timestamptz)`;
}

/**
 * BullMQ refuses custom ids that are integers or contain ":" (its key separator). Checked when the job is
 * written, so the domain transaction fails in development instead of the relay failing for ever.
 */
export function assertValidJobId(jobId: string): void {
  if (!jobId || jobId.includes(":") || `${Number.parseInt(jobId, 10)}` === jobId)
    throw new Error(`invalid job id ${JSON.stringify(jobId)}: use jobIds in queues.ts (no ":", not a number)`);
}

/** Moves committed outbox rows onto the queues. One runs in every process that writes jobs. */
export interface OutboxRelay {
  /** Ask for a relay pass soon (after a commit); cheap to call often. */
  kick(): void;
  /** Relay everything pending now; resolves with how many rows this relay moved to the queues. */
  relayPending(): Promise<number>;
  /**
   * Poll every `intervalMs` as well (on an unref'd timer): recovers rows whose writer died between its
   * commit and its kick, or that failed to relay before. Long-running processes call this once.
   */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the pass in progress. */
  close(): Promise<void>;
}
