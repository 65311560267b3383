import type { JobRequest } from "./queues.ts";

export type QueueBackendKind = "redis" | "postgres" | "pglite";

/** The producer side of the queues, as the API and the outbox relay see it. */
export interface QueueClient {
  backend: QueueBackendKind;
  /** Adds a job; a job whose id already exists is left as it is (BullMQ semantics). */
  add(job: JobRequest): Promise<void>;
  /** True when the backend answers. */
  health(): Promise<boolean>;
  close(): Promise<void>;
}
