import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewerForUser } from "@ccm/api/auth/viewer";
import { createTender } from "@ccm/api/tenders/create-tender";
import { publishTender } from "@ccm/api/tenders/publish-tender";
import { matchTenderVersion } from "@ccm/worker/matching/match-tender-version";
import { SupplierIndexCache } from "@ccm/worker/matching/supplier-index-cache";
import { registerOrganisation, registerSupplier, signUpUser, unregisteredCouncilGssCode } from "../support/fixtures.ts";
import { startTestApp, type GraphqlClient, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

// viewer.opportunities(notRelevant: true): the open tenders a supplier marked not relevant, so the
// opportunities page can list them and offer to restore each. Only ever the viewer's own.
// Suppliers and tenders here are in CPV division 90 (sewage, refuse, cleaning) in the South West (TLK).

const DAY = 24 * 3600 * 1000;
let app: TestApp;
const cache = new SupplierIndexCache();

const OPPORTUNITIES = `query($notRelevant: Boolean) { viewer { opportunities(first: 50, notRelevant: $notRelevant) {
  edges { node { id notRelevantAt tender { title } } } } } }`;
const MARK = `mutation($id: ID!) { markOpportunityNotRelevant(matchId: $id) { __typename } }`;
const RESTORE = `mutation($id: ID!) { restoreOpportunity(matchId: $id) { __typename } }`;

async function titles(client: GraphqlClient, notRelevant?: boolean): Promise<string[]> {
  const data = await client.ok(OPPORTUNITIES, notRelevant === undefined ? {} : { notRelevant });
  return data.viewer.opportunities.edges.map((e: { node: { tender: { title: string } } }) => e.node.tender.title).sort();
}

let bidder: GraphqlClient;
let rival: GraphqlClient;
const bins = "Litter bin emptying in the town centre";
const sweeping = "Street sweeping on market days";

beforeAll(async () => {
  app = await startTestApp();
  const supplierOf = async (name: string) => {
    const client = app.client();
    await signUpUser(client, { name: `${name} bidder` });
    const org = await registerSupplier(client, {
      name: `${name} ${Math.random().toString(36).slice(2, 8)}`,
      regionsServed: ["TLK"],
    });
    await app.deps.prisma.organisation.update({
      where: { id: dbIdOf(org.id) },
      data: { capabilityCpvCodes: ["90610000"], description: "Street cleaning, sweeping and litter bins.", isSme: true },
    });
    return client;
  };
  bidder = await supplierOf("Clean Streets");
  rival = await supplierOf("Tidy Towns");

  const buyerClient = app.client();
  const buyerUser = await signUpUser(buyerClient);
  const council = await registerOrganisation(buyerClient, {
    kind: "COUNCIL",
    gssCode: await unregisteredCouncilGssCode(app.deps),
  });
  const viewer = await loadViewerForUser(app.deps, dbIdOf(buyerUser.id));
  for (const title of [bins, sweeping]) {
    const draft = await createTender(app.deps, viewer, {
      buyerId: dbIdOf(council.id),
      title,
      description: `${title}: street cleaning and emptying litter bins.`,
      procedure: "OPEN",
      cpvCodes: ["90610000"],
      itl1Code: "TLK",
      valuePence: 10_000_000n,
      suitableForSme: true,
      clarificationDeadline: new Date(Date.now() + 20 * DAY),
      submissionDeadline: new Date(Date.now() + 40 * DAY),
      lots: [{ title: "All streets", description: "" }],
      criteria: [
        { kind: "PRICE", title: "Price", weight: 50 },
        { kind: "QUALITY", title: "Method", weight: 50 },
      ],
    });
    const tender = await publishTender(app.deps, viewer, draft.id);
    await matchTenderVersion(app.deps, cache, { tenderId: tender.id, version: tender.version });
  }
});

afterAll(async () => {
  await app?.close();
});

describe("the opportunities a supplier marked not relevant", () => {
  it("are listed apart from the others until restored, and only to that supplier", async () => {
    expect(await titles(bidder)).toEqual([sweeping, bins].sort());
    expect(await titles(bidder, true)).toEqual([]);

    const data = await bidder.ok(OPPORTUNITIES);
    const match = data.viewer.opportunities.edges.find((e: any) => e.node.tender.title === bins).node;
    expect((await bidder.ok(MARK, { id: match.id })).markOpportunityNotRelevant.__typename).toBe(
      "MarkOpportunityNotRelevantSuccess",
    );

    expect(await titles(bidder)).toEqual([sweeping]);
    const marked = await bidder.ok(OPPORTUNITIES, { notRelevant: true });
    expect(marked.viewer.opportunities.edges).toHaveLength(1);
    expect(marked.viewer.opportunities.edges[0].node).toMatchObject({ id: match.id, tender: { title: bins } });
    expect(marked.viewer.opportunities.edges[0].node.notRelevantAt).toBeTruthy();
    // Another supplier matched to the same tenders sees neither its rival's mark nor its own list changed.
    expect(await titles(rival, true)).toEqual([]);
    expect(await titles(rival)).toEqual([sweeping, bins].sort());

    expect((await bidder.ok(RESTORE, { id: match.id })).restoreOpportunity.__typename).toBe("RestoreOpportunitySuccess");
    expect(await titles(bidder, true)).toEqual([]);
    expect(await titles(bidder)).toEqual([sweeping, bins].sort());
  });
});
