import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnrecoverableError, type Job } from "bullmq";
import { loadConfig } from "@ccm/api";
import { createQueueClient } from "@ccm/api/jobs/queue-backend";
import type { AnyWorker, QueueClient } from "@ccm/api/jobs/queue-client";
import { createLogger } from "@ccm/api/logger";
import { openDatabase, type Database } from "@ccm/prisma";

// The embedded queue backend of `pnpm start`: BullMQ's PostgreSQL backend on an in-process PGlite through
// the pool adapter (api/src/jobs/pglite-pool.ts). Each test waits for BullMQ's own events, never a clock.

let db: Database;
let queues: QueueClient;
const workers: AnyWorker[] = [];

beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://", migrate: false });
  queues = await createQueueClient(loadConfig({ NODE_ENV: "test" }), db, createLogger("warn"));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await queues?.close();
  await db?.close();
});

function startWorker(processor: (job: Job) => Promise<unknown>) {
  const worker = queues.createWorker("notifications", processor as never, { concurrency: 2 });
  workers.push(worker);
  return worker;
}

function completion(worker: AnyWorker, jobId: string): Promise<Job> {
  return new Promise((resolve, reject) => {
    worker.on("completed", (job) => job.id === jobId && resolve(job as Job));
    worker.on("failed", (job, err) => job?.id === jobId && job.attemptsMade >= (job.opts.attempts ?? 1) && reject(err));
  });
}

function finalFailure(worker: AnyWorker, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    worker.on("failed", (job) => {
      if (job?.id === jobId && (job.finishedOn ?? 0) > 0) resolve(job as Job);
    });
  });
}

describe("BullMQ on the embedded PGlite", () => {
  it("reports itself as the pglite backend and answers health checks", async () => {
    expect(queues.backend).toBe("pglite");
    expect(await queues.health()).toBe(true);
  });

  it("adds a job once per id and runs it", async () => {
    const seen: string[] = [];
    const worker = startWorker(async (job) => {
      if (job.name === "once") seen.push(job.id ?? "");
      return "done";
    });
    const queue = queues.queue("notifications");
    const [first] = await Promise.all([
      queue.add("once", { n: 1 }, { jobId: "pglite-once" }),
      queue.add("once", { n: 2 }, { jobId: "pglite-once" }),
    ]);
    expect(first.id).toBe("pglite-once");
    const job = await completion(worker, "pglite-once");
    expect(job.returnvalue).toBe("done");
    expect(seen).toEqual(["pglite-once"]);
    await worker.close();
  });

  it("runs a delayed job only after its delay, and reports its state meanwhile", async () => {
    const worker = startWorker(async () => "late");
    const added = Date.now();
    await queues.queue("notifications").add("later", {}, { jobId: "pglite-delayed", delay: 1500 });
    expect(await queues.queue("notifications").getJobState("pglite-delayed")).toBe("delayed");
    const job = await completion(worker, "pglite-delayed");
    expect(job.processedOn! - added).toBeGreaterThanOrEqual(1500);
    await worker.close();
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    let calls = 0;
    const worker = startWorker(async (job) => {
      if (job.name !== "flaky") return null;
      calls += 1;
      if (calls < 3) throw new Error(`transient failure ${calls}`);
      return calls;
    });
    await queues
      .queue("notifications")
      .add("flaky", {}, { jobId: "pglite-flaky", attempts: 4, backoff: { type: "fixed", delay: 50 } });
    const job = await completion(worker, "pglite-flaky");
    expect(job.attemptsMade).toBe(3);
    expect(job.returnvalue).toBe(3);
    await worker.close();
  });

  it("does not retry an UnrecoverableError", async () => {
    let calls = 0;
    const worker = startWorker(async () => {
      calls += 1;
      throw new UnrecoverableError("the tender no longer exists");
    });
    await queues
      .queue("notifications")
      .add("doomed", {}, { jobId: "pglite-doomed", attempts: 5, backoff: { type: "fixed", delay: 10 } });
    const job = await finalFailure(worker, "pglite-doomed");
    expect(job.failedReason).toBe("the tender no longer exists");
    expect(calls).toBe(1);
    expect(await queues.queue("notifications").getJobState("pglite-doomed")).toBe("failed");
    await worker.close();
  });

  it("runs a flow: the parent after all its children, with their results", async () => {
    const worker = startWorker(async (job) => {
      if (job.name === "child") return (job.data as { n: number }).n * 10;
      const children = await job.getChildrenValues();
      return Object.values(children).reduce((sum: number, v) => sum + Number(v), 0);
    });
    const flows = queues.createFlowProducer();
    await flows.add({
      name: "parent",
      queueName: "notifications",
      opts: { jobId: "pglite-parent" },
      children: [1, 2, 3].map((n) => ({
        name: "child",
        queueName: "notifications",
        data: { n },
        opts: { jobId: `pglite-child-${n}` },
      })),
    });
    const parent = await completion(worker, "pglite-parent");
    expect(parent.returnvalue).toBe(60);
    await flows.close();
    await worker.close();
  });

  it("keeps answering other queries while a worker is busy", async () => {
    const worker = startWorker(async () => null);
    let done = 0;
    const allDone = new Promise<void>((resolve) =>
      worker.on("completed", (job) => job.name === "bulk" && ++done === 50 && resolve()),
    );
    await queues
      .queue("notifications")
      .addBulk(Array.from({ length: 50 }, (_, i) => ({ name: "bulk", data: {}, opts: { jobId: `pglite-bulk-${i}` } })));
    // The API's own queries interleave with the worker's (the adapter yields on every query).
    const answers = await Promise.all(Array.from({ length: 20 }, () => db.sql.query("SELECT 1 AS one")));
    expect(answers.map((r) => (r as { rows: { one: number }[] }).rows[0]?.one)).toEqual(Array(20).fill(1));
    await allDone;
    expect(done).toBe(50);
    await worker.close();
  });
});
