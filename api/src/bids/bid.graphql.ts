import { builder } from "../builder.ts";
import { isMember, type Context } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { buildBidFeedback, type LotFeedback, type ScoreSummary } from "../awards/bid-feedback.ts";
import { loadEvaluation } from "../evaluation/load-evaluation.ts";
import type { CriterionResult, Spread } from "../evaluation/evaluation-scores.ts";
import { FieldIssueRef } from "../shared/errors.graphql.ts";
import { idFrom, optionalIdFrom } from "../shared/global-id.ts";
import { requestNow } from "../shared/request-clock.ts";
import { BidStatusEnum } from "../tenders/tender-errors.graphql.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { deriveTenderStatus, TenderStateError } from "../tenders/tender-status.ts";
import { guardBidRead } from "./bid-access.ts";
import { missingFromBid } from "./bid-completeness.ts";
import { BidStateError, deriveBidOutcome, deriveBidStatus, needsReconfirmation } from "./bid-status.ts";
import { confirmBid } from "./confirm-bid.ts";
import { saveBid } from "./save-bid.ts";
import { submitBid } from "./submit-bid.ts";
import { withdrawBid } from "./withdraw-bid.ts";

// The Bid type is sealed as a whole: every field of every Bid, however it was reached (tender.bids,
// node(id), an award, an evaluation row), first passes guardBidRead, which lets the bidding supplier
// in, the council only after it has opened the bids, and records every other attempt in the audit trail.

export const ScoreSpreadRef = builder.objectRef<Spread>("ScoreSpread").implement({
  description: "How far the evaluators' scores (0-100) for one criterion agree.",
  fields: (t) => ({
    count: t.exposeInt("count"),
    min: t.exposeFloat("min"),
    max: t.exposeFloat("max"),
    mean: t.exposeFloat("mean"),
    median: t.exposeFloat("median"),
  }),
});

export const CriterionScoreRef = builder.objectRef<CriterionResult>("CriterionScore").implement({
  description:
    "One criterion's part of a bid's score. Quality: the median of the evaluators' 0-100 scores (moderated), with the spread. Price: lowest price / this price x 100.",
  fields: (t) => ({
    criterion: t.prismaField({
      type: "Criterion",
      resolve: (query, r, _args, ctx) => ctx.deps.prisma.criterion.findUniqueOrThrow({ ...query, where: { id: r.criterionId } }),
    }),
    weight: t.exposeInt("weight"),
    moderated: t.exposeFloat("moderated", { nullable: true, description: "0-100 before weighting; null until scored." }),
    weighted: t.exposeFloat("weighted", { description: "Contribution to the total, out of the weight." }),
    spread: t.field({ type: ScoreSpreadRef, nullable: true, resolve: (r) => r.spread }),
  }),
});

const ScoreSummaryRef = builder.objectRef<ScoreSummary>("ScoreSummary").implement({
  fields: (t) => ({
    total: t.exposeFloat("total", { description: "Out of 100." }),
    priceScore: t.exposeFloat("priceScore"),
    qualityScore: t.exposeFloat("qualityScore"),
    rank: t.exposeInt("rank"),
    criteria: t.field({ type: [CriterionScoreRef], resolve: (s) => s.criteria }),
  }),
});

const LotFeedbackRef = builder.objectRef<LotFeedback>("LotFeedback").implement({
  description: "Feedback on an awarded lot: your scores and the winner's, with the council's reasons.",
  fields: (t) => ({
    lot: t.prismaField({
      type: "Lot",
      resolve: (query, f, _args, ctx) => ctx.deps.prisma.lot.findUniqueOrThrow({ ...query, where: { id: f.lotId } }),
    }),
    successful: t.exposeBoolean("successful"),
    yours: t.field({ type: ScoreSummaryRef, resolve: (f) => f.yours }),
    winner: t.field({ type: ScoreSummaryRef, resolve: (f) => f.winner }),
    reasons: t.exposeString("reasons"),
    standstillEndsAt: t.expose("standstillEndsAt", { type: "DateTime" }),
  }),
});

async function bidStatus(
  bid: {
    id: string;
    tenderId: string;
    submittedAt: Date | null;
    withdrawnAt: Date | null;
    validatedAt: Date | null;
    disqualifiedAt: Date | null;
  },
  ctx: Context,
) {
  const [tender, awards, lots] = await Promise.all([
    ctx.deps.prisma.tender.findUniqueOrThrow({ where: { id: bid.tenderId } }),
    ctx.deps.prisma.award.findMany({ where: { tenderId: bid.tenderId }, select: { lotId: true, bidId: true } }),
    ctx.deps.prisma.bidLot.findMany({ where: { bidId: bid.id }, select: { lotId: true } }),
  ]);
  const outcome = deriveBidOutcome(
    { id: bid.id, lotIds: lots.map((l) => l.lotId) },
    awards,
    deriveTenderStatus(tender, await requestNow(ctx)),
  );
  return deriveBidStatus(bid, outcome);
}

