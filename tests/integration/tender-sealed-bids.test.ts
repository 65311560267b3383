import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeTender } from "@ccm/api/tenders/close-tender";
import { startTestApp, type TestApp } from "../support/harness.ts";
import {
  council,
  dbIdOf,
  dbNow,
  member,
  moveDeadlines,
  mutate,
  publishedTender,
  submittedBid,
  supplier,
  type Council,
  type Person,
  type Supplier,
  type TenderView,
} from "../support/tender-fixtures.ts";

// Sealed bids from the attacker's side: until the council opens the bids after the deadline, nobody but
// the bidding supplier can read a bid's price or answers, by any path, and every attempt is audited.

let app: TestApp;
let buyerCouncil: Council;
let evaluator: Person;
let victim: Supplier;
let rival: Supplier;
let tender: TenderView;
let bid: { id: string };
const PRICE = 12_345_678;
const ANSWER = "Our secret approach: a fleet of carrier pigeons.";

beforeAll(async () => {
  // Everything the app logs, at its most talkative, is kept to look for bid content.
  app = await startTestApp({ LOG_LEVEL: "trace" }, { captureLogs: true });
  buyerCouncil = await council(app);
  evaluator = await member(app, buyerCouncil, "EVALUATOR");
  [victim, rival] = await Promise.all([supplier(app), supplier(app)]);
  tender = await publishedTender(buyerCouncil, {
    criteria: [
      { kind: "PRICE", title: "Price", weight: 50 },
      { kind: "QUALITY", title: "Approach", weight: 50 },
    ],
  });
  bid = await submittedBid(victim, tender, {
    lots: [{ lotId: tender.lots[0]!.id, pricePence: PRICE }],
    answers: [{ criterionId: tender.criteria[1]!.id, answer: ANSWER }],
  });
  await submittedBid(rival, tender);
});
afterAll(async () => {
  await app?.close();
});

const BID_BY_NODE = `query($id: ID!) { node(id: $id) { id ... on Bid { supplier { id } lots { pricePence } answers { answer } } } }`;
const TENDER_BIDS = `query($id: ID!) { tender(id: $id) { bidCount bidsSealed bids(first: 50) { edges { node { id lots { pricePence } answers { answer } } } }
  evaluation { results { pricePence } } } }`;

async function refusalsBy(userId: string | null, entityId = dbIdOf(bid.id)) {
  return app.deps.prisma.auditEvent.findMany({ where: { action: "bid.sealed-read-refused", actorUserId: userId, entityId } });
}

function leaks(response: unknown): boolean {
  const text = JSON.stringify(response);
  return text.includes(String(PRICE)) || text.includes("carrier pigeons");
}

