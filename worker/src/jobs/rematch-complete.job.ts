import type { JobHandler } from "../processors.ts";

/** The end of a nightly re-match flow: sums up what the children did, for the logs and the job's result. */
export const rematchCompleteJob: JobHandler<"matching", "rematch-complete"> = async (deps, job) => {
  const values = Object.values(await job.getChildrenValues<{ status?: string; notified?: number }>());
  const failed = Object.keys(await job.getIgnoredChildrenFailures()).length;
  const summary = {
    runDate: job.data.runDate,
    tenders: job.data.tenders,
    matched: values.filter((v) => v?.status === "stored").length,
    skipped: values.filter((v) => v?.status === "skipped").length,
    notified: values.reduce((sum, v) => sum + (v?.notified ?? 0), 0),
    failed,
  };
  deps.logger.info(summary, "nightly re-match finished");
  return summary;
};
