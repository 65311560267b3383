import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@ccm/api/audit/audit";
import { loadViewerForUser } from "@ccm/api/auth/viewer";
import { submitBids, type SubmittedBid } from "@ccm/api/bids/submit-bid";
import { startTestApp, type TestApp } from "../support/harness.ts";
import {
  council,
  dbIdOf,
  publishedTender,
  saveBid,
  submitBid,
  supplier,
  type Supplier,
  type TenderView,
} from "../support/tender-fixtures.ts";

// Submissions that crowd in are committed in groups (ADR 0014). Each submission in a group still gets
// its own answer: a refusal (another supplier's bid, an incomplete bid, a closed tender, the same bid
// twice) never changes another's outcome, and each accepted bid is stored with its receipt, its audit
// event and its notification, exactly as when it is submitted alone.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function viewerOf(s: Supplier) {
  const viewer = await loadViewerForUser(app.deps, s.bidder.userId);
  if (!viewer) throw new Error("no viewer");
  return viewer;
}

const receiptJobs = (bidId: string) =>
  app.deps.prisma.outboxMessage.count({ where: { jobId: { startsWith: `notify-bid-received.${bidId}.` } } });

describe("bid submissions committed together", () => {
  let first: TenderView;
  let second: TenderView;
  beforeAll(async () => {
    const c = await council(app);
    [first, second] = await Promise.all([publishedTender(c), publishedTender(c)]);
  });

  it("answers each submission of one group with its own receipt or refusal", async () => {
    const [one, two, three, four] = await Promise.all([supplier(app), supplier(app), supplier(app), supplier(app)]);
    // one bids on both tenders (two events on its audit chain in one group); two's bid lacks an answer;
    // four tries to submit three's bid; three submits its own twice.
    const oneFirst = await saveBid(one, first);
    const oneSecond = await saveBid(one, second);
    const twoIncomplete = await saveBid(two, first, { answers: [] });
    const threeBid = await saveBid(three, first);
    const batch = [
      { actor: await viewerOf(one), bidId: dbIdOf(oneFirst.id) },
      { actor: await viewerOf(two), bidId: dbIdOf(twoIncomplete.id) },
      { actor: await viewerOf(four), bidId: dbIdOf(threeBid.id) },
      { actor: await viewerOf(three), bidId: dbIdOf(threeBid.id) },
      { actor: await viewerOf(one), bidId: dbIdOf(oneSecond.id) },
      { actor: await viewerOf(three), bidId: dbIdOf(threeBid.id) },
    ];

    const answers = await submitBids(app.deps, batch);

    const receipt = (i: number) => answers[i] as SubmittedBid;
    expect(receipt(0).bidId).toBe(dbIdOf(oneFirst.id));
    expect(answers[1]).toMatchObject({ name: "ValidationError", code: "VALIDATION_FAILED" });
    // Another supplier's bid does not exist for four; three's own submission of it is not disturbed.
    expect(answers[2]).toMatchObject({ name: "NotFoundError" });
    expect(receipt(3).bidId).toBe(dbIdOf(threeBid.id));
    expect(receipt(4).bidId).toBe(dbIdOf(oneSecond.id));
    // The same bid twice: the second is answered as if it came after the first.
    expect(answers[5]).toMatchObject({ name: "BidStateError", message: "This bid has already been submitted" });

    const rows = await app.deps.prisma.bid.findMany({
      where: { id: { in: [oneFirst, oneSecond, twoIncomplete, threeBid].map((b) => dbIdOf(b.id)) } },
    });
    const submittedAt = new Map(rows.map((r) => [r.id, r.submittedAt?.getTime() ?? null]));
    for (const i of [0, 3, 4]) {
      expect(submittedAt.get(receipt(i).bidId)).toBe(receipt(i).receivedAt.getTime());
      expect(await receiptJobs(receipt(i).bidId)).toBe(1);
      expect(await app.deps.prisma.auditEvent.count({ where: { entityId: receipt(i).bidId, action: "bid.submitted" } })).toBe(1);
    }
    expect(submittedAt.get(dbIdOf(twoIncomplete.id))).toBeNull();
    expect(await receiptJobs(dbIdOf(twoIncomplete.id))).toBe(0);
    expect(
      await app.deps.prisma.auditEvent.count({ where: { entityId: dbIdOf(twoIncomplete.id), action: "bid.submitted" } }),
    ).toBe(0);
    // One's two events are on its chain, one after the other, and every chain is intact. (Other test
    // files write audit events to the same database meanwhile, so the total is not this test's to count.)
    const onesEvents = await app.deps.prisma.auditEvent.findMany({
      where: { entityId: { in: [receipt(0).bidId, receipt(4).bidId] }, action: "bid.submitted" },
      orderBy: { seq: "asc" },
    });
    expect(onesEvents.map((e) => e.entityId)).toEqual([receipt(0).bidId, receipt(4).bidId]);
    expect(onesEvents[1]!.chain).toBe(onesEvents[0]!.chain);
    expect(onesEvents[1]!.prevHash).toBe(onesEvents[0]!.hash);
    expect((await verifyAuditChain(app.deps.prisma)).ok).toBe(true);
  });

  it("keeps every answer right when many suppliers submit over GraphQL at once", async () => {
    const crowd = await Promise.all(Array.from({ length: 12 }, () => supplier(app)));
    const drafts = await Promise.all(crowd.map((s) => saveBid(s, second)));
    // Each submits its own bid, and the first three also try their neighbour's.
    const results = await Promise.all([
      ...crowd.map((s, i) => submitBid(s.bidder.client, drafts[i]!.id)),
      ...crowd.slice(0, 3).map((s, i) => submitBid(s.bidder.client, drafts[i + 1]!.id)),
    ]);
    for (const [i, result] of results.slice(0, crowd.length).entries()) {
      expect(result.__typename).toBe("SubmitBidSuccess");
      expect(result.data.id).toBe(drafts[i]!.id);
    }
    for (const result of results.slice(crowd.length)) expect(result.__typename).toBe("NotFoundError");
    const stored = await app.deps.prisma.bid.count({
      where: { id: { in: drafts.map((d) => dbIdOf(d.id)) }, submittedAt: { not: null } },
    });
    expect(stored).toBe(crowd.length);
  });
});
