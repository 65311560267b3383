import { SupplierIndexCache } from "../matching/supplier-index-cache.ts";
import { matchTenderVersion } from "../matching/match-tender-version.ts";
import type { JobHandler } from "../processors.ts";

// One index per worker process, shared by every matching job it runs (rebuilt when suppliers change).
const cache = new SupplierIndexCache();

/** Matches one tender version to suppliers and notifies the top ones; idempotent (see matchTenderVersion). */
export const matchTenderJob: JobHandler<"matching", "match-tender"> = (deps, job) => matchTenderVersion(deps, cache, job.data);
