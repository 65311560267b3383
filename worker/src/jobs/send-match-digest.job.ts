import { sendMatchDigest } from "@ccm/api/matching/send-match-digest";
import type { JobHandler } from "../processors.ts";
import { runDateOf } from "./rematch-all.job.ts";

/** Daily (a job scheduler): one email per supplier user listing the opportunities matched since the last. */
export const sendMatchDigestJob: JobHandler<"matching", "send-match-digest"> = (deps, job) =>
  sendMatchDigest(deps, { runDate: runDateOf(job) });
