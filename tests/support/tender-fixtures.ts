import type { MembershipRole } from "@ccm/prisma";
import { enqueueJob } from "@ccm/api/jobs/outbox";
import { jobIds } from "@ccm/api/jobs/queues";
import { registerOrganisation, registerSupplier, signUpUser, unregisteredCouncilGssCode } from "./fixtures.ts";
import type { GraphqlClient, TestApp } from "./harness.ts";

// Fixture builders for tendering: people, councils, suppliers, tenders and bids made through the
// public GraphQL API, each with overrides. Moving a deadline to "seconds from now" is the one test-only
// path (moveDeadlines): it writes the row directly, as an amendment would, and never goes through the
// real validation, which refuses periods shorter than the legal minimum.

export const DAY = 24 * 60 * 60 * 1000;

export interface Person {
  client: GraphqlClient;
  userId: string;
  email: string;
}

export interface Council {
  id: string;
  dbId: string;
  buyer: Person;
}

export interface Supplier {
  id: string;
  dbId: string;
  bidder: Person;
}

export function dbIdOf(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":").slice(1).join(":");
}

export async function person(app: TestApp, name = "Test Person"): Promise<Person> {
  const client = app.client();
  const user = await signUpUser(client, { name });
  return { client, userId: dbIdOf(user.id), email: user.email };
}

/** A council with a buyer (its ADMIN, who registered it). */
export async function council(app: TestApp): Promise<Council> {
  const buyer = await person(app, "Bea Buyer");
  const org = await registerOrganisation(buyer.client, { kind: "COUNCIL", gssCode: await unregisteredCouncilGssCode(app.deps) });
  return { id: org.id, dbId: dbIdOf(org.id), buyer };
}

/** A supplier with a bidder (its ADMIN, who registered it). */
export async function supplier(app: TestApp, overrides: Record<string, unknown> = {}): Promise<Supplier> {
  const bidder = await person(app, "Sam Supplier");
  const org = await registerSupplier(bidder.client, overrides);
  return { id: org.id, dbId: dbIdOf(org.id), bidder };
}

/** Someone else in an organisation with a role, written directly (addMember, tested in organisation-members, would add notifications and audit events to every test that needs a colleague). */
export async function member(app: TestApp, organisation: { dbId: string }, role: MembershipRole): Promise<Person> {
  const someone = await person(app, `${role.toLowerCase()} member`);
  await app.deps.prisma.membership.create({ data: { userId: someone.userId, organisationId: organisation.dbId, role } });
  return someone;
}

export function tenderInput(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    title: "Website for booking bulky waste collections",
    description:
      "We want a simple website where people can book a bulky waste collection. They should be able to pick a date and pay online. It must work well on phones.",
    procedure: "OPEN",
    cpvCodes: ["72212000"],
    valuePence: 30_000_000,
    suitableForSme: true,
    clarificationDeadline: new Date(now + 20 * DAY).toISOString(),
    submissionDeadline: new Date(now + 30 * DAY).toISOString(),
    lots: [{ title: "Build and run the service", description: "Design, build and host it for two years." }],
    criteria: [
      { kind: "PRICE", title: "Price", weight: 40 },
      { kind: "QUALITY", title: "How you will build it", weight: 35 },
      { kind: "QUALITY", title: "How you will support it", weight: 25 },
    ],
    ...overrides,
  };
}

export const TENDER_FIELDS = `id title status version submissionDeadline clarificationDeadline publishedAt closedAt
  lots { id number title } criteria { id kind title weight }`;

export interface TenderView {
  id: string;
  title: string;
  status: string;
  version: number;
  submissionDeadline: string;
  lots: { id: string; number: number; title: string }[];
  criteria: { id: string; kind: string; title: string; weight: number }[];
}

const FRAGMENTS = {
  notReady: "... on TenderNotReadyError { checks { code severity message path } }",
  deadline: "... on DeadlinePassedError { deadline }",
  bidState: "... on BidStateError { status }",
  tenderState: "... on TenderStateError { status }",
} as const;
const EXTRA_ERRORS: Record<string, (keyof typeof FRAGMENTS)[]> = {
  publishTender: ["notReady", "tenderState"],
  updateTender: ["notReady", "tenderState"],
  cancelTender: ["tenderState"],
  openBids: ["tenderState"],
  saveBid: ["deadline", "bidState"],
  submitBid: ["deadline", "bidState"],
  withdrawBid: ["deadline", "bidState"],
  confirmBid: ["deadline", "bidState"],
  askClarification: ["deadline"],
};

