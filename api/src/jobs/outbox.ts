import { toJsonValue } from "../shared/canonical-json.ts";
import type { SqlTx } from "../shared/transaction.ts";
import type { AnyJobRequest, JobName, JobRequest, QueueName } from "./queues.ts";

/**
 * Records a job in the outbox inside the caller's transaction. It reaches the queue only after the
 * transaction commits (the relay reads committed rows), so no job runs for a rolled-back change and
 * none is lost if the process dies between commit and enqueue. Call `deps.outbox.kick()` after commit.
 */
export async function enqueueJob<Q extends QueueName, N extends JobName<Q>>(tx: SqlTx, job: JobRequest<Q, N>): Promise<void> {
  await enqueueJobs(tx, [job as AnyJobRequest]);
}

/** enqueueJob for several jobs in one statement (a batch of bid receipts). */
export async function enqueueJobs(tx: SqlTx, jobs: readonly AnyJobRequest[]): Promise<void> {
  if (jobs.length === 0) return;
  for (const job of jobs) assertValidJobId(job.jobId);
  // One raw statement: jobs are written inside the busiest transactions (bids' receipts at a deadline).
  await tx.$executeRaw`
    INSERT INTO outbox_message (queue, job_name, job_id, payload, run_at)
    SELECT j.queue, j.job_name, j.job_id, j.payload::jsonb, j.run_at
      FROM unnest(${jobs.map((j) => j.queue)}::text[], ${jobs.map((j) => j.name)}::text[], ${jobs.map((j) => j.jobId)}::text[],
                  ${jobs.map((j) => JSON.stringify(toJsonValue(j.payload)))}::text[], ${jobs.map((j) => j.runAt ?? null)}::timestamptz[])
           WITH ORDINALITY AS j(queue, job_name, job_id, payload, run_at, n)
     ORDER BY j.n`;
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
