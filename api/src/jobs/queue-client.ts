import type { FlowProducer, IQueueBackend, JobProgress, Processor, Queue, Worker, WorkerOptions } from "bullmq";
import type { AnyJobRequest, QueueName } from "./queues.ts";

export type QueueBackendKind = "redis" | "postgres" | "pglite";

/** A BullMQ queue on whichever backend is configured (job data is the typed payload of queues.ts). */
export type AnyQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
export type AnyWorker = Worker<unknown, unknown, string, IQueueBackend, JobProgress, unknown>;
export type AnyFlowProducer = FlowProducer<IQueueBackend, unknown>;
export type AnyProcessor = Processor<unknown, unknown, string>;

/** What a caller may tune on a worker; the connection and namespace always come from the backend. */
export type WorkerSettings = Omit<WorkerOptions, "connection" | "prefix">;

/**
 * The queues as every process sees them: producers for the outbox relay, and the means to start
 * workers and flow producers on the same backend (Redis, PostgreSQL or the embedded PGlite).
 */
export interface QueueClient {
  backend: QueueBackendKind;
  /** Adds a job; a job whose id already exists is left as it is (BullMQ semantics). */
  add(job: AnyJobRequest): Promise<void>;
  /** The producer of one queue (shared; do not close it), e.g. to look a job up by id. */
  queue(name: QueueName): AnyQueue;
  /** A new worker on this backend; the caller closes it (`worker.close()`) before `close()`. */
  createWorker(name: QueueName, processor: AnyProcessor, settings?: WorkerSettings): AnyWorker;
  /** A new flow producer (a parent job with children, possibly across queues); the caller closes it. */
  createFlowProducer(): AnyFlowProducer;
  /** True when the backend answers within a couple of seconds. */
  health(): Promise<boolean>;
  /** Closes the producers and the backend's connections (close workers first). */
  close(): Promise<void>;
}