/** Runs a mutation and returns its result union member (with __typename; `data` on success). */
export async function mutate<T = any>(
  client: GraphqlClient,
  field: string,
  args: string,
  vars: Record<string, unknown>,
  fields: string,
): Promise<T> {
  const success = `${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  const query = `mutation(${args}) { ${field}(${argNames(args)}) { __typename
    ... on ${success} { data { ${fields} } }
    ... on ValidationError { issues { path message } }
    ${(EXTRA_ERRORS[field] ?? []).map((e) => FRAGMENTS[e]).join("\n")}
    ... on Error { message code } } }`;
  const data = await client.ok<Record<string, T>>(query, vars);
  return data[field]!;
}

function argNames(args: string): string {
  return args
    .split(",")
    .map((a) => a.trim().split(":")[0]!.trim().slice(1))
    .map((n) => `${n}: $${n}`)
    .join(", ");
}

export async function draftTender(council: Council, overrides: Record<string, unknown> = {}): Promise<TenderView> {
  const result = await mutate(
    council.buyer.client,
    "createTender",
    "$input: TenderInput!",
    { input: tenderInput(overrides) },
    TENDER_FIELDS,
  );
  if (result.__typename !== "CreateTenderSuccess") throw new Error(`createTender failed: ${JSON.stringify(result)}`);
  return result.data;
}

export async function publish(council: Council, tenderId: string): Promise<TenderView> {
  const result = await mutate(council.buyer.client, "publishTender", "$id: ID!", { id: tenderId }, TENDER_FIELDS);
  if (result.__typename !== "PublishTenderSuccess") throw new Error(`publishTender failed: ${JSON.stringify(result)}`);
  return result.data;
}

export async function publishedTender(council: Council, overrides: Record<string, unknown> = {}): Promise<TenderView> {
  const draft = await draftTender(council, overrides);
  return publish(council, draft.id);
}

/**
 * Test-only: moves a published tender's deadlines (e.g. to seconds from now) by writing the row as an
 * amendment would (version + 1) and requesting the close job for the new version through the outbox.
 */
export async function moveDeadlines(
  app: TestApp,
  tenderGlobalId: string,
  submissionDeadline: Date,
  clarificationDeadline?: Date,
) {
  const id = dbIdOf(tenderGlobalId);
  const tender = await app.deps.prisma.$transaction(async (tx) => {
    const updated = await tx.tender.update({
      where: { id },
      data: {
        submissionDeadline,
        clarificationDeadline: clarificationDeadline ?? new Date(submissionDeadline.getTime() - 1000),
        version: { increment: 1 },
      },
    });
    // Bids submitted so far stay confirmed: this is a clock change for the test, not a real amendment.
    await tx.bid.updateMany({
      where: { tenderId: id, confirmedTenderVersion: updated.version - 1 },
      data: { confirmedTenderVersion: updated.version },
    });
    await enqueueJob(tx, {
      queue: "deadlines",
      name: "close-tender",
      jobId: jobIds.closeTender(id, updated.version),
      payload: { tenderId: id, version: updated.version },
      runAt: submissionDeadline,
    });
    return updated;
  });
  app.deps.outbox.kick();
  return tender;
}

/** The database clock now. */
export async function dbNow(app: TestApp): Promise<Date> {
  const rows = await app.deps.prisma.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return new Date(rows[0]!.now);
}

export const BID_FIELDS = `id status submittedAt withdrawnAt needsReconfirmation confirmedTenderVersion
  lots { lot { id } pricePence } answers { criterion { id } answer } problems { path message }`;

export function bidInput(tender: TenderView, overrides: Record<string, unknown> = {}) {
  return {
    tenderId: tender.id,
    lots: tender.lots.map((l, i) => ({ lotId: l.id, pricePence: 12_000_000 + i * 1_000_000 })),
    answers: tender.criteria
      .filter((c) => c.kind === "QUALITY")
      .map((c) => ({ criterionId: c.id, answer: `Our answer to ${c.title}.` })),
    ...overrides,
  };
}

export async function saveBid(supplier: Supplier, tender: TenderView, overrides: Record<string, unknown> = {}) {
  const result = await mutate(
    supplier.bidder.client,
    "saveBid",
    "$input: SaveBidInput!",
    { input: bidInput(tender, overrides) },
    BID_FIELDS,
  );
  if (result.__typename !== "SaveBidSuccess") throw new Error(`saveBid failed: ${JSON.stringify(result)}`);
  return result.data;
}

export async function submitBid(client: GraphqlClient, bidId: string) {
  return mutate(client, "submitBid", "$id: ID!", { id: bidId }, BID_FIELDS);
}

/** A saved and submitted bid. */
export async function submittedBid(supplier: Supplier, tender: TenderView, overrides: Record<string, unknown> = {}) {
  const draft = await saveBid(supplier, tender, overrides);
  const result = await submitBid(supplier.bidder.client, draft.id);
  if (result.__typename !== "SubmitBidSuccess") throw new Error(`submitBid failed: ${JSON.stringify(result)}`);
  return result.data;
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, everyMs = 100): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
