import { jobIds } from "@ccm/api/jobs/queues";
import { listOpenTenders } from "@ccm/api/matching/list-open-tenders";
import type { JobHandler } from "../processors.ts";

/** The run date of a job: the one in its data, else the UTC day a scheduler created it to run on. */
export function runDateOf(job: { data: { runDate: string }; timestamp: number; opts: { delay?: number } }): string {
  return job.data.runDate || new Date(job.timestamp + (job.opts.delay ?? 0)).toISOString().slice(0, 10);
}

/**
 * Nightly (a job scheduler): re-matches every open tender, so that suppliers who joined or changed since
 * a tender was published are found too. Fans out as a flow: a "rematch-complete" parent with one
 * "match-tender" child per open tender, which the matching workers run in parallel; the parent runs once
 * they have all finished. A child that fails does not hold up the parent. Adding the same night's flow
 * twice (a retried job) adds nothing: every id is derived from the run date.
 */
export const rematchAllJob: JobHandler<"matching", "rematch-all"> = async (deps, job) => {
  const runDate = runDateOf(job);
  const parentId = jobIds.rematchComplete(runDate);
  if (await deps.queues.queue("matching").getJob(parentId)) return { runDate, tenders: 0, alreadyStarted: true };
  const tenders = await listOpenTenders(deps.prisma);
  const flows = deps.queues.createFlowProducer();
  try {
    await flows.add({
      name: "rematch-complete",
      queueName: "matching",
      data: { runDate, tenders: tenders.length },
      opts: { jobId: parentId },
      children: tenders.map((t) => ({
        name: "match-tender",
        queueName: "matching",
        data: { tenderId: t.id, version: t.version },
        opts: {
          jobId: jobIds.rematchTender(runDate, t.id, t.version),
          attempts: 3,
          backoff: { type: "exponential", delay: 5_000 },
          ignoreDependencyOnFailure: true,
        },
      })),
    });
  } finally {
    await flows.close();
  }
  return { runDate, tenders: tenders.length };
};
