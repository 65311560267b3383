import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { verifyAuditChain } from "@ccm/api/audit/audit";
import { startWorkers, type RunningWorkers } from "@ccm/worker/start-workers";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { createIsolatedDatabase } from "../support/isolated-database.ts";
import {
  BID_FIELDS,
  council,
  DAY,
  dbIdOf,
  dbNow,
  draftTender,
  eventually,
  member,
  moveDeadlines,
  mutate,
  publish,
  publishedTender,
  saveBid,
  submitBid,
  submittedBid,
  supplier,
  TENDER_FIELDS,
  tenderInput,
  type Council,
} from "../support/tender-fixtures.ts";

// The whole tender life cycle through GraphQL on real PostgreSQL and Redis, with the deadline and
// notification workers running: draft, readiness, publish, questions, bids, amendment, closing at the
// deadline, opening, conflicts, scoring, award with standstill, feedback and the contract.

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let app: TestApp;
let workers: RunningWorkers;

beforeAll(async () => {
  database = await createIsolatedDatabase("tender_lifecycle");
  app = await startTestApp({ DATABASE_URL: database.url, QUEUE_PREFIX: `${inject("queuePrefix")}-tender-lifecycle` });
  workers = await startWorkers(app.deps, { queues: ["deadlines", "notifications"], concurrency: 4 });
});
afterAll(async () => {
  await workers?.close();
  await app?.close();
  await database?.drop();
});

