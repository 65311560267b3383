// The worker as its own process (scale out by starting more of them on the same queues): runs the jobs,
// relays the outbox rows its jobs write, and shuts down gracefully on SIGTERM/SIGINT.
import { loadConfig } from "@ccm/api/config";
import { closeDeps, createDeps } from "@ccm/api/create-deps";
import { QUEUE_NAMES, type QueueName } from "@ccm/api/jobs/queues";
import { startWorkers } from "./start-workers.ts";

const config = loadConfig();
const deps = await createDeps(config);
if (deps.db.kind === "pglite")
  deps.logger.warn("the embedded database serves one process: use `pnpm start`, or set DATABASE_URL to scale out");

const queues = parseQueues(process.env.WORKER_QUEUES);
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 5);
deps.outbox.start();
const running = await startWorkers(deps, { queues, concurrency });
deps.logger.info({ queues, concurrency, backend: deps.queues.backend, worker: running.name }, "worker ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.logger.info({ signal }, "worker shutting down: finishing the jobs in progress");
  await running.close();
  await closeDeps(deps);
  deps.logger.info("worker stopped");
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

/** WORKER_QUEUES="notifications,deadlines" limits this process to some queues (default: all). */
function parseQueues(value: string | undefined): QueueName[] {
  if (!value) return [...QUEUE_NAMES];
  const names = value
    .split(",")
    .map((q) => q.trim())
    .filter(Boolean);
  const unknown = names.filter((q) => !(QUEUE_NAMES as readonly string[]).includes(q));
  if (unknown.length) throw new Error(`WORKER_QUEUES names unknown queues: ${unknown.join(", ")}`);
  return names as QueueName[];
}
