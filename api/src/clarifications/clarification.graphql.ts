import { builder } from "../builder.ts";
import { hasRole, isMember } from "../context.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { idFrom, optionalIdFrom } from "../shared/global-id.ts";
import { BUYER_SIDE_ROLES, canSeeTender } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { TenderStateError } from "../tenders/tender-status.ts";
import { answerClarification } from "./answer-clarification.ts";
import { askClarification } from "./ask-clarification.ts";

// A question never says who asked: there is no field for it, only `askedByViewer` for the asker's own
// organisation, so the buyer and other suppliers cannot tell.

builder.prismaNode("ClarificationQuestion", {
  id: { field: "id" },
  nullable: true,
  // Answered questions are public with their tender; unanswered ones only for the council and the asker.
  authScopes: async (q, ctx) => {
    const tender = await ctx.deps.prisma.tender.findUnique({
      where: { id: q.tenderId },
      select: { buyerId: true, publishedAt: true },
    });
    if (!tender || !canSeeTender(ctx.viewer, tender)) return false;
    return (
      q.answeredAt !== null ||
      hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES) ||
      isMember(ctx.viewer, q.askedByOrganisationId)
    );
  },
  runScopesOnType: true,
  fields: (t) => ({
    tender: t.relation("tender"),
    question: t.exposeString("question"),
    answer: t.exposeString("answer", { nullable: true }),
    askedAt: t.expose("createdAt", { type: "DateTime" }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true }),
    askedByViewer: t.boolean({
      description: "True for members of the supplier that asked (so it can find its own questions); false for everyone else.",
      resolve: (q, _args, ctx) => isMember(ctx.viewer, q.askedByOrganisationId),
    }),
  }),
});

const AskClarificationInput = builder.inputType("AskClarificationInput", {
  fields: (t) => ({
    tenderId: t.id({ required: true }),
    supplierId: t.id({ required: false, description: "Which of your suppliers asks (optional when you belong to one)." }),
    question: t.string({ required: true }),
  }),
});

const AnswerClarificationInput = builder.inputType("AnswerClarificationInput", {
  fields: (t) => ({
    questionId: t.id({ required: true }),
    answer: t.string({ required: true }),
  }),
});

builder.mutationField("askClarification", (t) =>
  t.prismaField({
    type: "ClarificationQuestion",
    description:
      "Ask the buyer a question before the clarification deadline. Your identity is never shown; you follow the tender.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AskClarificationInput, required: true }) },
    errors: { types: [NotFoundError, TenderStateError, DeadlinePassedError] },
    resolve: async (query, _root, { input }, ctx) => {
      const q = await askClarification(ctx.deps, ctx.viewer, {
        tenderId: idFrom(input.tenderId, "Tender", "The tender"),
        supplierId: optionalIdFrom(input.supplierId, "Organisation", "That supplier"),
        question: input.question,
      });
      return ctx.deps.prisma.clarificationQuestion.findUniqueOrThrow({ ...query, where: { id: q.id } });
    },
  }),
);

builder.mutationField("answerClarification", (t) =>
  t.prismaField({
    type: "ClarificationQuestion",
    description:
      "Answer a question (buyers): published on the tender and sent to every interested supplier, without the asker's name.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AnswerClarificationInput, required: true }) },
    errors: { types: [NotFoundError, TenderStateError, ConflictError] },
    resolve: async (query, _root, { input }, ctx) => {
      const q = await answerClarification(ctx.deps, ctx.viewer, {
        questionId: idFrom(input.questionId, "ClarificationQuestion", "The question"),
        answer: input.answer,
      });
      return ctx.deps.prisma.clarificationQuestion.findUniqueOrThrow({ ...query, where: { id: q.id } });
    },
  }),
);
