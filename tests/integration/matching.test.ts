import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewerForUser } from "@ccm/api/auth/viewer";
import { jobIds } from "@ccm/api/jobs/queues";
import { deliverNotification, type SendNotificationPayload } from "@ccm/api/notifications/deliver-notification";
import { sendMatchDigest } from "@ccm/api/matching/send-match-digest";
import { createTender } from "@ccm/api/tenders/create-tender";
import { publishTender } from "@ccm/api/tenders/publish-tender";
import { matchTenderVersion } from "@ccm/worker/matching/match-tender-version";
import { SupplierIndexCache } from "@ccm/worker/matching/supplier-index-cache";
import { registerOrganisation, registerSupplier, signUpUser, unregisteredCouncilGssCode } from "../support/fixtures.ts";
import { startTestApp, type GraphqlClient, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

// Matching against the real PostgreSQL and Redis. Suppliers and tenders here are in CPV division 77
// (horticulture) and the North East (TLC), which no other test file uses, so suppliers made by files
// running alongside do not change these rankings.

const DAY = 24 * 3600 * 1000;
let app: TestApp;
const cache = new SupplierIndexCache();

interface Actor {
  client: GraphqlClient;
  userId: string;
  orgId: string;
  orgDbId: string;
}

async function councilBuyer(): Promise<Actor> {
  const client = app.client();
  const user = await signUpUser(client, { name: "Bea Buyer" });
  const org = await registerOrganisation(client, { kind: "COUNCIL", gssCode: await unregisteredCouncilGssCode(app.deps) });
  return { client, userId: dbIdOf(user.id), orgId: org.id, orgDbId: dbIdOf(org.id) };
}

async function supplier(profile: {
  name: string;
  cpvCodes: string[];
  regions?: string[];
  description?: string;
  offering?: string;
  isSme?: boolean;
  isHighGrowth?: boolean;
  turnoverPence?: bigint;
}): Promise<Actor> {
  const client = app.client();
  const user = await signUpUser(client, { name: `${profile.name} bidder` });
  const org = await registerSupplier(client, {
    name: `${profile.name} ${Math.random().toString(36).slice(2, 8)}`,
    regionsServed: profile.regions ?? ["TLC"],
  });
  const orgDbId = dbIdOf(org.id);
  // The supplier-profile helper owns editing these; here the rows are set directly as the profile would.
  await app.deps.prisma.organisation.update({
    where: { id: orgDbId },
    data: {
      capabilityCpvCodes: profile.cpvCodes,
      description: profile.description ?? "",
      isSme: profile.isSme ?? true,
      isHighGrowth: profile.isHighGrowth ?? false,
      supplierSize: (profile.isSme ?? true) ? "SMALL" : "LARGE",
    },
  });
  await app.deps.prisma.supplierYear.create({
    data: {
      organisationId: orgDbId,
      year: 2024,
      headcount: 20,
      turnoverPence: profile.turnoverPence ?? 200_000_000n,
      balanceSheetPence: 50_000_000n,
    },
  });
  if (profile.offering)
    await app.deps.prisma.offering.create({
      data: {
        supplierId: orgDbId,
        title: profile.offering,
        summary: profile.offering,
        description: profile.offering,
        cpvCodes: profile.cpvCodes,
        pricingUnit: "PER_DAY",
        pricePence: 50_000n,
        regions: profile.regions ?? ["TLC"],
        features: [],
        benefits: [],
        publishedAt: new Date(),
      },
    });
  return { client, userId: dbIdOf(user.id), orgId: org.id, orgDbId };
}

async function publishedTender(
  buyer: Actor,
  overrides: Partial<{
    cpvCodes: string[];
    itl1Code: string | null;
    title: string;
    description: string;
    valuePence: bigint;
  }> = {},
) {
  const viewer = await loadViewerForUser(app.deps, buyer.userId);
  const draft = await createTender(app.deps, viewer, {
    buyerId: buyer.orgDbId,
    title: overrides.title ?? "Grounds maintenance of parks and cemeteries",
    description:
      overrides.description ??
      "Grass cutting, hedge trimming and tree surgery in our parks, cemeteries and green spaces, with seasonal planting of flower beds.",
    procedure: "OPEN",
    cpvCodes: overrides.cpvCodes ?? ["77313000"],
    itl1Code: overrides.itl1Code === undefined ? "TLC" : overrides.itl1Code,
    valuePence: overrides.valuePence ?? 40_000_000n,
    suitableForSme: true,
    clarificationDeadline: new Date(Date.now() + 20 * DAY),
    submissionDeadline: new Date(Date.now() + 40 * DAY),
    lots: [{ title: "All sites", description: "" }],
    criteria: [
      { kind: "PRICE", title: "Price", weight: 40 },
      { kind: "QUALITY", title: "Method", weight: 60 },
    ],
  });
  return publishTender(app.deps, viewer, draft.id);
}

async function matchNotifications(tenderId: string) {
  const rows = await app.deps.prisma.outboxMessage.findMany({ where: { queue: "notifications", jobName: "send-notification" } });
  return rows
    .map((r) => r.payload as unknown as SendNotificationPayload)
    .filter((p) => p.kind === "tender.matched" && p.dedupeKey.startsWith(`tender-matched:${tenderId}:`));
}

const OPPORTUNITIES = `{ viewer { opportunities(first: 20) { edges { node { id score rank tender { id title }
  reasons { kind title label contribution weight } } } } } }`;
const TENDER_MATCHES = `query($id: ID!) { node(id: $id) { ... on Tender { matches(first: 20) { edges { node {
  id rank score supplier { id name } reasons { kind contribution } invitedAt } } } } } }`;

let buyer: Actor;
let gardener: Actor;
let treeSurgeon: Actor;
let farAway: Actor;
let bigFirm: Actor;
let tender: Awaited<ReturnType<typeof publishedTender>>;

beforeAll(async () => {
  app = await startTestApp();
  buyer = await councilBuyer();
  gardener = await supplier({
    name: "Green Thumb",
    cpvCodes: ["77313000", "77311000"],
    description: "Parks and grounds maintenance: grass cutting, hedge trimming, planting of flower beds.",
    offering: "Grass cutting and hedge trimming for parks and cemeteries",
    isHighGrowth: true,
  });
  treeSurgeon = await supplier({
    name: "Canopy",
    cpvCodes: ["77211400"],
    regions: ["TLC", "TLD", "TLE"],
    description: "Tree surgery and tree felling.",
  });
  farAway = await supplier({ name: "Southern Lawns", cpvCodes: ["77313000"], regions: ["TLJ"], description: "Grass cutting." });
  bigFirm = await supplier({
    name: "Nationwide Facilities",
    cpvCodes: ["77310000"],
    regions: ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK"],
    description: "Facilities and grounds maintenance across the UK.",
    isSme: false,
    turnoverPence: 90_000_000_000n,
  });
  tender = await publishedTender(buyer);
});

afterAll(async () => {
  await app?.close();
});

describe("publishing a tender", () => {
  it("enqueues exactly one match job, with the id of this tender version", async () => {
    const rows = await app.deps.prisma.outboxMessage.findMany({ where: { queue: "matching" } });
    const mine = rows.filter((r) => (r.payload as { tenderId?: string }).tenderId === tender.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      jobName: "match-tender",
      jobId: jobIds.matchTender(tender.id, 1),
      payload: { tenderId: tender.id, version: 1 },
    });
    // The outbox relay moves it onto the queue (it may already have, after the publish committed).
    await app.deps.outbox.relayPending();
    await expect
      .poll(async () => (await app.deps.queues.queue("matching").getJob(jobIds.matchTender(tender.id, 1)))?.name, {
        timeout: 10_000,
      })
      .toBe("match-tender");
  });
});

