import { DelayedError } from "bullmq";
import { endStandstill } from "@ccm/api/awards/end-standstill";
import type { JobHandler } from "../processors.ts";

/** Ends an award's standstill into a contract (a delayed job with id standstill-<award>); idempotent. */
export const endStandstillJob: JobHandler<"deadlines", "end-standstill"> = async (deps, job) => {
  const result = await endStandstill(deps, job.data.awardId);
  if (result.outcome === "not-due") {
    await job.moveToDelayed(result.standstillEndsAt.getTime() + 100, job.token);
    throw new DelayedError();
  }
  return result;
};
