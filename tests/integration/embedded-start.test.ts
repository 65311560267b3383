import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp, closeDeps, createDeps, listen, loadConfig, type Deps } from "@ccm/api";
import { jobIds } from "@ccm/api/jobs/queues";
import { notify } from "@ccm/api/notifications/notify";
import { recordCatalogueWords } from "@ccm/api/catalogue/catalogue-words";
import { searchCatalogue } from "@ccm/api/catalogue/search-catalogue";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { offeringsBySample } from "../support/catalogue-fixtures.ts";

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
    const server = await listen(buildApp(deps), 0, "127.0.0.1");
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

  it("searches the catalogue: words counted exactly or estimated, pages both ways, and browsing", async () => {
    const supplier = await deps.prisma.organisation.create({ data: { kind: "SUPPLIER", name: "Embedded Supplies" } });
    // Two offerings in the 1-in-256 count sample (so a low exactCountLimit estimates from them), five others;
    // the first listed is the newest.
    const items = Array.from({ length: 7 }, (_, i) => ({
      title: i < 5 ? `Quokka hosting ${i}` : `Managed service ${i}`,
      summary: i < 5 ? "A summary long enough." : "Quokka hosting in passing.",
      publishedAt: new Date(Date.now() - 60_000 * i),
    }));
    const ids = [
      ...(await offeringsBySample(deps, supplier.id, true, items.slice(0, 2))),
      ...(await offeringsBySample(deps, supplier.id, false, items.slice(2))),
    ];
    // As publishing does, so that a misspelt word is corrected to these.
    await recordCatalogueWords(deps.prisma, ["quokka", "hosting", "managed", "service"]);
    const walk = async (options?: { exactCountLimit: number }) => {
      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const page = await searchCatalogue(deps.db.sql, { query: "quokka hostng", first: 3, after }, options);
        pages.push(page.hits.map((h) => h.offering.id));
        after = page.hasNextPage ? page.hits.at(-1)!.cursor : null;
      } while (after);
      return pages;
    };
    // Newest first within each tier: the five title matches, then the two summary matches.
    const exact = await walk();
    expect(exact).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
    expect(await walk({ exactCountLimit: 16 })).toEqual(exact);
    // The two offerings before the second page's first.
    const first = await searchCatalogue(deps.db.sql, { query: "quokka hosting", first: 3 });
    const second = await searchCatalogue(deps.db.sql, { query: "quokka hosting", first: 3, after: first.hits.at(-1)!.cursor });
    const back = await searchCatalogue(deps.db.sql, { query: "quokka hosting", first: 2, before: second.hits[0]!.cursor });
    expect(back.hits.map((h) => h.offering.id)).toEqual(ids.slice(1, 3));
    const browse = await searchCatalogue(deps.db.sql, { filter: { cpvCodes: ["72212000"] }, first: 50 });
    expect(browse.order).toBe("NEWEST");
    expect(browse.hits.map((h) => h.offering.id)).toEqual(ids);
  });

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