describe("the match job", () => {
  it("ranks the suppliers that can do the work, with reasons, and leaves out those in other regions", async () => {
    const result = await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: tender.version });
    expect(result.status).toBe("stored");
    const matches = await app.deps.prisma.match.findMany({ where: { tenderId: tender.id }, orderBy: { rank: "asc" } });
    const ours = matches
      .map((m) => m.supplierId)
      .filter((id) => [gardener, treeSurgeon, farAway, bigFirm].some((s) => s.orgDbId === id));
    // The local SME with the tender's own CPV code and words comes first; the supplier in another region is not there.
    expect(ours[0]).toBe(gardener.orgDbId);
    expect([...ours].sort()).toEqual([gardener.orgDbId, bigFirm.orgDbId, treeSurgeon.orgDbId].sort());
    const top = matches.find((m) => m.supplierId === gardener.orgDbId)!;
    const reasons = top.reasons as { kind: string; contribution: number }[];
    expect(reasons.map((r) => r.kind).sort()).toEqual(["capacity", "cpv", "highGrowth", "region", "sme", "text", "trackRecord"]);
    expect(reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(top.score, 9);
  });

  it("run twice, stores the same matches and sends no second notification", async () => {
    await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: tender.version });
    const before = await app.deps.prisma.match.findMany({ where: { tenderId: tender.id }, orderBy: { supplierId: "asc" } });
    const notifiedBefore = await matchNotifications(tender.id);
    expect(notifiedBefore.map((n) => n.dedupeKey).sort()).toEqual(
      [gardener, bigFirm, treeSurgeon].map((s) => `tender-matched:${tender.id}:${s.orgDbId}`).sort(),
    );

    const again = await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: tender.version });
    expect(again).toMatchObject({ status: "stored", notified: 0 });
    const after = await app.deps.prisma.match.findMany({ where: { tenderId: tender.id }, orderBy: { supplierId: "asc" } });
    const comparable = (m: (typeof before)[number]) => ({
      id: m.id,
      supplierId: m.supplierId,
      score: m.score,
      rank: m.rank,
      reasons: m.reasons,
      notifiedAt: m.notifiedAt,
    });
    expect(after.map(comparable)).toEqual(before.map(comparable));
    expect(await matchNotifications(tender.id)).toHaveLength(notifiedBefore.length);

    // Delivered twice (a retried job), each bidder still has one notification.
    for (const payload of notifiedBefore) {
      await deliverNotification(app.deps, payload);
      await deliverNotification(app.deps, payload);
    }
    const inbox = await app.deps.prisma.notification.findMany({ where: { userId: gardener.userId, kind: "tender.matched" } });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toMatch(/Why we think it suits you/);
  });

  it("does nothing for a version that is no longer current", async () => {
    expect(await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: tender.version + 1 })).toEqual({
      status: "skipped",
      reason: "stale-version",
    });
  });
});

