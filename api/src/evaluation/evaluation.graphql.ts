import type { ConflictDeclaration } from "@ccm/prisma";
import { builder } from "../builder.ts";
import { hasRole } from "../context.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { CriterionScoreRef } from "../bids/bid.graphql.ts";
import { idFrom } from "../shared/global-id.ts";
import { BUYER_SIDE_ROLES } from "../tenders/tender-access.ts";
import { TenderStateError } from "../tenders/tender-status.ts";
import { declareConflict } from "./declare-conflict.ts";
import { SCORE_SCALE, type BidResult } from "./evaluation-scores.ts";
import { loadEvaluation, type LotEvaluation } from "./load-evaluation.ts";
import { ConflictOfInterestError, scoreBid } from "./score-bid.ts";

const ConflictDeclarationRef = builder.objectRef<ConflictDeclaration>("ConflictDeclaration").implement({
  fields: (t) => ({
    hasConflict: t.exposeBoolean("hasConflict"),
    details: t.exposeString("details"),
    declaredAt: t.expose("declaredAt", { type: "DateTime" }),
  }),
});

const ScoreMarkRef = builder.objectRef<(typeof SCORE_SCALE)[number]>("ScoreMark").implement({
  description: "One step of the 0-4 marking scale and the 0-100 score it counts as.",
  fields: (t) => ({ mark: t.exposeInt("mark"), score: t.exposeInt("score"), label: t.exposeString("label") }),
});

const BidEvaluationRef = builder.objectRef<BidResult & { supplierId: string }>("BidEvaluation").implement({
  description: "A valid bid's score on one lot: price by formula, quality moderated from the evaluators, out of 100.",
  fields: (t) => ({
    bid: t.prismaField({
      type: "Bid",
      resolve: (query, r, _args, ctx) => ctx.deps.prisma.bid.findUniqueOrThrow({ ...query, where: { id: r.bidId } }),
    }),
    supplier: t.prismaField({
      type: "Organisation",
      resolve: (query, r, _args, ctx) =>
        ctx.deps.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: r.supplierId } }),
    }),
    pricePence: t.expose("pricePence", { type: "Pence" }),
    priceScore: t.exposeFloat("priceScore"),
    qualityScore: t.exposeFloat("qualityScore"),
    total: t.exposeFloat("total"),
    rank: t.exposeInt("rank", { description: "1 is the most advantageous; equal totals share a rank." }),
    complete: t.exposeBoolean("complete", { description: "Every quality criterion has at least one evaluator's score." }),
    criteria: t.field({ type: [CriterionScoreRef], resolve: (r) => r.criteria }),
  }),
});

const LotEvaluationRef = builder.objectRef<LotEvaluation>("LotEvaluation").implement({
  fields: (t) => ({
    lot: t.prismaField({
      type: "Lot",
      resolve: (query, l, _args, ctx) => ctx.deps.prisma.lot.findUniqueOrThrow({ ...query, where: { id: l.lotId } }),
    }),
    results: t.field({ type: [BidEvaluationRef], description: "Best first.", resolve: (l) => l.results }),
  }),
});

builder.prismaObjectFields("Tender", (t) => ({
  evaluation: t.field({
    type: [LotEvaluationRef],
    nullable: true,
    description:
      "Scores lot by lot once the bids are opened: for the council's people without a declared conflict (null for everyone else).",
    resolve: async (tender, _args, ctx) => {
      if (!ctx.viewer || !tender.evaluationStartedAt || !hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES)) return null;
      const declaration = await ctx.deps.prisma.conflictDeclaration.findUnique({
        where: { tenderId_userId: { tenderId: tender.id, userId: ctx.viewer.userId } },
      });
      return declaration?.hasConflict ? null : loadEvaluation(ctx.deps.prisma, tender.id);
    },
  }),
  viewerConflictDeclaration: t.field({
    type: ConflictDeclarationRef,
    nullable: true,
    description: "Your declaration of conflicts of interest on this tender, if made.",
    resolve: (tender, _args, ctx) =>
      ctx.viewer
        ? ctx.deps.prisma.conflictDeclaration.findUnique({
            where: { tenderId_userId: { tenderId: tender.id, userId: ctx.viewer.userId } },
          })
        : null,
  }),
}));

builder.queryField("scoreScale", (t) =>
  t.field({ type: [ScoreMarkRef], description: "The 0-4 marking scale for quality criteria.", resolve: () => [...SCORE_SCALE] }),
);

const DeclareConflictInput = builder.inputType("DeclareConflictInput", {
  fields: (t) => ({
    tenderId: t.id({ required: true }),
    hasConflict: t.boolean({ required: true }),
    details: t.string({ required: false, description: "Required when you have a conflict: what it is." }),
  }),
});

const ScoreBidInput = builder.inputType("ScoreBidInput", {
  fields: (t) => ({
    bidId: t.id({ required: true }),
    criterionId: t.id({ required: true }),
    mark: t.int({ required: true, description: "0-4 (see scoreScale)." }),
    comment: t.string({ required: true, description: "Why this mark: it becomes part of the feedback reasons." }),
  }),
});

builder.mutationField("declareConflict", (t) =>
  t.field({
    type: ConflictDeclarationRef,
    description: "Declare whether you have a conflict of interest with any bidder (evaluators, once the tender has closed).",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: DeclareConflictInput, required: true }) },
    errors: { types: [NotFoundError, TenderStateError, ConflictError] },
    resolve: (_root, { input }, ctx) =>
      declareConflict(ctx.deps, ctx.viewer, {
        tenderId: idFrom(input.tenderId, "Tender", "The tender"),
        hasConflict: input.hasConflict,
        details: input.details ?? "",
      }),
  }),
);

builder.mutationField("scoreBid", (t) =>
  t.prismaField({
    type: "Score",
    description:
      "Mark one quality criterion of a valid bid, independently of other evaluators (needs a declaration of no conflict).",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: ScoreBidInput, required: true }) },
    errors: { types: [NotFoundError, TenderStateError, ConflictOfInterestError, ConflictError] },
    resolve: async (query, _root, { input }, ctx) => {
      const score = await scoreBid(ctx.deps, ctx.viewer, {
        bidId: idFrom(input.bidId, "Bid", "The bid"),
        criterionId: idFrom(input.criterionId, "Criterion", "That criterion"),
        mark: input.mark,
        comment: input.comment,
      });
      return ctx.deps.prisma.score.findUniqueOrThrow({
        ...query,
        where: {
          bidId_criterionId_evaluatorUserId: {
            bidId: score.bidId,
            criterionId: score.criterionId,
            evaluatorUserId: score.evaluatorUserId,
          },
        },
      });
    },
  }),
);
