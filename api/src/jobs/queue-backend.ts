import { Queue, withBackend, createPostgresBackend } from "bullmq";
import { Redis } from "ioredis";
import type { Database } from "@ccm/prisma";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { QueueClient } from "./queue-client.ts";
import { QUEUE_NAMES, type QueueName } from "./queues.ts";

/** Producers for every queue on the configured backend: Redis with REDIS_URL, else PostgreSQL (or PGlite). */
export async function createQueueClient(config: Config, db: Database, logger: Logger): Promise<QueueClient> {
  if (config.redisUrl) {
    const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    const queues = new Map(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix: config.queuePrefix })] as const),
    );
    return producerClient(
      "redis",
      queues,
      async () => (await connection.ping()) === "PONG",
      async () => void connection.disconnect(),
    );
  }
  if (db.url) {
    const { Queue: PgQueue } = withBackend(createPostgresBackend);
    const connection = { connectionString: db.url, schema: config.queuePrefix, migrate: true, max: 4 };
    const queues = new Map(QUEUE_NAMES.map((name) => [name, new PgQueue(name, { connection })] as const));
    return producerClient(
      "postgres",
      queues,
      () => db.sql.query("SELECT 1").then(() => true),
      async () => undefined,
    );
  }
  logger.warn("PGlite queue backend not available yet");
  throw new Error("PGlite queue backend not implemented");
}

type AnyQueue = { add(name: string, data: unknown, opts: object): Promise<unknown>; close(): Promise<void> };

function producerClient(
  backend: QueueClient["backend"],
  queues: Map<QueueName, AnyQueue>,
  ping: () => Promise<boolean>,
  closeConnection: () => Promise<void>,
): QueueClient {
  return {
    backend,
    async add(job) {
      const queue = queues.get(job.queue);
      if (!queue) throw new Error(`unknown queue ${job.queue}`);
      const delay = job.runAt ? Math.max(0, job.runAt.getTime() - Date.now()) : 0;
      await queue.add(job.name, job.payload, {
        jobId: job.jobId,
        delay,
        attempts: 5,
        backoff: { type: "exponential", delay: 1000 },
      });
    },
    health: ping,
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await closeConnection();
    },
  };
}