builder.prismaNode("Bid", {
  id: { field: "id" },
  nullable: true,
  authScopes: async (bid, ctx) => (await guardBidRead(ctx, bid, "Bid")).allowed,
  runScopesOnType: true,
  fields: (t) => ({
    tender: t.relation("tender"),
    supplier: t.relation("supplier"),
    status: t.field({ type: BidStatusEnum, resolve: (bid, _args, ctx) => bidStatus(bid, ctx) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    submittedAt: t.expose("submittedAt", {
      type: "DateTime",
      nullable: true,
      description: "The receipt time, from the database clock: the moment the submission was accepted.",
    }),
    withdrawnAt: t.expose("withdrawnAt", { type: "DateTime", nullable: true }),
    confirmedTenderVersion: t.exposeInt("confirmedTenderVersion", { nullable: true }),
    needsReconfirmation: t.boolean({
      description: "True when the tender was amended after this bid was submitted: confirm it before the deadline.",
      resolve: async (bid, _args, ctx) => {
        const tender = await ctx.deps.prisma.tender.findUniqueOrThrow({ where: { id: bid.tenderId }, select: { version: true } });
        return needsReconfirmation(bid, tender.version);
      },
    }),
    validatedAt: t.expose("validatedAt", { type: "DateTime", nullable: true }),
    disqualifiedAt: t.expose("disqualifiedAt", { type: "DateTime", nullable: true }),
    disqualificationReason: t.exposeString("disqualificationReason", { nullable: true }),
    lots: t.relation("lots", { description: "The lots bid for, each with its price (sealed)." }),
    answers: t.relation("answers", { description: "Answers to the quality criteria (sealed)." }),
    problems: t.field({
      type: [FieldIssueRef],
      description: "What must be filled in before the bid can be submitted (paths: lots, answers.<criterion id>).",
      resolve: async (bid, _args, ctx) => {
        const [lotCount, answers, quality] = await Promise.all([
          ctx.deps.prisma.bidLot.count({ where: { bidId: bid.id } }),
          ctx.deps.prisma.bidAnswer.findMany({ where: { bidId: bid.id, answer: { not: "" } }, select: { criterionId: true } }),
          ctx.deps.prisma.criterion.findMany({
            where: { tenderId: bid.tenderId, kind: "QUALITY" },
            orderBy: { position: "asc" },
            select: { id: true, title: true },
          }),
        ]);
        return missingFromBid({ lotCount, answeredCriterionIds: answers.map((a) => a.criterionId) }, quality);
      },
    }),
    scores: t.prismaField({
      type: ["Score"],
      description: "Your own scores of this bid (evaluators score independently).",
      resolve: (query, bid, _args, ctx) =>
        ctx.viewer
          ? ctx.deps.prisma.score.findMany({ ...query, where: { bidId: bid.id, evaluatorUserId: ctx.viewer.userId } })
          : [],
    }),
    feedback: t.field({
      type: [LotFeedbackRef],
      description: "For the bidder, once lots it bid on are awarded: its scores and the winner's, with the reasons.",
      resolve: async (bid, _args, ctx) => {
        if (!isMember(ctx.viewer, bid.supplierId)) return [];
        const awards = await ctx.deps.prisma.award.findMany({ where: { tenderId: bid.tenderId } });
        if (awards.length === 0) return [];
        return buildBidFeedback(bid.id, await loadEvaluation(ctx.deps.prisma, bid.tenderId), awards);
      },
    }),
  }),
});

builder.prismaObject("BidLot", {
  fields: (t) => ({
    lot: t.relation("lot"),
    pricePence: t.expose("pricePence", { type: "Pence" }),
  }),
});

builder.prismaObject("BidAnswer", {
  fields: (t) => ({
    criterion: t.relation("criterion"),
    answer: t.exposeString("answer"),
  }),
});

builder.prismaObject("Score", {
  fields: (t) => ({
    criterion: t.relation("criterion"),
    mark: t.int({ description: "0-4 as marked (see scoreScale).", resolve: (s) => Math.round(s.score / 25) }),
    score: t.exposeInt("score", { description: "The mark as 0-100." }),
    comment: t.exposeString("comment"),
    scoredAt: t.expose("scoredAt", { type: "DateTime" }),
  }),
});

builder.queryField("bids", (t) =>
  t.prismaConnection({
    type: "Bid",
    cursor: "id",
    description: "A supplier's bids, newest first (its members only; empty for anyone else).",
    args: { supplierId: t.arg.id({ required: true }) },
    resolve: (query, _root, { supplierId }, ctx) => {
      let id: string;
      try {
        id = idFrom(supplierId, "Organisation");
      } catch {
        return [];
      }
      if (!isMember(ctx.viewer, id)) return [];
      return ctx.deps.prisma.bid.findMany({ ...query, where: { supplierId: id }, orderBy: { id: "desc" } });
    },
  }),
);

// ----------------------------------------------------------------------------------------------------
// Mutations

const BidLotInput = builder.inputType("BidLotInput", {
  fields: (t) => ({
    lotId: t.id({ required: true }),
    pricePence: t.field({ type: "Pence", required: true }),
  }),
});

const BidAnswerInput = builder.inputType("BidAnswerInput", {
  fields: (t) => ({
    criterionId: t.id({ required: true }),
    answer: t.string({ required: true }),
  }),
});

const SaveBidInput = builder.inputType("SaveBidInput", {
  description: "The whole draft: the lots you bid for with a price each, and an answer per quality criterion.",
  fields: (t) => ({
    tenderId: t.id({ required: true }),
    supplierId: t.id({ required: false, description: "Which of your suppliers (optional when you belong to one)." }),
    lots: t.field({ type: [BidLotInput], required: true }),
    answers: t.field({ type: [BidAnswerInput], required: false }),
  }),
});

const bidErrors = [NotFoundError, BidStateError, DeadlinePassedError, TenderStateError];

builder.mutationField("saveBid", (t) =>
  t.prismaField({
    type: "Bid",
    description: "Create or replace your draft bid (a withdrawn bid becomes a draft again). Sealed until the deadline.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: SaveBidInput, required: true }) },
    errors: { types: bidErrors },
    resolve: async (query, _root, { input }, ctx) => {
      const lotIds = input.lots.map((l) => {
        try {
          return idFrom(l.lotId, "Lot");
        } catch {
          return String(l.lotId);
        }
      });
      const bid = await saveBid(ctx.deps, ctx.viewer, {
        tenderId: idFrom(input.tenderId, "Tender", "The tender"),
        supplierId: optionalIdFrom(input.supplierId, "Organisation", "That supplier"),
        lots: input.lots.map((l, i) => ({ lotId: lotIds[i]!, pricePence: l.pricePence })),
        answers: (input.answers ?? []).map((a) => {
          let criterionId: string;
          try {
            criterionId = idFrom(a.criterionId, "Criterion");
          } catch {
            criterionId = String(a.criterionId);
          }
          return { criterionId, answer: a.answer };
        }),
      });
      return ctx.deps.prisma.bid.findUniqueOrThrow({ ...query, where: { id: bid.id } });
    },
  }),
);

builder.mutationField("submitBid", (t) =>
  t.prismaField({
    type: "Bid",
    description:
      "Submit your draft (or resubmit a withdrawn bid) before the deadline. `submittedAt` is the receipt time from the database clock; at or after the deadline it fails with DeadlinePassedError and nothing is stored.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: bidErrors },
    resolve: async (query, _root, { id }, ctx) => {
      const { bid } = await submitBid(ctx.deps, ctx.viewer, idFrom(id, "Bid", "The bid"));
      // The stored row answers a selection of the bid's own fields (as at a deadline); relations are loaded in one query.
      if (Object.keys(query).length === 0) return bid;
      return ctx.deps.prisma.bid.findUniqueOrThrow({ ...query, where: { id: bid.id } });
    },
  }),
);

builder.mutationField("withdrawBid", (t) =>
  t.prismaField({
    type: "Bid",
    description: "Withdraw your submitted bid before the deadline; you may change and submit it again until then.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: bidErrors },
    resolve: async (query, _root, { id }, ctx) => {
      const { bidId } = await withdrawBid(ctx.deps, ctx.viewer, idFrom(id, "Bid", "The bid"));
      return ctx.deps.prisma.bid.findUniqueOrThrow({ ...query, where: { id: bidId } });
    },
  }),
);

builder.mutationField("confirmBid", (t) =>
  t.prismaField({
    type: "Bid",
    description: "Re-confirm your submitted bid against the amended tender (needed before the deadline, or it is disqualified).",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: bidErrors },
    resolve: async (query, _root, { id }, ctx) => {
      const { bidId } = await confirmBid(ctx.deps, ctx.viewer, idFrom(id, "Bid", "The bid"));
      return ctx.deps.prisma.bid.findUniqueOrThrow({ ...query, where: { id: bidId } });
    },
  }),
);