async function notificationsOf(userId: string) {
  return app.deps.prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

const STATUS = `query($id: ID!) { tender(id: $id) { status closedAt version bidCount bidsSealed } }`;

describe("drafting and publishing", () => {
  let buyerCouncil: Council;
  beforeAll(async () => {
    buyerCouncil = await council(app);
  });

  it("drafts a tender that only its council can see", async () => {
    const draft = await draftTender(buyerCouncil);
    expect(draft).toMatchObject({ status: "DRAFT", version: 1 });
    expect(draft.lots).toHaveLength(1);
    const outsider = await supplier(app);
    expect((await outsider.bidder.client.ok(`query($id: ID!) { tender(id: $id) { id } }`, { id: draft.id })).tender).toBeNull();
    expect((await app.client().ok(`query($id: ID!) { tender(id: $id) { id } }`, { id: draft.id })).tender).toBeNull();
  });

  it("gives field-level errors for bad input, with paths matching the input", async () => {
    const result = await mutate(
      buyerCouncil.buyer.client,
      "createTender",
      "$input: TenderInput!",
      { input: tenderInput({ title: "", cpvCodes: ["72212000", "99999999"], lots: [{ title: "" }] }) },
      "id",
    );
    expect(result.__typename).toBe("ValidationError");
    expect(result.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(
      expect.arrayContaining(["title", "cpvCodes.1", "lots.0.title"]),
    );
  });

  it("shows the plain-English and SME-barrier check, and refuses to publish too short a period", async () => {
    const now = Date.now();
    const draft = await draftTender(buyerCouncil, {
      description:
        "The contracting authority shall utilise the most economically advantageous tender methodology pursuant to the regulations in order to facilitate mobilisation.",
      valuePence: 120_000_000,
      clarificationDeadline: new Date(now + 5 * DAY).toISOString(),
      submissionDeadline: new Date(now + 10 * DAY).toISOString(),
      criteria: [{ kind: "QUALITY", title: "Approach", weight: 80 }],
    });
    const { tenderReadiness } = await buyerCouncil.buyer.client.ok(
      `query($id: ID!) { tenderReadiness(id: $id) { canPublish minimumSubmissionDays submissionPeriodDays
         readability { fleschReadingEase band } jargon { term alternatives count } checks { code severity path message } } }`,
      { id: draft.id },
    );
    expect(tenderReadiness.canPublish).toBe(false);
    expect(tenderReadiness.minimumSubmissionDays).toBe(25);
    const codes = tenderReadiness.checks.map((c: { severity: string; code: string }) => `${c.severity}:${c.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "REFUSAL:SUBMISSION_PERIOD_TOO_SHORT",
        "REFUSAL:WEIGHTS_NOT_100",
        "WARNING:PRICE_CRITERION_MISSING",
        "WARNING:NOT_SPLIT_INTO_LOTS",
        "WARNING:HARD_TO_READ",
        "WARNING:JARGON",
      ]),
    );
    expect(tenderReadiness.jargon.map((j: { term: string }) => j.term)).toEqual(
      expect.arrayContaining(["utilise", "pursuant to"]),
    );

    const refused = await mutate(buyerCouncil.buyer.client, "publishTender", "$id: ID!", { id: draft.id }, "id status");
    expect(refused.__typename).toBe("TenderNotReadyError");
    expect(refused.checks.map((c: { code: string }) => c.code).sort()).toEqual([
      "SUBMISSION_PERIOD_TOO_SHORT",
      "WEIGHTS_NOT_100",
    ]);
    expect((await buyerCouncil.buyer.client.ok(STATUS, { id: draft.id })).tender.status).toBe("DRAFT");
  });

  it("publishes, scheduling the close job at the deadline and matching, through the outbox", async () => {
    const tender = await publishedTender(buyerCouncil);
    expect(tender.status).toBe("PUBLISHED");
    const id = dbIdOf(tender.id);
    const jobs = await app.deps.prisma.outboxMessage.findMany({ where: { jobId: { in: [`close-${id}-v1`, `match-${id}-v1`] } } });
    expect(jobs.map((j) => j.jobName).sort()).toEqual(["close-tender", "match-tender"]);
    expect(jobs.find((j) => j.jobName === "close-tender")?.runAt?.toISOString()).toBe(tender.submissionDeadline);
    const again = await mutate(buyerCouncil.buyer.client, "publishTender", "$id: ID!", { id: tender.id }, "id");
    expect(again).toMatchObject({ __typename: "TenderStateError", code: "TENDER_STATE" });
  });

  it("only the council's buyers can publish; an evaluator or another council cannot", async () => {
    const draft = await draftTender(buyerCouncil);
    const evaluator = await member(app, buyerCouncil, "EVALUATOR");
    const other = await council(app);
    expect((await mutate(evaluator.client, "publishTender", "$id: ID!", { id: draft.id }, "id")).__typename).toBe(
      "ForbiddenError",
    );
    expect((await mutate(other.buyer.client, "publishTender", "$id: ID!", { id: draft.id }, "id")).__typename).toBe(
      "NotFoundError",
    );
  });
});

describe("finding tenders", () => {
  it("filters by CPV (descendants too), value, deadline, SME suitability and status", async () => {
    const c = await council(app);
    const software = await publishedTender(c, { title: "Filter software", cpvCodes: ["72212000"], valuePence: 40_000_000 });
    const cleaning = await publishedTender(c, {
      title: "Filter cleaning",
      cpvCodes: ["90910000"],
      valuePence: 40_000_000,
      suitableForSme: false,
    });
    const big = await publishedTender(c, { title: "Filter big", cpvCodes: ["72000000"], valuePence: 900_000_000 });
    await draftTender(c, { title: "Filter draft", cpvCodes: ["72212000"] });
    const browse = app.client();
    const list = async (filter: Record<string, unknown>) =>
      (
        await browse.ok(
          `query($filter: TenderFilter) { tenders(filter: $filter, first: 50) { edges { node { id title status } } } }`,
          {
            filter: { buyerId: c.id, ...filter },
          },
        )
      ).tenders.edges
        .map((e: { node: { title: string } }) => e.node.title)
        .sort();
    expect(await list({})).toEqual(["Filter big", "Filter cleaning", "Filter software"]);
    expect(await list({ cpvCodes: ["72000000"] })).toEqual(["Filter big", "Filter software"]);
    expect(await list({ cpvCodes: ["72212000"] })).toEqual(["Filter software"]);
    expect(await list({ maxValuePence: 50_000_000 })).toEqual(["Filter cleaning", "Filter software"]);
    expect(await list({ suitableForSme: false })).toEqual(["Filter cleaning"]);
    expect(await list({ statuses: ["PUBLISHED"], deadlineTo: new Date(Date.now() + 31 * DAY).toISOString() })).toHaveLength(3);
    expect(await list({ statuses: ["DRAFT"] })).toEqual([]);
    // The council's own people see its drafts too.
    const own = await c.buyer.client.ok(`query($f: TenderFilter) { tenders(filter: $f) { edges { node { title } } } }`, {
      f: { buyerId: c.id, statuses: ["DRAFT"] },
    });
    expect(own.tenders.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(["Filter draft"]);
    void software;
    void cleaning;
    void big;
  });
});

describe("the life cycle from questions to contract", () => {
  it("runs a tender from publication to award and contract", async () => {
    const c = await council(app);
    const evaluator = await member(app, c, "EVALUATOR");
    const conflicted = await member(app, c, "EVALUATOR");
    const [alpha, beta, gamma, follower] = await Promise.all([supplier(app), supplier(app), supplier(app), supplier(app)]);
    const tender = await publishedTender(c, { title: "Lifecycle tender" });
    const tenderId = dbIdOf(tender.id);

    // Questions: asked anonymously, answered to everyone interested.
    await follower.bidder.client.ok(`mutation($id: ID!) { followTender(id: $id) { __typename } }`, { id: tender.id });
    const asked = await mutate(
      alpha.bidder.client,
      "askClarification",
      "$input: AskClarificationInput!",
      {
        input: { tenderId: tender.id, question: "Can we host the service in our own cloud?" },
      },
      "id question askedByViewer",
    );
    expect(asked).toMatchObject({ __typename: "AskClarificationSuccess", data: { askedByViewer: true } });
    const buyerView = await c.buyer.client.ok(
      `query($id: ID!) { tender(id: $id) { clarificationQuestions { id question answer askedByViewer } } }`,
      { id: tender.id },
    );
    expect(buyerView.tender.clarificationQuestions).toEqual([
      { id: asked.data.id, question: "Can we host the service in our own cloud?", answer: null, askedByViewer: false },
    ]);
    // Beta drafts a bid, so it is interested too.
    const betaDraft = await saveBid(beta, tender);
    const answered = await mutate(
      c.buyer.client,
      "answerClarification",
      "$input: AnswerClarificationInput!",
      {
        input: { questionId: asked.data.id, answer: "Yes, if it is hosted in the UK." },
      },
      "id answer answeredAt",
    );
    expect(answered.__typename).toBe("AnswerClarificationSuccess");
    const publicView = await app
      .client()
      .ok(`query($id: ID!) { tender(id: $id) { clarificationQuestions { question answer askedByViewer } } }`, { id: tender.id });
    expect(publicView.tender.clarificationQuestions).toEqual([
      { question: "Can we host the service in our own cloud?", answer: "Yes, if it is hosted in the UK.", askedByViewer: false },
    ]);
    const alphaOrg = await app.deps.prisma.organisation.findUniqueOrThrow({ where: { id: alpha.dbId } });
    for (const who of [alpha, beta, follower]) {
      const received = await eventually(async () =>
        (await notificationsOf(who.bidder.userId)).find((n) => n.kind === "clarification.answered"),
      );
      expect(received.body).toContain("Yes, if it is hosted in the UK.");
      expect(received.body).not.toContain(alphaOrg.name);
      expect(received.title).not.toContain(alphaOrg.name);
    }

    // Bids: alpha submits; beta submits then withdraws and resubmits; gamma submits but will not re-confirm.
    const draft = await saveBid(alpha, tender, { lots: [{ lotId: tender.lots[0]!.id, pricePence: 10_000_000 }], answers: [] });
    expect(draft.problems.map((p: { path: string[] }) => p.path[0])).toEqual(["answers", "answers"]);
    const incomplete = await submitBid(alpha.bidder.client, draft.id);
    expect(incomplete.__typename).toBe("ValidationError");
    await saveBid(alpha, tender, { lots: [{ lotId: tender.lots[0]!.id, pricePence: 10_000_000 }] });
    const before = await dbNow(app);
    const alphaBid = (await submitBid(alpha.bidder.client, draft.id)).data;
    expect(alphaBid.status).toBe("SUBMITTED");
    expect(new Date(alphaBid.submittedAt).getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(new Date(alphaBid.submittedAt).getTime()).toBeLessThanOrEqual((await dbNow(app)).getTime());

    const betaSubmitted = (await submitBid(beta.bidder.client, betaDraft.id)).data;
    const withdrawn = await mutate(beta.bidder.client, "withdrawBid", "$id: ID!", { id: betaSubmitted.id }, BID_FIELDS);
    expect(withdrawn.data.status).toBe("WITHDRAWN");
    const changeSubmitted = await mutate(
      alpha.bidder.client,
      "saveBid",
      "$input: SaveBidInput!",
      {
        input: { tenderId: tender.id, lots: [{ lotId: tender.lots[0]!.id, pricePence: 1 }] },
      },
      "id",
    );
    expect(changeSubmitted).toMatchObject({ __typename: "BidStateError", code: "BID_STATE" });
    await saveBid(beta, tender, { lots: [{ lotId: tender.lots[0]!.id, pricePence: 15_000_000 }] });
    const betaBid = (await submitBid(beta.bidder.client, betaDraft.id)).data;
    expect(betaBid.status).toBe("SUBMITTED");
    const gammaBid = await submittedBid(gamma, tender, { lots: [{ lotId: tender.lots[0]!.id, pricePence: 9_000_000 }] });
    expect((await c.buyer.client.ok(STATUS, { id: tender.id })).tender).toMatchObject({ bidCount: 3, bidsSealed: true });

    // Amendment: version 2; submitted bids need re-confirmation and their suppliers are told.
    const amended = await mutate(
      c.buyer.client,
      "updateTender",
      "$id: ID!, $input: TenderInput!",
      {
        id: tender.id,
        input: tenderInput({
          title: "Lifecycle tender",
          submissionDeadline: new Date(Date.now() + 32 * DAY).toISOString(),
          lots: [{ id: tender.lots[0]!.id, title: "Build and run the service" }],
          criteria: tender.criteria.map((cr) => ({ id: cr.id, kind: cr.kind, title: cr.title, weight: cr.weight })),
        }),
      },
      TENDER_FIELDS,
    );
    expect(amended.data).toMatchObject({ version: 2, status: "PUBLISHED" });
    const gammaAfter = await gamma.bidder.client.ok(
      `query($id: ID!) { node(id: $id) { ... on Bid { needsReconfirmation status } } }`,
      { id: gammaBid.id },
    );
    expect(gammaAfter.node).toEqual({ needsReconfirmation: true, status: "SUBMITTED" });
    const told = await eventually(async () =>
      (await notificationsOf(gamma.bidder.userId)).find((n) => n.kind === "tender.amended"),
    );
    expect(told.title).toMatch(/Re-confirm/);
    expect(await app.deps.prisma.outboxMessage.count({ where: { jobId: `close-${tenderId}-v2` } })).toBe(1);
    for (const [who, bid] of [
      [alpha, alphaBid],
      [beta, betaBid],
    ] as const) {
      const confirmed = await mutate(who.bidder.client, "confirmBid", "$id: ID!", { id: bid.id }, BID_FIELDS);
      expect(confirmed.data).toMatchObject({ needsReconfirmation: false, confirmedTenderVersion: 2 });
    }

    // The deadline passes (moved to seconds from now through the test-only path) and the worker closes it.
    const deadline = new Date((await dbNow(app)).getTime() + 2500);
    await moveDeadlines(app, tender.id, deadline);
    const closed = await eventually(async () => {
      const { tender: t } = await c.buyer.client.ok(STATUS, { id: tender.id });
      return t.closedAt ? t : null;
    });
    expect(closed.status).toBe("CLOSED");
    expect(new Date(closed.closedAt).getTime()).toBeGreaterThanOrEqual(deadline.getTime());
    const late = await submitBid(alpha.bidder.client, draft.id);
    expect(late.__typename).toMatch(/DeadlinePassedError|BidStateError/);
    const statuses = await app.deps.prisma.bid.findMany({
      where: { tenderId },
      select: { supplierId: true, validatedAt: true, disqualifiedAt: true, disqualificationReason: true },
    });
    expect(statuses.find((b) => b.supplierId === gamma.dbId)?.disqualificationReason).toMatch(/re-confirmed/);
    expect(statuses.filter((b) => b.validatedAt)).toHaveLength(2);

    // Opening, conflicts and scoring.
    const opened = await mutate(c.buyer.client, "openBids", "$id: ID!", { id: tender.id }, "status bidsSealed");
    expect(opened.data).toEqual({ status: "EVALUATION", bidsSealed: false });
    const quality = tender.criteria.filter((cr) => cr.kind === "QUALITY");
    const score = (who: typeof evaluator, bidId: string, criterionId: string, mark: number) =>
      mutate(
        who.client,
        "scoreBid",
        "$input: ScoreBidInput!",
        { input: { bidId, criterionId, mark, comment: `Mark ${mark} because of the evidence.` } },
        "mark score",
      );
    expect(await score(evaluator, alphaBid.id, quality[0]!.id, 3)).toMatchObject({
      __typename: "ConflictOfInterestError",
      code: "DECLARATION_REQUIRED",
    });
    const declare = (who: typeof evaluator, hasConflict: boolean) =>
      mutate(
        who.client,
        "declareConflict",
        "$input: DeclareConflictInput!",
        { input: { tenderId: tender.id, hasConflict, details: hasConflict ? "My sister runs one of the bidders." : "" } },
        "hasConflict",
      );
    expect((await declare(evaluator, false)).__typename).toBe("DeclareConflictSuccess");
    expect((await declare(conflicted, true)).__typename).toBe("DeclareConflictSuccess");
    expect(await score(conflicted, alphaBid.id, quality[0]!.id, 4)).toMatchObject({
      __typename: "ConflictOfInterestError",
      code: "CONFLICT_OF_INTEREST",
    });
    expect((await declare(c.buyer, false)).__typename).toBe("DeclareConflictSuccess");
    // Alpha: 3,4 and 2,2 ; beta: 2,2 and 2,3 (evaluator, buyer).
    for (const [who, bid, marks] of [
      [evaluator, alphaBid, [3, 2]],
      [c.buyer, alphaBid, [4, 2]],
      [evaluator, betaBid, [2, 2]],
      [c.buyer, betaBid, [2, 3]],
    ] as const)
      for (const [i, mark] of marks.entries())
        expect((await score(who, bid.id, quality[i]!.id, mark)).__typename).toBe("ScoreBidSuccess");

    const evaluation = await c.buyer.client.ok(
      `query($id: ID!) { tender(id: $id) { evaluation { lot { id } results { bid { id } pricePence priceScore qualityScore total rank complete
         criteria { criterion { title } moderated weighted spread { count min max mean median } } } } } }`,
      { id: tender.id },
    );
    const [lotEval] = evaluation.tender.evaluation;
    expect(lotEval.results.map((r: { bid: { id: string } }) => r.bid.id)).toEqual([alphaBid.id, betaBid.id]);
    const alphaRow = lotEval.results[0];
    expect(alphaRow).toMatchObject({ priceScore: 40, rank: 1, complete: true });
    expect(alphaRow.criteria[1]).toMatchObject({
      moderated: 87.5,
      spread: { count: 2, min: 75, max: 100, mean: 87.5, median: 87.5 },
    });
    expect(lotEval.results[1].priceScore).toBeCloseTo(26.67, 2);
    expect(
      (await c.buyer.client.ok(`query($id: ID!) { tender(id: $id) { evaluation { lot { id } } } }`, { id: tender.id })).tender
        .evaluation,
    ).toHaveLength(1);
    expect(
      (await conflicted.client.ok(`query($id: ID!) { tender(id: $id) { evaluation { lot { id } } } }`, { id: tender.id })).tender
        .evaluation,
    ).toBeNull();

    // Award: only rank 1, with reasons; starts an 8-working-day standstill.
    const awardArgs = "$tenderId: ID!, $lotId: ID!, $bidId: ID!, $reasons: String!";
    const reasons = "Best value: the lowest price and the clearest plan for building the service.";
    const wrong = await mutate(
      c.buyer.client,
      "awardTender",
      awardArgs,
      { tenderId: tender.id, lotId: tender.lots[0]!.id, bidId: betaBid.id, reasons },
      "id",
    );
    expect(wrong).toMatchObject({ __typename: "ConflictError", code: "NOT_MOST_ADVANTAGEOUS" });
    const award = await mutate(
      c.buyer.client,
      "awardTender",
      awardArgs,
      { tenderId: tender.id, lotId: tender.lots[0]!.id, bidId: alphaBid.id, reasons },
      "id decidedAt standstillEndsAt supplier { id } lot { id }",
    );
    expect(award.__typename).toBe("AwardTenderSuccess");
    expect(award.data.supplier.id).toBe(alpha.id);
    const standstillDays = (new Date(award.data.standstillEndsAt).getTime() - new Date(award.data.decidedAt).getTime()) / DAY;
    expect(standstillDays).toBeGreaterThanOrEqual(8);
    expect(standstillDays).toBeLessThanOrEqual(16);
    expect((await c.buyer.client.ok(STATUS, { id: tender.id })).tender.status).toBe("AWARD_PENDING");

    // Feedback: beta sees its own scores and the winner's, with the reasons.
    const feedback = await beta.bidder.client.ok(
      `query($id: ID!) { node(id: $id) { ... on Bid { status feedback { successful reasons yours { total rank } winner { total rank criteria { weight moderated } } } } } }`,
      { id: betaBid.id },
    );
    expect(feedback.node.status).toBe("UNSUCCESSFUL");
    expect(feedback.node.feedback).toEqual([
      expect.objectContaining({
        successful: false,
        reasons,
        yours: { total: lotEval.results[1].total, rank: 2 },
        winner: expect.objectContaining({ total: alphaRow.total, rank: 1 }),
      }),
    ]);
    const lost = await eventually(async () => (await notificationsOf(beta.bidder.userId)).find((n) => n.kind === "award.lost"));
    expect(lost.body).toContain(String(alphaRow.total));

    // End of standstill (moved into the past through the test path): the award becomes a contract.
    await app.deps.prisma.award.update({
      where: { id: dbIdOf(award.data.id) },
      data: { standstillEndsAt: new Date((await dbNow(app)).getTime() - 1000) },
    });
    const { recoverDeadlineJobs } = await import("@ccm/api/tenders/recover-deadline-jobs");
    expect(await recoverDeadlineJobs(app.deps)).toMatchObject({ awards: 1 });
    // The award's delayed job is still queued for the real end of standstill: run it now.
    await (await app.deps.queues.queue("deadlines").getJob(`standstill-${dbIdOf(award.data.id)}`))?.promote();
    const awarded = await eventually(async () => {
      const { tender: t } = await app
        .client()
        .ok(`query($id: ID!) { tender(id: $id) { status contracts { valuePence supplier { id } } } }`, { id: tender.id });
      return t.status === "AWARDED" ? t : null;
    });
    expect(awarded.contracts).toEqual([{ valuePence: 10_000_000, supplier: { id: alpha.id } }]);
    const alphaStatus = await alpha.bidder.client.ok(`query($id: ID!) { node(id: $id) { ... on Bid { status } } }`, {
      id: alphaBid.id,
    });
    expect(alphaStatus.node.status).toBe("AWARDED");

    // Every state change left an audit event, and the chain verifies.
    const actions = (
      await app.deps.prisma.auditEvent.findMany({
        where: { OR: [{ entityId: tenderId }, { data: { path: ["tenderId"], equals: tenderId } }] },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "tender.drafted",
        "tender.published",
        "tender.amended",
        "tender.closed",
        "tender.bids-opened",
        "bid.submitted",
        "bid.withdrawn",
        "bid.redrafted",
        "bid.confirmed",
        "bid.scored",
        "tender.lot-awarded",
        "award.contracted",
      ]),
    );
    expect((await verifyAuditChain(app.deps.prisma)).ok).toBe(true);
  });

  it("closes a tender with no valid bid as UNSUCCESSFUL, and cancels with a reason", async () => {
    const c = await council(app);
    const empty = await publishedTender(c);
    await moveDeadlines(app, empty.id, new Date((await dbNow(app)).getTime() + 1000));
    const closed = await eventually(async () => {
      const { tender: t } = await c.buyer.client.ok(STATUS, { id: empty.id });
      return t.status === "UNSUCCESSFUL" ? t : null;
    });
    expect(closed.closedAt).not.toBeNull();

    const s = await supplier(app);
    const other = await publishedTender(c);
    await submittedBid(s, other);
    const noReason = await mutate(
      c.buyer.client,
      "cancelTender",
      "$id: ID!, $reason: String!",
      { id: other.id, reason: "x" },
      "id",
    );
    expect(noReason.__typename).toBe("ValidationError");
    const cancelled = await mutate(
      c.buyer.client,
      "cancelTender",
      "$id: ID!, $reason: String!",
      { id: other.id, reason: "The budget for this work was withdrawn." },
      "status cancellationReason",
    );
    expect(cancelled.data).toEqual({ status: "CANCELLED", cancellationReason: "The budget for this work was withdrawn." });
    const told = await eventually(async () =>
      (await notificationsOf(s.bidder.userId)).find((n) => n.kind === "tender.cancelled"),
    );
    expect(told.body).toContain("budget");
    void publish;
  });
});
