// The queue contract shared by the API (which enqueues through the outbox) and the worker (which
// processes). Queues are nouns; job ids are derived from the domain ids, never random, so a job
// requested twice is one job (BullMQ ignores an add whose id exists) and a re-run is harmless.

export interface QueuePayloads {
  notifications: {
    /** Deliver one notification: an in-app row for each recipient plus an email. */
    "send-notification": {
      userIds: string[];
      kind: string;
      title: string;
      body: string;
      link?: string;
      /** Deterministic per cause; with the user id it makes the notification row unique. */
      dedupeKey: string;
      email?: boolean;
    };
  };
  deadlines: {
    /** Close a tender when its submission deadline passes (a delayed job). */
    "close-tender": { tenderId: string; version: number };
    /** End the standstill of an award and turn it into a contract (a delayed job). */
    "end-standstill": { tenderId: string; awardId: string };
    /** Every minute (a job scheduler): re-request close and standstill jobs that are overdue (recovery). */
    "recover-deadlines": Record<string, never>;
  };
  matching: {
    /** Match one tender version to suppliers. */
    "match-tender": { tenderId: string; version: number };
    /** Nightly: re-match every open tender (a flow parent with a child per tender). */
    "rematch-all": { runDate: string };
    /** The parent of a nightly re-match flow: runs once every tender's child job has finished. */
    "rematch-complete": { runDate: string; tenders: number };
    /** Daily: email each supplier user one digest of the new matches notified in the app since the last. */
    "send-match-digest": { runDate: string };
  };
}

export type QueueName = keyof QueuePayloads;
export type JobName<Q extends QueueName> = keyof QueuePayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = QueuePayloads[Q][N];

export const QUEUE_NAMES = ["notifications", "deadlines", "matching"] as const satisfies readonly QueueName[];

/** A job to run after the current transaction commits. */
export interface JobRequest<Q extends QueueName = QueueName, N extends JobName<Q> = JobName<Q>> {
  queue: Q;
  name: N;
  jobId: string;
  payload: JobPayload<Q, N>;
  /** Run no earlier than this (a delayed job); deadlines use the database clock's times. */
  runAt?: Date;
}

/** Any one job of the contract (a union over every queue and job name), e.g. for the queue client. */
export type AnyJobRequest = {
  [Q in QueueName]: { [N in JobName<Q>]: JobRequest<Q, N> }[JobName<Q>];
}[QueueName];

/** Deterministic job ids, one function per kind of job so that every caller agrees. */
export const jobIds = {
  // Dedupe keys read like "tender-amended:<id>:<version>"; BullMQ ids may not contain ":".
  notification: (dedupeKey: string) => `notify-${dedupeKey.replaceAll(":", ".")}`,
  closeTender: (tenderId: string, version: number) => `close-${tenderId}-v${version}`,
  endStandstill: (awardId: string) => `standstill-${awardId}`,
  matchTender: (tenderId: string, version: number) => `match-${tenderId}-v${version}`,
  rematchAll: (runDate: string) => `rematch-${runDate}`,
  /** A tender's child in the nightly flow: distinct from matchTender, whose job id already exists. */
  rematchTender: (runDate: string, tenderId: string, version: number) => `rematch-${runDate}-${tenderId}-v${version}`,
  rematchComplete: (runDate: string) => `rematch-${runDate}-complete`,
  matchDigest: (runDate: string) => `match-digest-${runDate}`,
};
