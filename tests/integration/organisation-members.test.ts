import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { verifyAuditChain } from "@ccm/api/audit/audit";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { startTestApp, type GraphqlClient, type TestApp } from "../support/harness.ts";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import {
  council,
  dbIdOf,
  dbNow,
  eventually,
  member,
  moveDeadlines,
  mutate,
  person,
  publishedTender,
  submittedBid,
  supplier,
  type Council,
  type Person,
} from "../support/tender-fixtures.ts";

// An organisation's ADMIN adds colleagues who have accounts, changes their roles and removes them, through
// GraphQL on real PostgreSQL and Redis (the notification worker delivers the "you were added" notice).
// Every refusal is tried from the attacker's side and must change nothing.

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let app: TestApp;
let workers: RunningWorkers;

beforeAll(async () => {
  database = await createIsolatedDatabase("organisation_members");
  app = await startTestApp({ DATABASE_URL: database.url, QUEUE_PREFIX: `${inject("queuePrefix")}-organisation-members` });
  workers = await startWorkers(app.deps, { queues: ["deadlines", "notifications"], concurrency: 4 });
});
afterAll(async () => {
  await workers?.close();
  await app?.close();
  await database?.drop();
});

const MEMBERSHIP = "id role email createdAt user { id name } organisation { id name }";
const MEMBERS = `query($id: ID!) { node(id: $id) { ... on Organisation { members { id role email user { name } } } } }`;

function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

function addMember(client: GraphqlClient, input: Record<string, unknown>) {
  return mutate(client, "addMember", "$input: AddMemberInput!", { input }, MEMBERSHIP);
}

function changeMemberRole(client: GraphqlClient, membershipId: string, role: string) {
  return mutate(client, "changeMemberRole", "$input: ChangeMemberRoleInput!", { input: { membershipId, role } }, "id role");
}

function removeMember(client: GraphqlClient, membershipId: string) {
  return mutate(client, "removeMember", "$input: RemoveMemberInput!", { input: { membershipId } }, "id members { id }");
}

async function membersOf(client: GraphqlClient, organisationId: string) {
  const { node } = await client.ok<{ node: { members: { id: string; role: string; email: string; user: { name: string } }[] } }>(
    MEMBERS,
    { id: organisationId },
  );
  return node.members;
}

/** What the database holds for an organisation's members, to show a refusal changed nothing. */
async function membershipRows(organisationDbId: string) {
  return app.deps.prisma.membership.findMany({
    where: { organisationId: organisationDbId },
    select: { id: true, userId: true, role: true },
    orderBy: { id: "asc" },
  });
}

async function memberAuditCount() {
  return app.deps.prisma.auditEvent.count({ where: { action: { startsWith: "organisation.member-" } } });
}