describe("opportunities and the buyer's list over GraphQL", () => {
  it("a supplier with matching capabilities sees the tender among its opportunities, with its reasons", async () => {
    const data = await gardener.client.ok(OPPORTUNITIES);
    const edge = data.viewer.opportunities.edges.find((e: any) => e.node.tender.title === tender.title);
    expect(edge).toBeDefined();
    const labels = edge.node.reasons.map((r: any) => r.label).join("\n");
    expect(labels).toMatch(/Capability 77313000 \(.*\) is the same code as the tender's 77313000/);
    expect(labels).toMatch(/Words in common with the tender: .*(grass|hedge|cemetery)/);
    expect(labels).toMatch(/Serves North East/);
    expect(edge.node.reasons[0].contribution).toBeGreaterThanOrEqual(edge.node.reasons.at(-1).contribution);
  });

  it("the buyer sees the ranked matches; other councils and suppliers see none", async () => {
    const tenderGlobalId = Buffer.from(`Tender:${tender.id}`).toString("base64");
    const mine = await buyer.client.ok(TENDER_MATCHES, { id: tenderGlobalId });
    const names = mine.node.matches.edges.map((e: any) => e.node.supplier.id);
    expect(names.indexOf(gardener.orgId)).toBeLessThan(names.indexOf(treeSurgeon.orgId));
    expect(mine.node.matches.edges.map((e: any) => e.node.rank)).toEqual([...mine.node.matches.edges.keys()].map((k) => k + 1));

    const otherCouncil = await councilBuyer();
    expect((await otherCouncil.client.ok(TENDER_MATCHES, { id: tenderGlobalId })).node.matches.edges).toEqual([]);
    expect((await gardener.client.ok(TENDER_MATCHES, { id: tenderGlobalId })).node.matches.edges).toEqual([]);
    // Nor can another supplier read a match by its id.
    const matchId = mine.node.matches.edges[0].node.id;
    expect((await farAway.client.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: matchId })).node).toBeNull();
  });

  it("the buyer invites a matched supplier once; nobody else can", async () => {
    const matchRow = await app.deps.prisma.match.findUniqueOrThrow({
      where: { tenderId_supplierId: { tenderId: tender.id, supplierId: treeSurgeon.orgDbId } },
    });
    const matchId = Buffer.from(`Match:${matchRow.id}`).toString("base64");
    const INVITE = `mutation($id: ID!) { inviteMatchedSupplier(matchId: $id) { __typename
      ... on InviteMatchedSupplierSuccess { data { invitedAt } } ... on Error { code } } }`;
    expect((await farAway.client.ok(INVITE, { id: matchId })).inviteMatchedSupplier).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
    });
    expect((await treeSurgeon.client.ok(INVITE, { id: matchId })).inviteMatchedSupplier.__typename).toBe("ForbiddenError");

    const first = await buyer.client.ok(INVITE, { id: matchId });
    expect(first.inviteMatchedSupplier.__typename).toBe("InviteMatchedSupplierSuccess");
    const second = await buyer.client.ok(INVITE, { id: matchId });
    expect(second.inviteMatchedSupplier.data.invitedAt).toBe(first.inviteMatchedSupplier.data.invitedAt);
    const invites = await app.deps.prisma.outboxMessage.findMany({ where: { jobId: { contains: "tender-invited" } } });
    expect(invites.filter((r) => r.jobId.includes(tender.id) && r.jobId.includes(treeSurgeon.orgDbId))).toHaveLength(1);
  });
});

