import {
  FlowProducer,
  Queue,
  Worker,
  createPostgresBackend,
  createRedisBackend,
  runMigrations,
  type BackendFactory,
  type IQueueBackend,
  type JobsOptions,
  type PostgresConnectionOptions,
} from "bullmq";
import { Redis } from "ioredis";
import type { Database } from "@ccm/prisma";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { createPglitePool, PGLITE_QUEUE_SCHEMA } from "./pglite-pool.ts";
import type {
  AnyFlowProducer,
  AnyProcessor,
  AnyQueue,
  AnyWorker,
  QueueBackendKind,
  QueueClient,
  WorkerSettings,
} from "./queue-client.ts";
import { QUEUE_NAMES, type QueueName } from "./queues.ts";

// The one place that decides where the queues live (ADR 0003):
// - REDIS_URL set: Redis, keys under the prefix QUEUE_PREFIX (the scale-out setting);
// - else DATABASE_URL: BullMQ's PostgreSQL backend in the schema named after QUEUE_PREFIX;
// - else the embedded PGlite of `pnpm start`, through the pool adapter in pglite-pool.ts.
// Everything else (the outbox relay, the worker, tests) builds its queues, workers and flow producers here.

/** Every job retries with backoff, and finished jobs stay a while so a re-added id is still a no-op. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

const HEALTH_TIMEOUT_MS = 2000;

/** How one backend builds BullMQ objects: its factory, and the connection option for each role. */
interface BackendBinding<C> {
  kind: QueueBackendKind;
  factory: BackendFactory<IQueueBackend, C>;
  producerConnection: () => C;
  workerConnection: (concurrency: number) => C;
  /** Redis key prefix; the PostgreSQL backends namespace by schema instead. */
  prefix?: string;
  closeConnections(): Promise<void>;
}

/** Opens the queues on the configured backend: Redis with REDIS_URL, else PostgreSQL, else PGlite. */
export async function createQueueClient(config: Config, db: Database, logger: Logger): Promise<QueueClient> {
  if (config.redisUrl) return bindClient(redisBinding(config.redisUrl, config.queuePrefix, logger), logger);
  if (db.url) return bindClient(postgresBinding(db.url, queueSchemaName(config.queuePrefix)), logger);
  if (db.pglite) return bindClient(await pgliteBinding(db.pglite), logger);
  throw new Error("no queue backend: set REDIS_URL or DATABASE_URL, or use the embedded database");
}

/** QUEUE_PREFIX as a PostgreSQL schema name (letters, digits and underscores, at most 63 characters). */
export function queueSchemaName(prefix: string): string {
  const name = prefix.replace(/[^A-Za-z0-9_]/g, "_").replace(/^([^A-Za-z_])/, "_$1");
  return (name || "ccm").slice(0, 63);
}

function redisBinding(url: string, prefix: string, logger: Logger): BackendBinding<Redis> {
  const connections: Redis[] = [];
  const open = (options: { enableOfflineQueue: boolean }) => {
    const connection = new Redis(url, { maxRetriesPerRequest: null, ...options });
    // ioredis reconnects by itself; without a listener it would print every failed attempt.
    let reported = false;
    connection.on("error", (err) => {
      if (!reported) logger.warn({ err }, "Redis connection error (reconnecting)");
      reported = true;
    });
    connection.on("ready", () => (reported = false));
    connections.push(connection);
    return connection;
  };
  let producer: Redis | undefined;
  let worker: Redis | undefined;
  return {
    kind: "redis",
    factory: createRedisBackend as BackendFactory<IQueueBackend, Redis>,
    // Producers fail fast while Redis is away (the outbox keeps the job); workers wait for it to return.
    producerConnection: () => (producer ??= open({ enableOfflineQueue: false })),
    workerConnection: () => (worker ??= open({ enableOfflineQueue: true })),
    prefix,
    async closeConnections() {
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

function postgresBinding(url: string, schema: string): BackendBinding<PostgresConnectionOptions> {
  // Each BullMQ object owns a small pool (and a worker one LISTEN connection); the first to connect
  // creates or upgrades the schema under BullMQ's advisory lock.
  const options = (max: number): PostgresConnectionOptions => ({ connectionString: url, schema, migrate: true, max });
  return {
    kind: "postgres",
    factory: createPostgresBackend as BackendFactory<IQueueBackend, PostgresConnectionOptions>,
    producerConnection: () => options(3),
    workerConnection: (concurrency) => options(Math.min(concurrency + 2, 10)),
    closeConnections: async () => undefined,
  };
}

async function pgliteBinding(pglite: NonNullable<Database["pglite"]>): Promise<BackendBinding<PostgresConnectionOptions>> {
  const pool = await createPglitePool(pglite);
  // A supplied pool is used as it is (BullMQ neither migrates it nor sets its schema), so migrate here.
  const client = await pool.connect();
  try {
    await runMigrations(client, PGLITE_QUEUE_SCHEMA);
  } finally {
    client.release();
  }
  return {
    kind: "pglite",
    factory: createPostgresBackend as BackendFactory<IQueueBackend, PostgresConnectionOptions>,
    producerConnection: () => pool,
    workerConnection: () => pool,
    closeConnections: () => pool.end(),
  };
}

function bindClient<C>(binding: BackendBinding<C>, logger: Logger): QueueClient {
  const queues = new Map<QueueName, AnyQueue>();
  // BullMQ prints connection errors itself unless someone listens; one warning per outage is enough.
  let reported = false;
  const onError = (err: Error) => {
    if (!reported) logger.warn({ err }, "queue backend error");
    reported = true;
  };
  const prefix = binding.prefix === undefined ? {} : { prefix: binding.prefix };

  function queue(name: QueueName): AnyQueue {
    let existing = queues.get(name);
    if (!existing) {
      existing = new Queue(
        name,
        { connection: binding.producerConnection(), defaultJobOptions: DEFAULT_JOB_OPTIONS, ...prefix },
        binding.factory,
      ) as unknown as AnyQueue;
      existing.on("error", onError);
      queues.set(name, existing);
    }
    return existing;
  }

  return {
    backend: binding.kind,
    queue,
    async add(job) {
      if (!QUEUE_NAMES.includes(job.queue)) throw new Error(`unknown queue ${job.queue}`);
      const delay = job.runAt ? Math.max(0, job.runAt.getTime() - Date.now()) : 0;
      await queue(job.queue).add(job.name, job.payload, { jobId: job.jobId, delay });
    },
    createWorker(name: QueueName, processor: AnyProcessor, settings: WorkerSettings = {}): AnyWorker {
      const connection = binding.workerConnection(settings.concurrency ?? 1);
      return new Worker(name, processor, { ...settings, connection, ...prefix }, binding.factory) as unknown as AnyWorker;
    },
    createFlowProducer(): AnyFlowProducer {
      const flows = new FlowProducer(
        { connection: binding.producerConnection(), ...prefix },
        binding.factory,
      ) as unknown as AnyFlowProducer;
      flows.on("error", onError);
      return flows;
    },
    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
      });
      const probe = queue("notifications")
        .getJobCounts("waiting")
        .then(() => true)
        .catch(() => false);
      try {
        const ok = await Promise.race([probe, timeout]);
        if (ok) reported = false;
        return ok;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
      await binding.closeConnections();
    },
  };
}
