import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDeps, createDeps, loadConfig, type Deps } from "@ccm/api";
import { enqueueJob } from "@ccm/api/jobs/outbox";
import { createOutboxRelay } from "@ccm/api/jobs/outbox-relay";
import type { QueueClient } from "@ccm/api/jobs/queue-client";
import { jobIds, type JobRequest } from "@ccm/api/jobs/queues";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import { unique } from "../support/fixtures.ts";

// The outbox on its own database (so no other file's relay takes these rows) with the queues on BullMQ's
// PostgreSQL backend in the same database: what every job of the product goes through.

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let deps: Deps;

beforeAll(async () => {
  database = await createIsolatedDatabase("outbox");
  deps = await createDeps(loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, QUEUE_PREFIX: "outbox_test" }));
});
afterAll(async () => {
  if (deps) await closeDeps(deps);
  await database?.drop();
});

function notification(key = unique("outbox")): JobRequest<"notifications", "send-notification"> {
  return {
    queue: "notifications",
    name: "send-notification",
    jobId: jobIds.notification(key),
    payload: { userIds: [], kind: "test", title: "Hello", body: "World", dedupeKey: key },
  };
}

/** The real queue client, counting how often each job id is added. */
function counting(queues: QueueClient, counts: Map<string, number>, fail?: (jobId: string) => boolean): QueueClient {
  return {
    ...queues,
    async add(job) {
      if (fail?.(job.jobId)) throw new Error(`refused ${job.jobId}`);
      counts.set(job.jobId, (counts.get(job.jobId) ?? 0) + 1);
      await queues.add(job);
    },
  };
}

async function jobExists(jobId: string): Promise<boolean> {
  return (await deps.queues.queue("notifications").getJob(jobId)) !== undefined;
}

describe("the outbox", () => {
  it("uses the PostgreSQL queue backend when there is no REDIS_URL", () => {
    expect(deps.queues.backend).toBe("postgres");
  });

  it("a rolled-back transaction leaves no job behind", async () => {
    const job = notification();
    await expect(
      deps.prisma.$transaction(async (tx) => {
        await enqueueJob(tx, job);
        throw new Error("the domain operation failed");
      }),
    ).rejects.toThrow("the domain operation failed");
    await deps.outbox.relayPending();
    expect(await deps.prisma.outboxMessage.count({ where: { jobId: job.jobId } })).toBe(0);
    expect(await jobExists(job.jobId)).toBe(false);
  });

  it("a committed transaction yields exactly one job, however often it is relayed", async () => {
    const job = notification();
    await deps.prisma.$transaction((tx) => enqueueJob(tx, job));
    expect(await jobExists(job.jobId)).toBe(false); // nothing reaches the queue before the relay runs
    expect(await deps.outbox.relayPending()).toBe(1);
    expect(await deps.outbox.relayPending()).toBe(0);

    // A relay that died after its add but before its commit leaves the row pending: relaying it again
    // must not make a second job.
    await deps.prisma.outboxMessage.updateMany({ where: { jobId: job.jobId }, data: { relayedAt: null } });
    expect(await deps.outbox.relayPending()).toBe(1);
    const queued = await deps.queues.queue("notifications").getJobs(["waiting", "delayed", "active", "completed"]);
    expect(queued.filter((j) => j.id === job.jobId)).toHaveLength(1);
    const row = await deps.prisma.outboxMessage.findFirstOrThrow({ where: { jobId: job.jobId } });
    expect(row.relayedAt).not.toBeNull();
    expect(row.attempts).toBe(2);
  });

  it("two relays running at once add each job exactly once", async () => {
    const jobs = Array.from({ length: 60 }, () => notification());
    await deps.prisma.$transaction(async (tx) => {
      for (const job of jobs) await enqueueJob(tx, job);
    });
    const counts = new Map<string, number>();
    const relay = () =>
      createOutboxRelay(
        { prisma: deps.prisma, queues: counting(deps.queues, counts), logger: deps.logger, databaseKind: "postgres" },
        { batchSize: 7 },
      );
    const [a, b] = await Promise.all([relay().relayPending(), relay().relayPending()]);
    expect(a + b).toBe(60);
    expect(jobs.map((j) => counts.get(j.jobId))).toEqual(Array(60).fill(1));
    for (const job of jobs) expect(await jobExists(job.jobId)).toBe(true);
    expect(await deps.prisma.outboxMessage.count({ where: { jobId: { in: jobs.map((j) => j.jobId) }, relayedAt: null } })).toBe(
      0,
    );
  });

  it("records a failed add on the row and relays it on a later pass", async () => {
    const [bad, good] = [notification(), notification()];
    await deps.prisma.$transaction(async (tx) => {
      await enqueueJob(tx, bad);
      await enqueueJob(tx, good);
    });
    const counts = new Map<string, number>();
    const flaky = createOutboxRelay({
      prisma: deps.prisma,
      queues: counting(deps.queues, counts, (id) => id === bad.jobId),
      logger: deps.logger,
      databaseKind: "postgres",
    });
    expect(await flaky.relayPending()).toBe(1);
    const failed = await deps.prisma.outboxMessage.findFirstOrThrow({ where: { jobId: bad.jobId } });
    expect(failed).toMatchObject({ relayedAt: null, attempts: 1, lastError: `refused ${bad.jobId}` });
    expect(await jobExists(good.jobId)).toBe(true);
    expect(await jobExists(bad.jobId)).toBe(false);

    expect(await deps.outbox.relayPending()).toBe(1);
    const recovered = await deps.prisma.outboxMessage.findFirstOrThrow({ where: { jobId: bad.jobId } });
    expect(recovered).toMatchObject({ attempts: 2, lastError: null });
    expect(recovered.relayedAt).not.toBeNull();
    expect(await jobExists(bad.jobId)).toBe(true);
  });

  it("the poll relays a row whose writer never kicked (it died after its commit)", async () => {
    const job = notification();
    await deps.prisma.$transaction((tx) => enqueueJob(tx, job));
    const relay = createOutboxRelay({
      prisma: deps.prisma,
      queues: deps.queues,
      logger: deps.logger,
      databaseKind: "postgres",
    });
    relay.start(100);
    await vi.waitFor(async () => expect(await jobExists(job.jobId)).toBe(true), { timeout: 15_000, interval: 100 });
    await relay.close();
  });

  it("refuses a job id that BullMQ would reject, failing the domain transaction", async () => {
    const job = { ...notification(), jobId: "notify:with:colons:here" };
    await expect(deps.prisma.$transaction((tx) => enqueueJob(tx, job))).rejects.toThrow(/invalid job id/);
  });
});
