import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { UnrecoverableError } from "bullmq";
import { recoverOverdueJobs, startDeadlineRecovery } from "@ccm/worker/jobs/recover-deadlines.job";
import { processors } from "@ccm/worker/processors";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import {
  council,
  dbIdOf,
  dbNow,
  eventually,
  moveDeadlines,
  publishedTender,
  submitBid,
  saveBid,
  submittedBid,
  supplier,
} from "../support/tender-fixtures.ts";

// The worker is stopped across a deadline: no bid is accepted late meanwhile (the database clock
// decides, not the job), and when a worker starts again the tender closes, whether its delayed job is
// still queued (it runs late) or was lost (recovery at start re-requests it).

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let app: TestApp;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  database = await createIsolatedDatabase("tender_recovery");
  app = await startTestApp({ DATABASE_URL: database.url, QUEUE_PREFIX: `${inject("queuePrefix")}-tender-recovery` });
});
afterAll(async () => {
  await workers?.close();
  await app?.close();
  await database?.drop();
});

const STATUS = `query($id: ID!) { tender(id: $id) { status closedAt } }`;

describe("a worker down across the deadline", () => {
  it("closes the tender once a worker is back, with its queued job or a recovered one", async () => {
    const c = await council(app);
    const [a, b] = await Promise.all([supplier(app), supplier(app)]);
    const queued = await publishedTender(c, { title: "Job still queued" });
    const lost = await publishedTender(c, { title: "Job lost" });
    await submittedBid(a, queued);
    await submittedBid(a, lost);
    const late = await saveBid(b, queued);

    const deadline = new Date((await dbNow(app)).getTime() + 1200);
    const queuedV = await moveDeadlines(app, queued.id, deadline);
    const lostV = await moveDeadlines(app, lost.id, deadline);
    await eventually(async () => (await app.deps.prisma.outboxMessage.count({ where: { relayedAt: null } })) === 0);
    // The second tender's job disappears from the queue (say, Redis was flushed).
    const deadlines = app.deps.queues.queue("deadlines");
    await (await deadlines.getJob(`close-${dbIdOf(lost.id)}-v${lostV.version}`))?.remove();
    expect(await deadlines.getJob(`close-${dbIdOf(queued.id)}-v${queuedV.version}`)).toBeTruthy();

    await new Promise((r) => setTimeout(r, 1800));
    // No worker has run: the tenders are closed to bidders all the same, but not yet closed by the job.
    for (const t of [queued, lost])
      expect((await c.buyer.client.ok(STATUS, { id: t.id })).tender).toEqual({ status: "CLOSED", closedAt: null });
    expect((await submitBid(b.bidder.client, late.id)).__typename).toBe("DeadlinePassedError");

    workers = await startWorkers(app.deps, { queues: ["deadlines"], concurrency: 2 });
    await startDeadlineRecovery(app.deps);
    for (const t of [queued, lost]) {
      const closed = await eventually(async () => {
        const { tender } = await c.buyer.client.ok(STATUS, { id: t.id });
        return tender.closedAt ? tender : null;
      });
      expect(closed.status).toBe("CLOSED");
    }
    const valid = await app.deps.prisma.bid.count({
      where: { tenderId: { in: [dbIdOf(queued.id), dbIdOf(lost.id)] }, validatedAt: { not: null } },
    });
    expect(valid).toBe(2);
    // Recovery again finds nothing overdue: closing happened once.
    const { recoverDeadlineJobs } = await import("@ccm/api/tenders/recover-deadline-jobs");
    expect(await recoverDeadlineJobs(app.deps)).toEqual({ tenders: 0, awards: 0, jobIds: [] });
    expect(
      await app.deps.prisma.auditEvent.count({
        where: { entityId: { in: [dbIdOf(queued.id), dbIdOf(lost.id)] }, action: "tender.closed" },
      }),
    ).toBe(2);
  });

  it("closes a tender whose close job failed for good, when recovery next runs", async () => {
    const c = await council(app);
    const a = await supplier(app);
    const tender = await publishedTender(c, { title: "Close job failed" });
    await submittedBid(a, tender);
    const { version } = await moveDeadlines(app, tender.id, new Date((await dbNow(app)).getTime() + 1000));
    await eventually(async () => (await app.deps.prisma.outboxMessage.count({ where: { relayedAt: null } })) === 0);
    const jobId = `close-${dbIdOf(tender.id)}-v${version}`;

    // A worker whose every attempt fails (say the database is unreachable) leaves the job failed.
    await workers?.close();
    const failing = await startWorkers(app.deps, {
      queues: ["deadlines"],
      hooks: {},
      registry: {
        ...processors,
        deadlines: {
          "close-tender": async () => {
            throw new UnrecoverableError("database unreachable");
          },
        },
      },
    });
    const deadlines = app.deps.queues.queue("deadlines");
    await eventually(async () => (await (await deadlines.getJob(jobId))?.isFailed()) ?? false);
    await failing.close();
    expect((await c.buyer.client.ok(STATUS, { id: tender.id })).tender).toEqual({ status: "CLOSED", closedAt: null });

    // Requesting the job again would be ignored (the failed job keeps its id): recovery retries it.
    workers = await startWorkers(app.deps, { queues: ["deadlines"], concurrency: 2, hooks: {} });
    expect(await recoverOverdueJobs(app.deps)).toEqual({ tenders: 1, awards: 0, retried: 1 });
    const closed = await eventually(async () => {
      const { tender: t } = await c.buyer.client.ok(STATUS, { id: tender.id });
      return t.closedAt ? t : null;
    });
    expect(closed.status).toBe("CLOSED");
    expect(await app.deps.prisma.auditEvent.count({ where: { entityId: dbIdOf(tender.id), action: "tender.closed" } })).toBe(1);
  });
});