describe("not relevant", () => {
  it("removes the tender from the supplier's opportunities and the buyer's list, and later runs respect it", async () => {
    const own = await bigFirm.client.ok(OPPORTUNITIES);
    const edge = own.viewer.opportunities.edges.find((e: any) => e.node.tender.title === tender.title);
    const MARK = `mutation($id: ID!) { markOpportunityNotRelevant(matchId: $id) { __typename
      ... on MarkOpportunityNotRelevantSuccess { data { notRelevantAt } } ... on Error { code } } }`;
    // Only the supplier itself can say so.
    expect((await gardener.client.ok(MARK, { id: edge.node.id })).markOpportunityNotRelevant.__typename).toBe("NotFoundError");
    const marked = await bigFirm.client.ok(MARK, { id: edge.node.id });
    expect(marked.markOpportunityNotRelevant.data.notRelevantAt).toBeTruthy();

    const later = await bigFirm.client.ok(OPPORTUNITIES);
    expect(later.viewer.opportunities.edges.some((e: any) => e.node.tender.title === tender.title)).toBe(false);

    // An amendment makes a new version and a new run: the mark holds, nothing new is sent.
    await app.deps.prisma.tender.update({
      where: { id: tender.id },
      data: { version: 2, description: `${tender.description} Also litter picking.` },
    });
    const outboxBefore = await matchNotifications(tender.id);
    const rerun = await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: 2 });
    expect(rerun.status).toBe("stored");
    const row = await app.deps.prisma.match.findUniqueOrThrow({
      where: { tenderId_supplierId: { tenderId: tender.id, supplierId: bigFirm.orgDbId } },
    });
    expect(row.dismissedAt).not.toBeNull();
    expect(row.tenderVersion).toBe(1);
    expect(await matchNotifications(tender.id)).toHaveLength(outboxBefore.length);
    const tenderGlobalId = Buffer.from(`Tender:${tender.id}`).toString("base64");
    const buyerView = await buyer.client.ok(TENDER_MATCHES, { id: tenderGlobalId });
    expect(buyerView.node.matches.edges.map((e: any) => e.node.supplier.id)).not.toContain(bigFirm.orgId);
  });
});

