import type { Deps } from "@ccm/api";

/** When the nightly re-match and the daily digest run (UK time, so they follow the clocks). */
export const MATCHING_SCHEDULES = {
  rematch: { id: "nightly-rematch", pattern: "0 2 * * *" },
  digest: { id: "daily-match-digest", pattern: "0 7 * * *" },
} as const;

/**
 * Registers the matching job schedulers (idempotent: an upsert by scheduler id, so every worker process
 * may call it at start and there is still one schedule).
 */
export async function upsertMatchingSchedules(deps: Pick<Deps, "queues">): Promise<void> {
  const queue = deps.queues.queue("matching");
  await queue.upsertJobScheduler(
    MATCHING_SCHEDULES.rematch.id,
    { pattern: MATCHING_SCHEDULES.rematch.pattern, tz: "Europe/London" },
    { name: "rematch-all", data: { runDate: "" } },
  );
  await queue.upsertJobScheduler(
    MATCHING_SCHEDULES.digest.id,
    { pattern: MATCHING_SCHEDULES.digest.pattern, tz: "Europe/London" },
    { name: "send-match-digest", data: { runDate: "" } },
  );
}
