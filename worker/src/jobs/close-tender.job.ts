import { DelayedError } from "bullmq";
import { closeTender } from "@ccm/api/tenders/close-tender";
import type { JobHandler } from "../processors.ts";

/**
 * Closes a tender at its submission deadline (a delayed job with id close-<tender>-v<version>). The
 * database clock decides: if the job fires before the deadline (the queue's clock runs ahead), the
 * current version's job moves itself back to the deadline; an older version's job finds nothing to do.
 */
export const closeTenderJob: JobHandler<"deadlines", "close-tender"> = async (deps, job) => {
  const result = await closeTender(deps, job.data.tenderId);
  if (result.outcome === "not-due" && result.version === job.data.version) {
    await job.moveToDelayed(result.submissionDeadline.getTime() + 100, job.token);
    throw new DelayedError();
  }
  return result;
};