describe("adding colleagues", () => {
  it("adds someone with an account as an evaluator: listed with their email, told in the app, audited", async () => {
    const c = await council(app);
    const colleague = await person(app, "Eve Evaluator");
    const added = await addMember(c.buyer.client, {
      organisationId: c.id,
      email: colleague.email.toUpperCase(),
      role: "EVALUATOR",
    });
    expect(added).toMatchObject({
      __typename: "AddMemberSuccess",
      data: { role: "EVALUATOR", email: colleague.email, user: { name: "Eve Evaluator" }, organisation: { id: c.id } },
    });

    const members = await membersOf(c.buyer.client, c.id);
    expect(members.map((m) => [m.user.name, m.role])).toEqual([
      ["Bea Buyer", "ADMIN"],
      ["Eve Evaluator", "EVALUATOR"],
    ]);
    // Colleagues see each other's email addresses; the added person sees the team too.
    expect((await membersOf(colleague.client, c.id)).map((m) => m.email)).toEqual([c.buyer.email, colleague.email]);
    const { viewer } = await colleague.client.ok(`{ viewer { memberships { role organisation { id } } } }`);
    expect(viewer.memberships).toEqual([{ role: "EVALUATOR", organisation: { id: c.id } }]);

    const notice = await eventually(() =>
      app.deps.prisma.notification.findFirst({ where: { userId: colleague.userId, kind: "organisation.member-added" } }),
    );
    expect(notice.title).toMatch(/^You have been added to /);
    expect(notice.body).toMatch(/Bea Buyer added you to .* as an evaluator\./);
    expect(notice.link).toBe(`/organisations/${c.dbId}/team`);

    const event = await app.deps.prisma.auditEvent.findFirst({
      where: { action: "organisation.member-added", entityId: dbIdOf(added.data.id) },
    });
    expect(event).toMatchObject({ actorUserId: c.buyer.userId, organisationId: c.dbId, data: { role: "EVALUATOR" } });
  });

  it("lets a supplier have a second bidder", async () => {
    const s = await supplier(app);
    const second = await person(app, "Bo Bidder");
    expect(await addMember(s.bidder.client, { organisationId: s.id, email: second.email, role: "BIDDER" })).toMatchObject({
      __typename: "AddMemberSuccess",
      data: { role: "BIDDER" },
    });
    expect((await membersOf(s.bidder.client, s.id)).map((m) => m.role)).toEqual(["ADMIN", "BIDDER"]);
  });

  it("says clearly why it cannot add someone: no account, already a member, a role the kind has not, a bad address", async () => {
    const c = await council(app);
    const s = await supplier(app);
    const colleague = await person(app);
    const before = await membershipRows(c.dbId);

    const nobody = await addMember(c.buyer.client, { organisationId: c.id, email: "nobody-here@example.org", role: "BUYER" });
    expect(nobody).toMatchObject({ __typename: "NoAccountError", code: "NO_ACCOUNT" });
    expect(nobody.message).toContain("Ask them to create an account first, then add them");

    expect(await addMember(c.buyer.client, { organisationId: c.id, email: c.buyer.email, role: "BUYER" })).toMatchObject({
      __typename: "AlreadyMemberError",
      code: "ALREADY_MEMBER",
    });
    expect(await addMember(c.buyer.client, { organisationId: c.id, email: colleague.email, role: "BIDDER" })).toMatchObject({
      __typename: "RoleNotAllowedError",
      code: "ROLE_NOT_FOR_KIND",
      message: "A council's members are administrators, buyers or evaluators",
    });
    expect(await addMember(s.bidder.client, { organisationId: s.id, email: colleague.email, role: "EVALUATOR" })).toMatchObject({
      __typename: "RoleNotAllowedError",
      message: "A supplier's members are administrators or bidders",
    });
    expect(await addMember(c.buyer.client, { organisationId: c.id, email: "not an email", role: "BUYER" })).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["email"], message: "Enter an email address in the correct format, like name@example.org" }],
    });
    expect(await membershipRows(c.dbId)).toEqual(before);

    // Adding the same person twice is refused the second time.
    expect((await addMember(c.buyer.client, { organisationId: c.id, email: colleague.email, role: "BUYER" })).__typename).toBe(
      "AddMemberSuccess",
    );
    expect(
      (await addMember(c.buyer.client, { organisationId: c.id, email: colleague.email, role: "EVALUATOR" })).__typename,
    ).toBe("AlreadyMemberError");
  });
});

