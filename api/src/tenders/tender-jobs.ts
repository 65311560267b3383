import { enqueueJob } from "../jobs/outbox.ts";
import { jobIds } from "../jobs/queues.ts";
import type { Tx } from "../shared/transaction.ts";

/**
 * Schedules the close job for this version's deadline, and asks for this version to be matched to
 * suppliers. Called on publish and on every amendment: the version in the job ids makes a changed
 * deadline a new delayed job, while the old one finds nothing to do when it fires.
 */
export async function scheduleTenderJobs(
  tx: Tx,
  tender: { id: string; version: number; submissionDeadline: Date },
): Promise<void> {
  await enqueueJob(tx, {
    queue: "deadlines",
    name: "close-tender",
    jobId: jobIds.closeTender(tender.id, tender.version),
    payload: { tenderId: tender.id, version: tender.version },
    runAt: tender.submissionDeadline,
  });
  await enqueueJob(tx, {
    queue: "matching",
    name: "match-tender",
    jobId: jobIds.matchTender(tender.id, tender.version),
    payload: { tenderId: tender.id, version: tender.version },
  });
}
