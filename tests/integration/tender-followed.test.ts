import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { council, publishedTender, supplier, type Council, type Supplier } from "../support/tender-fixtures.ts";

// The supplier dashboard lists the tenders a supplier follows (tenders(filter: { followedBy })). Whom a
// supplier follows is its own business: anyone else asking gets an empty list.

let app: TestApp;
let buyer: Council;
let follower: Supplier;
let rival: Supplier;

const FOLLOWED = `query($supplierId: ID!) { tenders(filter: { followedBy: $supplierId }) { edges { node { title following } } } }`;
type Followed = { tenders: { edges: { node: { title: string; following: boolean } }[] } };
const titles = (result: Followed) => result.tenders.edges.map((e) => e.node.title).sort();

beforeAll(async () => {
  app = await startTestApp();
  buyer = await council(app);
  [follower, rival] = await Promise.all([supplier(app), supplier(app)]);
});
afterAll(async () => {
  await app?.close();
});

describe("tenders followed by a supplier", () => {
  it("lists the tenders it follows, and drops one it unfollows", async () => {
    const [first, second] = [
      await publishedTender(buyer, { title: "Followed: parking permits" }),
      await publishedTender(buyer, { title: "Followed: library app" }),
    ];
    await publishedTender(buyer, { title: "Not followed: street lighting" });
    const follow = `mutation($id: ID!, $follow: Boolean) { followTender(id: $id, follow: $follow) { __typename } }`;
    await follower.bidder.client.ok(follow, { id: first.id, follow: true });
    await follower.bidder.client.ok(follow, { id: second.id, follow: true });

    const listed = await follower.bidder.client.ok<Followed>(FOLLOWED, { supplierId: follower.id });
    expect(titles(listed)).toEqual(["Followed: library app", "Followed: parking permits"]);
    expect(listed.tenders.edges.every((e) => e.node.following)).toBe(true);

    await follower.bidder.client.ok(follow, { id: first.id, follow: false });
    expect(titles(await follower.bidder.client.ok<Followed>(FOLLOWED, { supplierId: follower.id }))).toEqual([
      "Followed: library app",
    ]);
  });

  it("shows another supplier, the buyer or a visitor nothing of whom a supplier follows", async () => {
    const tender = await publishedTender(buyer, { title: "Followed: secret interest" });
    await follower.bidder.client.ok(`mutation($id: ID!) { followTender(id: $id) { __typename } }`, { id: tender.id });
    for (const outsider of [rival.bidder.client, buyer.buyer.client, app.client()])
      expect(titles(await outsider.ok<Followed>(FOLLOWED, { supplierId: follower.id }))).toEqual([]);
  });
});
