import type { Job } from "bullmq";
import type { Deps } from "@ccm/api";
import type { JobName, JobPayload, QueueName } from "@ccm/api/jobs/queues";
import { matchTenderJob } from "./jobs/match-tender.job.ts";
import { rematchAllJob } from "./jobs/rematch-all.job.ts";
import { rematchCompleteJob } from "./jobs/rematch-complete.job.ts";
import { upsertMatchingSchedules } from "./jobs/matching-schedules.ts";
import { sendMatchDigestJob } from "./jobs/send-match-digest.job.ts";
import { closeTenderJob } from "./jobs/close-tender.job.ts";
import { endStandstillJob } from "./jobs/end-standstill.job.ts";
import { recoverDeadlinesJob, startDeadlineRecovery } from "./jobs/recover-deadlines.job.ts";
import { sendNotificationJob } from "./jobs/send-notification.job.ts";

/** Processes one job of a queue's job name; thin: it calls the api's domain operation. */
export type JobHandler<Q extends QueueName, N extends JobName<Q>> = (
  deps: Deps,
  job: Job<JobPayload<Q, N>, unknown, N>,
) => Promise<unknown>;

/** For every queue, the handler of each job name (the contract is api/src/jobs/queues.ts). */
export type ProcessorRegistry = { [Q in QueueName]: { [N in JobName<Q>]?: JobHandler<Q, N> } };

// Add a handler with one line in its queue's map; a job name without one fails as unrecoverable.
export const processors: ProcessorRegistry = {
  notifications: {
    "send-notification": sendNotificationJob,
  },
  deadlines: {
    "close-tender": closeTenderJob,
    "end-standstill": endStandstillJob,
    "recover-deadlines": recoverDeadlinesJob,
  },
  matching: {
    "match-tender": matchTenderJob,
    "rematch-all": rematchAllJob,
    "rematch-complete": rematchCompleteJob,
    "send-match-digest": sendMatchDigestJob,
  },
};

/** Idempotent work a process does once it serves a queue (job schedulers, recovery sweeps). */
export type StartHooks = { [Q in QueueName]?: (deps: Deps) => Promise<void> };

// Run by startWorkers, so the worker process and `pnpm start` behave alike.
export const startHooks: StartHooks = {
  deadlines: startDeadlineRecovery,
  matching: upsertMatchingSchedules,
};