describe("changing roles and removing members", () => {
  it("changes a role and removes a member, never leaving the organisation without an administrator", async () => {
    const c = await council(app);
    const colleague = await person(app, "Col League");
    const added = await addMember(c.buyer.client, { organisationId: c.id, email: colleague.email, role: "EVALUATOR" });
    const [own] = await membersOf(c.buyer.client, c.id);

    expect(await changeMemberRole(c.buyer.client, added.data.id, "BUYER")).toMatchObject({
      __typename: "ChangeMemberRoleSuccess",
      data: { role: "BUYER" },
    });
    expect(await changeMemberRole(c.buyer.client, added.data.id, "BIDDER")).toMatchObject({ __typename: "RoleNotAllowedError" });

    // The only administrator can neither step down nor leave.
    const alone = await changeMemberRole(c.buyer.client, own!.id, "BUYER");
    expect(alone).toMatchObject({ __typename: "LastAdminError", code: "LAST_ADMIN" });
    expect(alone.message).toMatch(/must keep at least one administrator/);
    expect(await removeMember(c.buyer.client, own!.id)).toMatchObject({ __typename: "LastAdminError" });

    // With a second administrator, the first may step down; the second then cannot.
    expect((await changeMemberRole(c.buyer.client, added.data.id, "ADMIN")).__typename).toBe("ChangeMemberRoleSuccess");
    expect(await changeMemberRole(c.buyer.client, own!.id, "EVALUATOR")).toMatchObject({ data: { role: "EVALUATOR" } });
    expect(await removeMember(colleague.client, added.data.id)).toMatchObject({ __typename: "LastAdminError" });

    // The new administrator removes the former one, who then sees the team no more.
    const removed = await removeMember(colleague.client, own!.id);
    expect(removed).toMatchObject({ __typename: "RemoveMemberSuccess", data: { id: c.id, members: [{ id: added.data.id }] } });
    expect(await membersOf(c.buyer.client, c.id)).toEqual([]);
    expect(await membershipRows(c.dbId)).toEqual([{ id: dbIdOf(added.data.id), userId: colleague.userId, role: "ADMIN" }]);

    const actions = await app.deps.prisma.auditEvent.findMany({
      where: { organisationId: c.dbId, action: { startsWith: "organisation.member-" } },
      orderBy: { seq: "asc" },
      select: { action: true, data: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "organisation.member-added",
      "organisation.member-role-changed",
      "organisation.member-role-changed",
      "organisation.member-role-changed",
      "organisation.member-removed",
    ]);
    expect(actions[1]!.data).toEqual({ userId: colleague.userId, from: "EVALUATOR", to: "BUYER" });
    expect(await verifyAuditChain(app.deps.prisma)).toMatchObject({ ok: true });
  });

  it("keeps an administrator when two administrators step down at the same moment", async () => {
    const c = await council(app);
    const other = await person(app);
    const added = await addMember(c.buyer.client, { organisationId: c.id, email: other.email, role: "ADMIN" });
    const [own] = await membersOf(c.buyer.client, c.id);
    const results = await Promise.all([
      changeMemberRole(c.buyer.client, own!.id, "BUYER"),
      changeMemberRole(other.client, added.data.id, "EVALUATOR"),
    ]);
    expect(results.map((r) => r.__typename).sort()).toEqual(["ChangeMemberRoleSuccess", "LastAdminError"]);
    expect((await membershipRows(c.dbId)).filter((m) => m.role === "ADMIN")).toHaveLength(1);
  });
});

describe("only the organisation's administrators manage its members", () => {
  let target: Council;
  let buyer: Person;
  let evaluatorMembershipId: string;
  let outsider: Council;
  let stranger: Person;

  beforeAll(async () => {
    target = await council(app);
    outsider = await council(app);
    buyer = await member(app, target, "BUYER");
    stranger = await person(app, "Stranger");
    const evaluator = await person(app, "Target Evaluator");
    const added = await addMember(target.buyer.client, { organisationId: target.id, email: evaluator.email, role: "EVALUATOR" });
    evaluatorMembershipId = added.data.id;
  });

  it("refuses everyone else with a typed error and changes nothing", async () => {
    const before = await membershipRows(target.dbId);
    const auditBefore = await memberAuditCount();
    const signedOut = app.client();
    const tenderLikeId = globalId("Tender", target.dbId);
    const attempts: [string, GraphqlClient, () => Promise<{ __typename: string; code?: string }>, string][] = [];
    for (const [who, client, expected] of [
      ["another council's admin", outsider.buyer.client, "ForbiddenError"],
      ["a buyer of the same council", buyer.client, "ForbiddenError"],
      ["someone in no organisation", stranger.client, "ForbiddenError"],
      ["a signed-out visitor", signedOut, "UnauthenticatedError"],
    ] as const) {
      attempts.push([
        who,
        client,
        () => addMember(client, { organisationId: target.id, email: stranger.email, role: "ADMIN" }),
        expected,
      ]);
    }
    // Memberships of another organisation do not exist for outsiders; a colleague without the role is forbidden.
    for (const [who, client, expected] of [
      ["another council's admin", outsider.buyer.client, "NotFoundError"],
      ["someone in no organisation", stranger.client, "NotFoundError"],
      ["a buyer of the same council", buyer.client, "ForbiddenError"],
      ["a signed-out visitor", signedOut, "UnauthenticatedError"],
    ] as const) {
      attempts.push([who, client, () => changeMemberRole(client, evaluatorMembershipId, "ADMIN"), expected]);
      attempts.push([who, client, () => removeMember(client, evaluatorMembershipId), expected]);
    }
    // Forged and other-type ids name nothing, even for the target's own administrator.
    const admin = target.buyer.client;
    const forged = [
      () => addMember(admin, { organisationId: tenderLikeId, email: stranger.email, role: "BUYER" }),
      () => addMember(admin, { organisationId: "not-a-global-id", email: stranger.email, role: "BUYER" }),
      () => changeMemberRole(admin, target.id, "BUYER"),
      () => changeMemberRole(admin, globalId("Membership", "00000000-0000-7000-8000-000000000000"), "BUYER"),
      () => removeMember(admin, "bm90IGEgaWQ="),
      () => removeMember(admin, globalId("User", target.buyer.userId)),
    ];
    for (const attempt of forged) attempts.push(["the admin with a forged id", admin, attempt, "NotFoundError"]);
    // The outsider's admin names the target with their own organisation's id: it adds nobody to the target.
    attempts.push([
      "another council's admin with an id of the target's member",
      outsider.buyer.client,
      () => changeMemberRole(outsider.buyer.client, evaluatorMembershipId, "BUYER"),
      "NotFoundError",
    ]);

    for (const [who, , attempt, expected] of attempts) {
      const result = await attempt();
      expect({ who, typename: result.__typename }).toEqual({ who, typename: expected });
    }
    expect(await membershipRows(target.dbId)).toEqual(before);
    expect(await memberAuditCount()).toBe(auditBefore);
    expect(await app.deps.prisma.membership.count({ where: { userId: stranger.userId } })).toBe(0);
  });

  it("shows a membership only to the organisation's members", async () => {
    const NODE = `query($id: ID!) { node(id: $id) { ... on Membership { role email } } }`;
    expect((await buyer.client.ok(NODE, { id: evaluatorMembershipId })).node).toEqual({
      role: "EVALUATOR",
      email: expect.any(String),
    });
    // An outsider gets exactly what an unknown id gets: null, no error, so the id's existence stays hidden.
    const peek = await outsider.buyer.client.request(NODE, { id: evaluatorMembershipId });
    const unknownId = Buffer.from(`Membership:${randomUUID()}`).toString("base64");
    const unknown = await outsider.buyer.client.request(NODE, { id: unknownId });
    expect(peek.data).toEqual({ node: null });
    expect({ data: peek.data, errors: peek.errors }).toEqual({ data: unknown.data, errors: unknown.errors });
    expect(await membersOf(outsider.buyer.client, target.id)).toEqual([]);
  });
});

describe("evaluating with colleagues", () => {
  it("an added evaluator declares and scores on the council's tender; a removed one cannot", async () => {
    const c = await council(app);
    const s = await supplier(app);
    const tender = await publishedTender(c, { title: "Tender scored by colleagues" });
    const bid = await submittedBid(s, tender);
    const [stayer, leaver] = [await person(app, "Stay Evaluator"), await person(app, "Leave Evaluator")];
    const stays = await addMember(c.buyer.client, { organisationId: c.id, email: stayer.email, role: "EVALUATOR" });
    const leaves = await addMember(c.buyer.client, { organisationId: c.id, email: leaver.email, role: "EVALUATOR" });

    await moveDeadlines(app, tender.id, new Date((await dbNow(app)).getTime() + 1500));
    await eventually(async () => {
      const { tender: t } = await c.buyer.client.ok(`query($id: ID!) { tender(id: $id) { closedAt } }`, { id: tender.id });
      return t.closedAt;
    });
    expect((await mutate(c.buyer.client, "openBids", "$id: ID!", { id: tender.id }, "status")).data).toEqual({
      status: "EVALUATION",
    });
    const bidId = bid.id as string;
    const criterionId = tender.criteria.find((cr) => cr.kind === "QUALITY")!.id;
    const declare = (who: Person) =>
      mutate(
        who.client,
        "declareConflict",
        "$input: DeclareConflictInput!",
        { input: { tenderId: tender.id, hasConflict: false } },
        "hasConflict",
      );
    const score = (who: Person, mark: number) =>
      mutate(
        who.client,
        "scoreBid",
        "$input: ScoreBidInput!",
        { input: { bidId, criterionId, mark, comment: `Mark ${mark}: the evidence is clear.` } },
        "mark",
      );

    expect((await declare(stayer)).__typename).toBe("DeclareConflictSuccess");
    expect(await score(stayer, 3)).toMatchObject({ __typename: "ScoreBidSuccess", data: { mark: 3 } });
    const scored = () =>
      app.deps.prisma.score.findMany({ where: { bidId: dbIdOf(bidId) }, select: { evaluatorUserId: true, score: true } });
    const marks = await scored();
    expect(marks.map((m) => m.evaluatorUserId)).toEqual([stayer.userId]);

    expect((await removeMember(c.buyer.client, leaves.data.id)).__typename).toBe("RemoveMemberSuccess");
    expect(await declare(leaver)).toMatchObject({ __typename: "ForbiddenError" });
    expect(await score(leaver, 4)).toMatchObject({ __typename: "ForbiddenError" });

    // Removed after scoring: no more changes to their marks.
    expect((await removeMember(c.buyer.client, stays.data.id)).__typename).toBe("RemoveMemberSuccess");
    expect(await score(stayer, 1)).toMatchObject({ __typename: "ForbiddenError" });
    expect(await scored()).toEqual(marks);
  });
});
