import type { Deps } from "../deps.ts";
import { enqueueJob } from "../jobs/outbox.ts";
import { jobIds } from "../jobs/queues.ts";

export interface RecoveredDeadlineJobs {
  tenders: number;
  awards: number;
  /** The ids of the jobs requested again. */
  jobIds: string[];
}

/**
 * Finds tenders past their deadline that are not closed, and awards past their standstill without a
 * contract, and requests their jobs again through the outbox. Run when a worker starts and then
 * periodically: if the delayed job is still queued the add is ignored (same id) and it simply runs
 * late; if it was lost (a queue flushed, an outbox row never relayed) this puts it back. The jobs are
 * idempotent, so a duplicate does nothing. A job that failed for good keeps its id in the queue's
 * failed set, where an add is ignored too: the worker retries those (retryFailedDeadlineJobs).
 */
export async function recoverDeadlineJobs(deps: Pick<Deps, "prisma" | "outbox">): Promise<RecoveredDeadlineJobs> {
  const found = await deps.prisma.$transaction(async (tx) => {
    const tenders = await tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT id, version FROM tender
       WHERE published_at IS NOT NULL AND closed_at IS NULL AND cancelled_at IS NULL AND unsuccessful_at IS NULL
         AND submission_deadline <= now()
       ORDER BY submission_deadline LIMIT 500`;
    const awards = await tx.$queryRaw<{ id: string; tender_id: string }[]>`
      SELECT a.id, a.tender_id FROM award a JOIN tender t ON t.id = a.tender_id
       WHERE a.standstill_ends_at <= now() AND t.cancelled_at IS NULL AND t.awarded_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.award_id = a.id)
       ORDER BY a.standstill_ends_at LIMIT 500`;
    const requested: string[] = [];
    for (const t of tenders) {
      const jobId = jobIds.closeTender(t.id, t.version);
      await enqueueJob(tx, { queue: "deadlines", name: "close-tender", jobId, payload: { tenderId: t.id, version: t.version } });
      requested.push(jobId);
    }
    for (const a of awards) {
      const jobId = jobIds.endStandstill(a.id);
      await enqueueJob(tx, {
        queue: "deadlines",
        name: "end-standstill",
        jobId,
        payload: { tenderId: a.tender_id, awardId: a.id },
      });
      requested.push(jobId);
    }
    return { tenders: tenders.length, awards: awards.length, jobIds: requested };
  });
  if (found.tenders || found.awards) deps.outbox.kick();
  return found;
}
