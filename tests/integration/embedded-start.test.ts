import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp, closeDeps, createDeps, loadConfig, type Deps } from "@ccm/api";
import { jobIds } from "@ccm/api/jobs/queues";
import { notify } from "@ccm/api/notifications/notify";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";

// What `pnpm start` does with nothing configured: no DATABASE_URL, no REDIS_URL. The database is an
// embedded PGlite in a folder, and the queues live in it too (BullMQ's PostgreSQL backend through the
// pool adapter). A notification must still go outbox -> queue -> worker -> Notification row.

const dataDir = mkdtempSync(join(tmpdir(), "ccm-embedded-"));
const config = loadConfig({ NODE_ENV: "test", PGLITE_DIR: dataDir, LOG_LEVEL: "warn" });
let deps: Deps;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  deps = await createDeps(config);
}, 180_000);
afterAll(async () => {
  await workers?.close();
  if (deps) await closeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded, one-process setup", () => {
  it("runs on PGlite for both the data and the queues", async () => {
    expect(deps.db.kind).toBe("pglite");
    expect(deps.queues.backend).toBe("pglite");
    const server = buildApp(deps).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        database: { ok: true, kind: "pglite" },
        queues: { ok: true, backend: "pglite" },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("delivers a notification from a committed transaction through the queue and the worker", async () => {
    workers = await startWorkers(deps, { queues: ["notifications"], concurrency: 2 });
    const user = await deps.prisma.user.create({ data: { name: "Embedded Erin", email: "erin@embedded.example" } });
    await deps.prisma.$transaction((tx) =>
      notify(tx, {
        userIds: [user.id],
        kind: "welcome",
        title: "Welcome to the marketplace",
        body: "Your account is ready.",
        link: "/",
        dedupeKey: `welcome:${user.id}`,
      }),
    );
    deps.outbox.kick();
    await vi.waitFor(
      async () => {
        const rows = await deps.prisma.notification.findMany({ where: { userId: user.id } });
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ title: "Welcome to the marketplace", readAt: null });
        expect(rows[0]?.emailedAt).not.toBeNull();
      },
      { timeout: 60_000, interval: 200 },
    );
    const jobId = jobIds.notification(`welcome:${user.id}`);
    await vi.waitFor(async () => expect(await deps.queues.queue("notifications").getJobState(jobId)).toBe("completed"), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await deps.prisma.outboxMessage.count({ where: { relayedAt: null } })).toBe(0);
  }, 120_000);

  it("keeps data and queue state in the folder across a restart", async () => {
    await workers?.close();
    workers = undefined;
    await closeDeps(deps);
    deps = await createDeps(config);
    const user = await deps.prisma.user.findUniqueOrThrow({ where: { email: "erin@embedded.example" } });
    expect(await deps.prisma.notification.count({ where: { userId: user.id } })).toBe(1);
    expect(await deps.queues.queue("notifications").getJobState(jobIds.notification(`welcome:${user.id}`))).toBe("completed");
  }, 120_000);
});
