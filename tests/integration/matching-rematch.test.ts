import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewerForUser } from "@ccm/api/auth/viewer";
import { jobIds } from "@ccm/api/jobs/queues";
import { createTender } from "@ccm/api/tenders/create-tender";
import { publishTender } from "@ccm/api/tenders/publish-tender";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { registerOrganisation, registerSupplier, signUpUser, unregisteredCouncilGssCode } from "../support/fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

// The real matching workers on Redis: publishing is matched by the match-tender job, and the nightly
// re-match (a flow: one parent, a child per open tender) finds a supplier that registered afterwards.
// CPV division 92 (recreational and cultural services) in Wales (TLL) is used by no other test file.

const DAY = 24 * 3600 * 1000;
let app: TestApp;
let workers: RunningWorkers;

async function supplierDoing(name: string, cpvCodes: string[], description: string): Promise<string> {
  const client = app.client();
  await signUpUser(client);
  const org = await registerSupplier(client, {
    name: `${name} ${Math.random().toString(36).slice(2, 8)}`,
    regionsServed: ["TLL"],
  });
  const id = dbIdOf(org.id);
  await app.deps.prisma.organisation.update({ where: { id }, data: { capabilityCpvCodes: cpvCodes, description, isSme: true } });
  return id;
}

beforeAll(async () => {
  app = await startTestApp();
  workers = await startWorkers(app.deps, { queues: ["matching", "notifications"], hooks: {} });
});

afterAll(async () => {
  await workers?.close();
  await app?.close();
});

describe("matching in the background", () => {
  it("matches a published tender, and the nightly flow re-matches it with a supplier that joined later", async () => {
    const first = await supplierDoing("Library Events", ["92511000"], "Library services and reading events for children.");

    const buyerClient = app.client();
    const buyerUser = await signUpUser(buyerClient);
    const council = await registerOrganisation(buyerClient, {
      kind: "COUNCIL",
      gssCode: await unregisteredCouncilGssCode(app.deps),
    });
    const viewer = await loadViewerForUser(app.deps, dbIdOf(buyerUser.id));
    const draft = await createTender(app.deps, viewer, {
      buyerId: dbIdOf(council.id),
      title: "Summer reading challenge events in libraries",
      description: "Reading events for children in our libraries over the summer holidays.",
      procedure: "OPEN",
      cpvCodes: ["92511000"],
      itl1Code: "TLL",
      valuePence: 5_000_000n,
      suitableForSme: true,
      clarificationDeadline: new Date(Date.now() + 20 * DAY),
      submissionDeadline: new Date(Date.now() + 40 * DAY),
      lots: [{ title: "All libraries", description: "" }],
      criteria: [{ kind: "PRICE", title: "Price", weight: 100 }],
    });
    const tender = await publishTender(app.deps, viewer, draft.id);

    // The publication's own job (through the outbox and the worker) matches the first supplier.
    await expect
      .poll(() => app.deps.prisma.match.count({ where: { tenderId: tender.id, supplierId: first } }), { timeout: 90_000 })
      .toBe(1);

    const later = await supplierDoing("Story Time", ["92511000"], "Story time and reading events in libraries.");
    expect(await app.deps.prisma.match.count({ where: { tenderId: tender.id, supplierId: later } })).toBe(0);

    const runDate = "2031-06-01";
    await app.deps.queues.queue("matching").add("rematch-all", { runDate }, { jobId: jobIds.rematchAll(runDate) });
    await expect
      .poll(async () => (await app.deps.queues.queue("matching").getJob(jobIds.rematchComplete(runDate)))?.returnvalue ?? null, {
        timeout: 120_000,
        interval: 250,
      })
      .toMatchObject({ runDate, failed: 0 });
    const child = await app.deps.queues.queue("matching").getJob(jobIds.rematchTender(runDate, tender.id, tender.version));
    expect(child?.returnvalue).toMatchObject({ status: "stored" });

    const match = await app.deps.prisma.match.findUniqueOrThrow({
      where: { tenderId_supplierId: { tenderId: tender.id, supplierId: later } },
    });
    expect(match.notifiedAt).not.toBeNull();
    expect((await app.deps.prisma.match.findMany({ where: { tenderId: tender.id } })).map((m) => m.rank).sort()).toEqual([1, 2]);
    // Generous: on a busy 2-core machine the first index build and the flow take a while.
  }, 240_000);
});