describe("before the bids are opened", () => {
  it("lets the bidding supplier read its own bid", async () => {
    const own = await victim.bidder.client.ok(BID_BY_NODE, { id: bid.id });
    expect(own.node.lots).toEqual([{ pricePence: PRICE }]);
    expect(own.node.answers).toEqual([{ answer: ANSWER }]);
    const mine = await victim.bidder.client.ok(TENDER_BIDS, { id: tender.id });
    expect(mine.tender.bids.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([bid.id]);
    expect(mine.tender.bidCount).toBeNull();
  });

  it("shows the buyer only the count: no bids through tender.bids, node(id) or the evaluation, and audits each attempt", async () => {
    const list = await buyerCouncil.buyer.client.ok(TENDER_BIDS, { id: tender.id });
    expect(list.tender).toMatchObject({ bidCount: 2, bidsSealed: true, bids: { edges: [] }, evaluation: null });
    const node = await buyerCouncil.buyer.client.request(BID_BY_NODE, { id: bid.id });
    expect(node.data.node).toBeNull();
    expect(leaks(node)).toBe(false);
    expect(await refusalsBy(buyerCouncil.buyer.userId)).toHaveLength(1);
    expect(
      await app.deps.prisma.auditEvent.count({
        where: {
          action: "bid.sealed-read-refused",
          actorUserId: buyerCouncil.buyer.userId,
          entityId: `tender:${dbIdOf(tender.id)}`,
        },
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("refuses an evaluator the same way", async () => {
    const node = await evaluator.client.request(BID_BY_NODE, { id: bid.id });
    expect(node.data.node).toBeNull();
    expect(leaks(node)).toBe(false);
    expect(leaks(await evaluator.client.ok(TENDER_BIDS, { id: tender.id }))).toBe(false);
    expect(await refusalsBy(evaluator.userId)).toHaveLength(1);
  });

  it("refuses another supplier by node(id), by tender.bids, by myBid and by acting on the bid", async () => {
    const node = await rival.bidder.client.request(BID_BY_NODE, { id: bid.id });
    expect(node.data.node).toBeNull();
    const list = await rival.bidder.client.ok(TENDER_BIDS, { id: tender.id });
    expect(list.tender.bids.edges).toHaveLength(1); // its own only
    expect(leaks(list)).toBe(false);
    const viaSupplierId = await rival.bidder.client.ok(
      `query($id: ID!, $s: ID) { tender(id: $id) { myBid(supplierId: $s) { id } } }`,
      {
        id: tender.id,
        s: victim.id,
      },
    );
    expect(viaSupplierId.tender.myBid).toBeNull();
    const withdraw = await mutate(rival.bidder.client, "withdrawBid", "$id: ID!", { id: bid.id }, "id");
    expect(withdraw.__typename).toBe("NotFoundError");
    const asVictim = await mutate(
      rival.bidder.client,
      "saveBid",
      "$input: SaveBidInput!",
      {
        input: { tenderId: tender.id, supplierId: victim.id, lots: [{ lotId: tender.lots[0]!.id, pricePence: 1 }] },
      },
      "id",
    );
    expect(asVictim.__typename).toBe("ForbiddenError");
    const bids = await rival.bidder.client.ok(`query($s: ID!) { bids(supplierId: $s) { edges { node { id } } } }`, {
      s: victim.id,
    });
    expect(bids.bids.edges).toEqual([]);
    expect(await refusalsBy(rival.bidder.userId)).toHaveLength(1);
  });

  it("answers guessed and signed-out ids with nothing", async () => {
    const guessed = Buffer.from(`Bid:${randomUUID()}`).toString("base64");
    expect((await rival.bidder.client.request(BID_BY_NODE, { id: guessed })).data.node).toBeNull();
    const wrongType = Buffer.from(`Bid:${dbIdOf(tender.id)}`).toString("base64");
    expect((await rival.bidder.client.request(BID_BY_NODE, { id: wrongType })).data.node).toBeNull();
    const anonymous = await app.client().request(BID_BY_NODE, { id: bid.id });
    expect(anonymous.data.node).toBeNull();
    expect(leaks(anonymous)).toBe(false);
    expect(await refusalsBy(null)).toHaveLength(1);
  });

  it("never puts a price or an answer in notifications, the audit trail or the logs", async () => {
    const notifications = await app.deps.prisma.outboxMessage.findMany({ where: { queue: "notifications" } });
    expect(notifications.some((n) => leaks(n.payload))).toBe(false);
    const audit = await app.deps.prisma.auditEvent.findMany({ where: { entityId: dbIdOf(bid.id) } });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.some((a) => leaks(a.data))).toBe(false);
    expect(app.logs.length).toBeGreaterThan(0);
    expect(app.logs.filter((line) => leaks(line))).toEqual([]);
    // The refusals above are expected: none of them is logged as a server error.
    expect(app.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)).toEqual([]);
  });
});

describe("after the deadline", () => {
  it("stays sealed after closing until the council opens the bids; then the council reads them", async () => {
    await moveDeadlines(app, tender.id, new Date((await dbNow(app)).getTime() + 300));
    await new Promise((r) => setTimeout(r, 600));
    expect(await closeTender(app.deps, dbIdOf(tender.id))).toMatchObject({ outcome: "closed", validBids: 2 });
    expect((await buyerCouncil.buyer.client.request(BID_BY_NODE, { id: bid.id })).data.node).toBeNull();

    const opened = await mutate(buyerCouncil.buyer.client, "openBids", "$id: ID!", { id: tender.id }, "bidsSealed");
    expect(opened.data).toEqual({ bidsSealed: false });
    const list = await buyerCouncil.buyer.client.ok(TENDER_BIDS, { id: tender.id });
    expect(list.tender.bids.edges).toHaveLength(2);
    expect(leaks(list)).toBe(true);
    // Other suppliers still cannot read a competitor's bid.
    expect((await rival.bidder.client.request(BID_BY_NODE, { id: bid.id })).data.node).toBeNull();
    // An evaluator who declares a conflict loses access.
    await mutate(
      evaluator.client,
      "declareConflict",
      "$input: DeclareConflictInput!",
      {
        input: { tenderId: tender.id, hasConflict: true, details: "I used to work for one of the bidders." },
      },
      "hasConflict",
    );
    expect((await evaluator.client.request(BID_BY_NODE, { id: bid.id })).data.node).toBeNull();
    expect(leaks(await evaluator.client.ok(TENDER_BIDS, { id: tender.id }))).toBe(false);
  });
});
