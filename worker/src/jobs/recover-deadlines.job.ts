import type { Deps } from "@ccm/api";
import { recoverDeadlineJobs } from "@ccm/api/tenders/recover-deadline-jobs";
import type { JobHandler } from "../processors.ts";

/** How often overdue tenders and standstills are looked for, besides at worker start. */
export const DEADLINE_RECOVERY = { id: "recover-deadlines", everyMs: 60_000 } as const;

/**
 * Re-requests overdue close and end-of-standstill jobs (see recoverDeadlineJobs), and retries those of
 * them that failed for good (every attempt used, say while the database was down for longer than the
 * back-off): a failed job keeps its id, so requesting it again would be ignored.
 */
export async function recoverOverdueJobs(deps: Pick<Deps, "prisma" | "outbox" | "queues">) {
  const recovered = await recoverDeadlineJobs(deps);
  const queue = deps.queues.queue("deadlines");
  let retried = 0;
  for (const jobId of recovered.jobIds) {
    const job = await queue.getJob(jobId);
    if (job && (await job.isFailed())) {
      await job.retry("failed");
      retried += 1;
    }
  }
  return { tenders: recovered.tenders, awards: recovered.awards, retried };
}

export const recoverDeadlinesJob: JobHandler<"deadlines", "recover-deadlines"> = (deps) => recoverOverdueJobs(deps);

/**
 * At worker start: recover what fell due while no worker ran, then keep a one-minute job scheduler
 * (an upsert by id, so every worker process may call this and there is still one schedule).
 */
export async function startDeadlineRecovery(deps: Pick<Deps, "prisma" | "outbox" | "queues" | "logger">): Promise<void> {
  const recovered = await recoverOverdueJobs(deps);
  if (recovered.tenders || recovered.awards) deps.logger.info(recovered, "re-requested overdue deadline jobs");
  await deps.queues
    .queue("deadlines")
    .upsertJobScheduler(DEADLINE_RECOVERY.id, { every: DEADLINE_RECOVERY.everyMs }, { name: "recover-deadlines", data: {} });
}