describe("alert settings", () => {
  const UPDATE = `mutation($input: UpdateAlertSettingsInput!) { updateAlertSettings(input: $input) { __typename
    ... on UpdateAlertSettingsSuccess { data { cpvCodes regions { code } minValuePence maxValuePence emailDigest } }
    ... on ValidationError { issues { path message } } ... on Error { code } } }`;

  it("validates and saves CPV codes, regions and a value range", async () => {
    const bad = await gardener.client.ok(UPDATE, {
      input: { supplierId: gardener.orgId, cpvCodes: ["99999999"], regions: ["XX"], minValuePence: 500, maxValuePence: 100 },
    });
    expect(bad.updateAlertSettings.__typename).toBe("ValidationError");
    expect(bad.updateAlertSettings.issues.map((i: any) => i.path.join("."))).toEqual(["cpvCodes.0", "regions.0"]);
    const range = await gardener.client.ok(UPDATE, {
      input: { supplierId: gardener.orgId, cpvCodes: [], regions: [], minValuePence: 500, maxValuePence: 100 },
    });
    expect(range.updateAlertSettings.issues).toEqual([
      { path: ["maxValuePence"], message: "The highest value must be at least the lowest" },
    ]);
    expect(
      (await treeSurgeon.client.ok(UPDATE, { input: { supplierId: gardener.orgId, cpvCodes: [], regions: [] } }))
        .updateAlertSettings.__typename,
    ).toBe("ForbiddenError");
    const ok = await gardener.client.ok(UPDATE, {
      input: { supplierId: gardener.orgId, cpvCodes: ["77300000"], regions: ["TLC"], minValuePence: 1000000, emailDigest: true },
    });
    expect(ok.updateAlertSettings.data).toEqual({
      cpvCodes: ["77300000"],
      regions: [{ code: "TLC" }],
      minValuePence: 1000000,
      maxValuePence: null,
      emailDigest: true,
    });
  });

  it("a match outside a supplier's settings is stored and shown but not notified", async () => {
    await treeSurgeon.client.ok(UPDATE, {
      input: { supplierId: treeSurgeon.orgId, cpvCodes: [], regions: [], maxValuePence: 100 },
    });
    const small = await publishedTender(buyer, {
      title: "Tree survey of the town centre",
      description: "Tree survey and tree surgery.",
      cpvCodes: ["77211400"],
    });
    await matchTenderVersion(app.deps, cache, { tenderId: small.id, version: 1 });
    const match = await app.deps.prisma.match.findUniqueOrThrow({
      where: { tenderId_supplierId: { tenderId: small.id, supplierId: treeSurgeon.orgDbId } },
    });
    expect(match.rank).toBe(1);
    expect(match.notifiedAt).toBeNull();
    expect((await matchNotifications(small.id)).map((n) => n.dedupeKey)).not.toContain(
      `tender-matched:${small.id}:${treeSurgeon.orgDbId}`,
    );
  });
});

describe("the daily digest", () => {
  it("emails each supplier user once about the opportunities told in the app", async () => {
    const first = await sendMatchDigest(app.deps, { runDate: "2030-01-01" });
    expect(first.emails).toBeGreaterThanOrEqual(1);
    const emailed = await app.deps.prisma.notification.findMany({ where: { userId: gardener.userId, kind: "tender.matched" } });
    expect(emailed.every((n) => n.emailedAt !== null)).toBe(true);
    const second = await sendMatchDigest(app.deps, { runDate: "2030-01-01" });
    expect(second.emails).toBe(0);
  });
});

describe("the public algorithm and fairness figures", () => {
  it("publishes the weights the matcher uses", async () => {
    const data = await app
      .client()
      .ok(
        `{ matchingAlgorithm { version maximumScore eligibility parts { part title weight description } cpvLevels { level points } } }`,
      );
    expect(data.matchingAlgorithm.maximumScore).toBe(100);
    expect(data.matchingAlgorithm.parts.map((p: any) => p.part)).toEqual([
      "cpv",
      "text",
      "region",
      "capacity",
      "trackRecord",
      "sme",
      "highGrowth",
    ]);
    expect(data.matchingAlgorithm.eligibility).toMatch(/shares at least a division/);
  });

  it("counts matched and notified suppliers by month and region, with SME and high-growth shares", async () => {
    const data = await app.client()
      .ok(`{ matchingFairness { totals { matched { total sme highGrowth smeShare } notified { total sme } }
      byRegion { region { code } national matched { total sme } } byMonth { month matched { total } } suppliers { total sme } } }`);
    const f = data.matchingFairness;
    const ours = await app.deps.prisma.match.count({ where: { tender: { buyerId: buyer.orgDbId } } });
    expect(f.totals.matched.total).toBeGreaterThanOrEqual(ours);
    expect(f.totals.matched.sme).toBeLessThanOrEqual(f.totals.matched.total);
    const northEast = f.byRegion.find((r: any) => r.region?.code === "TLC");
    expect(northEast.matched.total).toBeGreaterThanOrEqual(ours);
    expect(f.byMonth.reduce((s: number, p: any) => s + p.matched.total, 0)).toBe(f.totals.matched.total);
    expect(f.suppliers.total).toBeGreaterThanOrEqual(4);
  });
});
