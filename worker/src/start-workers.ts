import { hostname } from "node:os";
import { UnrecoverableError, type Job } from "bullmq";
import type { Deps } from "@ccm/api";
import { DomainError } from "@ccm/api/errors";
import type { AnyWorker } from "@ccm/api/jobs/queue-client";
import { QUEUE_NAMES, type QueueName } from "@ccm/api/jobs/queues";
import { processors, startHooks, type ProcessorRegistry, type StartHooks } from "./processors.ts";

export interface StartWorkersOptions {
  /** Which queues this process serves (default: all). */
  queues?: QueueName[];
  /** Jobs run at once per queue (default 5). */
  concurrency?: number;
  /** The handlers (default: the registry in processors.ts); tests pass their own. */
  registry?: ProcessorRegistry;
  /** Run once the workers listen (default: startHooks in processors.ts). */
  hooks?: StartHooks;
}

export interface RunningWorkers {
  /** The worker name stamped on each job this process runs (`processedBy`). */
  name: string;
  workers: AnyWorker[];
  /** Graceful shutdown: waits for the jobs in progress, takes no new ones. */
  close(): Promise<void>;
}

type UntypedHandler = (deps: Deps, job: Job) => Promise<unknown>;

/**
 * Starts a BullMQ worker for each queue, dispatching every job by its name through the registry, then
 * runs the queues' start hooks (schedulers, recovery).
 */
export async function startWorkers(deps: Deps, options: StartWorkersOptions = {}): Promise<RunningWorkers> {
  const registry = options.registry ?? processors;
  const name = `${hostname()}:${process.pid}`;
  const workers = (options.queues ?? [...QUEUE_NAMES]).map((queue) => {
    const handlers = registry[queue] as Record<string, UntypedHandler | undefined>;
    const worker = deps.queues.createWorker(
      queue,
      async (job) => {
        const handler = handlers[job.name];
        if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}" on queue "${queue}"`);
        try {
          return await handler(deps, job as Job);
        } catch (err) {
          // Expected failures (the tender was cancelled, the payload is invalid) will not improve on retry.
          if (err instanceof DomainError) throw new UnrecoverableError(`${err.code}: ${err.message}`);
          throw err;
        }
      },
      { concurrency: options.concurrency ?? 5, name },
    );
    worker.on("completed", (job) => deps.logger.debug({ queue, jobId: job.id, job: job.name, worker: name }, "job completed"));
    worker.on("failed", (job, err) =>
      deps.logger.warn(
        { queue, jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, err: err.message },
        "job failed",
      ),
    );
    worker.on("error", (err) => deps.logger.error({ err, queue }, "worker error"));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const hooks = options.hooks ?? startHooks;
  for (const queue of options.queues ?? QUEUE_NAMES) await hooks[queue]?.(deps);
  return {
    name,
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
