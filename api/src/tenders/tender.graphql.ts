import { builder } from "../builder.ts";
import { hasRole, isMember, type Context } from "../context.ts";
import { CpvCodeRef } from "../cpv/cpv.graphql.ts";
import { findCpvCode, type CpvCode } from "../cpv/cpv.ts";
import { NotFoundError } from "../errors.ts";
import { recordSealedReadRefused } from "../bids/bid-access.ts";
import { idFrom, optionalIdFrom } from "../shared/global-id.ts";
import { requestNow } from "../shared/request-clock.ts";
import { cancelTender } from "./cancel-tender.ts";
import { createTender } from "./create-tender.ts";
import { followTender } from "./follow-tender.ts";
import { getTenderReadiness } from "./get-tender-readiness.ts";
import { openBids } from "./open-bids.ts";
import { publishTender } from "./publish-tender.ts";
import { BUYER_SIDE_ROLES, canSeeTender, EVALUATE_ROLES, MANAGE_ROLES } from "./tender-access.ts";
import { ReadinessCheckRef, TenderStatusEnum } from "./tender-errors.graphql.ts";
import { tenderListWhere } from "./tender-filter.ts";
import type { TenderInput } from "./tender-input.ts";
import type { JargonFinding, Readability } from "./plain-english.ts";
import { TenderNotReadyError } from "./tender.errors.ts";
import type { TenderReadiness } from "./tender-readiness.ts";
import { deriveTenderStatus, TenderStateError, type TenderStatus } from "./tender-status.ts";
import { updateTender } from "./update-tender.ts";

// The Tender type, its queries and its mutations (DESIGN.md section 6). A draft exists only for its
// council: to anyone else `tender(id)` answers null and `node(id)` refuses.

export const ProcedureEnum = builder.enumType("Procedure", {
  values: {
    OPEN: { description: "Open procedure: any supplier may bid." },
    COMPETITIVE_FLEXIBLE: { description: "Competitive flexible procedure (run here as one tendering round)." },
    FRAMEWORK_COMPETITION: { description: "Competition among a framework's suppliers (comes with frameworks)." },
    DIRECT_AWARD: { description: "Direct award (comes with frameworks)." },
    BELOW_THRESHOLD: { description: "A contract below the Procurement Act 2023 threshold." },
  },
});

export const CriterionKindEnum = builder.enumType("CriterionKind", { values: ["PRICE", "QUALITY"] as const });

const ReadabilityRef = builder.objectRef<Readability>("Readability").implement({
  description: "Flesch Reading Ease of the description: 100 is very easy, below 50 is hard to read.",
  fields: (t) => ({
    fleschReadingEase: t.exposeFloat("fleschReadingEase"),
    band: t.exposeString("band", { description: 'In words, e.g. "Plain English", "Difficult".' }),
    words: t.exposeInt("words"),
    sentences: t.exposeInt("sentences"),
    syllables: t.exposeInt("syllables"),
  }),
});

const JargonFindingRef = builder.objectRef<JargonFinding>("JargonFinding").implement({
  fields: (t) => ({
    term: t.exposeString("term"),
    alternatives: t.exposeStringList("alternatives", { description: "Plainer words to use instead." }),
    count: t.exposeInt("count"),
  }),
});

export const TenderReadinessRef = builder.objectRef<TenderReadiness>("TenderReadiness").implement({
  description: "The plain-English and SME-barrier check, as if the tender were published now.",
  fields: (t) => ({
    canPublish: t.exposeBoolean("canPublish", { description: "True when no check is a REFUSAL." }),
    checks: t.field({ type: [ReadinessCheckRef], resolve: (r) => r.checks }),
    readability: t.field({ type: ReadabilityRef, resolve: (r) => r.readability }),
    jargon: t.field({ type: [JargonFindingRef], resolve: (r) => r.jargon }),
    submissionPeriodDays: t.exposeInt("submissionPeriodDays", { description: "Whole days from now to the submission deadline." }),
    minimumSubmissionDays: t.exposeInt("minimumSubmissionDays", {
      description: "The minimum for this procedure and value (api/data/procurement-rules.json).",
    }),
    aboveThreshold: t.exposeBoolean("aboveThreshold", {
      description: "Whether the value is above the Procurement Act threshold.",
    }),
  }),
});

interface TenderPermissions {
  edit: boolean;
  publish: boolean;
  cancel: boolean;
  openBids: boolean;
  evaluate: boolean;
  award: boolean;
  answerClarification: boolean;
  bid: boolean;
  askClarification: boolean;
}

const TenderPermissionsRef = builder.objectRef<TenderPermissions>("TenderPermissions").implement({
  description: "What the viewer can do with this tender now, for showing the right buttons (each mutation still checks).",
  fields: (t) => ({
    edit: t.exposeBoolean("edit", { description: "updateTender (a draft, or an amendment of a published tender)." }),
    publish: t.exposeBoolean("publish"),
    cancel: t.exposeBoolean("cancel"),
    openBids: t.exposeBoolean("openBids"),
    evaluate: t.exposeBoolean("evaluate", { description: "declareConflict and scoreBid." }),
    award: t.exposeBoolean("award"),
    answerClarification: t.exposeBoolean("answerClarification"),
    bid: t.exposeBoolean("bid", {
      description: "saveBid, submitBid, withdrawBid, confirmBid for one of the viewer's suppliers.",
    }),
    askClarification: t.exposeBoolean("askClarification"),
  }),
});

function supplierIdsOf(ctx: Context): string[] {
  return ctx.viewer?.memberships.filter((m) => m.organisationKind === "SUPPLIER").map((m) => m.organisationId) ?? [];
}

export const TenderRef = builder.prismaNode("Tender", {
  id: { field: "id" },
  nullable: true,
  authScopes: (tender, ctx) => canSeeTender(ctx.viewer, tender),
  runScopesOnType: true,
  fields: (t) => ({
    ocid: t.exposeString("ocid", { description: "The Open Contracting id of this procurement." }),
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    procedure: t.expose("procedure", { type: ProcedureEnum }),
    cpvCodes: t.field({
      type: [CpvCodeRef],
      resolve: (tender) => tender.cpvCodes.map((c) => findCpvCode(c)).filter((c): c is CpvCode => !!c),
    }),
    itl1Code: t.exposeString("itl1Code", { nullable: true, description: "The ITL1 region where the work is, if one." }),
    valuePence: t.expose("valuePence", { type: "Pence", nullable: true, description: "Estimated value including VAT." }),
    suitableForSme: t.exposeBoolean("suitableForSme"),
    clarificationDeadline: t.expose("clarificationDeadline", { type: "DateTime" }),
    submissionDeadline: t.expose("submissionDeadline", { type: "DateTime" }),
    version: t.exposeInt("version", { description: "Bumped by every amendment after publication." }),
    status: t.field({
      type: TenderStatusEnum,
      description: "Derived from the timestamps at the database's now.",
      resolve: async (tender, _args, ctx) => deriveTenderStatus(tender, await requestNow(ctx)),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    amendedAt: t.expose("amendedAt", { type: "DateTime", nullable: true }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
    evaluationStartedAt: t.expose("evaluationStartedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the bids were opened.",
    }),
    awardPendingAt: t.expose("awardPendingAt", { type: "DateTime", nullable: true }),
    awardedAt: t.expose("awardedAt", { type: "DateTime", nullable: true }),
    cancelledAt: t.expose("cancelledAt", { type: "DateTime", nullable: true }),
    cancellationReason: t.exposeString("cancellationReason", { nullable: true }),
    unsuccessfulAt: t.expose("unsuccessfulAt", { type: "DateTime", nullable: true }),
    buyer: t.relation("buyer"),
    lots: t.relation("lots", { query: { orderBy: { number: "asc" } } }),
    criteria: t.relation("criteria", { query: { orderBy: { position: "asc" } } }),
    awards: t.relation("awards", {
      description: "Intentions to award, lot by lot (public).",
      query: { orderBy: { decidedAt: "asc" } },
    }),
    contracts: t.relation("contracts", { description: "Contracts made after standstill (public)." }),
    clarificationQuestions: t.prismaField({
      type: ["ClarificationQuestion"],
      description:
        "Answered questions (everyone), plus unanswered ones for the council and for the supplier that asked. Never says who asked.",
      resolve: (query, tender, _args, ctx) => {
        const buyerSide = hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES);
        return ctx.deps.prisma.clarificationQuestion.findMany({
          ...query,
          where: {
            tenderId: tender.id,
            ...(buyerSide ? {} : { OR: [{ answeredAt: { not: null } }, { askedByOrganisationId: { in: supplierIdsOf(ctx) } }] }),
          },
          orderBy: { createdAt: "asc" },
        });
      },
    }),
    bidCount: t.int({
      nullable: true,
      description:
        "How many bids are submitted (not withdrawn): for the buying council only, the one thing it sees before the deadline.",
      resolve: (tender, _args, ctx) =>
        hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES) || ctx.viewer?.isPlatformAdmin
          ? ctx.deps.prisma.bid.count({ where: { tenderId: tender.id, submittedAt: { not: null }, withdrawnAt: null } })
          : null,
    }),
    bidsSealed: t.boolean({
      description: "True until the council opens the bids after the deadline: until then only each bidder sees its own bid.",
      resolve: (tender) => tender.evaluationStartedAt === null,
    }),
    bids: t.prismaConnection({
      type: "Bid",
      cursor: "id",
      description:
        "Sealed rules: a supplier sees only its own bids; the council sees the submitted bids once it has opened them (and has not declared a conflict). Any other attempt returns nothing and is recorded in the audit trail.",
      resolve: async (query, tender, _args, ctx) => {
        const own = supplierIdsOf(ctx);
        const buyerSide = hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES);
        let buyerMayRead = false;
        if (buyerSide && tender.evaluationStartedAt && ctx.viewer) {
          const declaration = await ctx.deps.prisma.conflictDeclaration.findUnique({
            where: { tenderId_userId: { tenderId: tender.id, userId: ctx.viewer.userId } },
          });
          buyerMayRead = !declaration?.hasConflict;
        }
        if (!buyerMayRead && ctx.viewer && own.length === 0) {
          // Someone who is not a bidder asked for the bids while they are sealed to them.
          await recordSealedReadRefused(
            ctx,
            { id: `tender:${tender.id}`, tenderId: tender.id },
            "Tender.bids",
            buyerSide ? (tender.evaluationStartedAt ? "CONFLICT_OF_INTEREST" : "SEALED") : "NOT_A_PARTY",
            tender.buyerId,
          );
        }
        return ctx.deps.prisma.bid.findMany({
          ...query,
          where: {
            tenderId: tender.id,
            ...(buyerMayRead ? { submittedAt: { not: null }, withdrawnAt: null } : { supplierId: { in: own } }),
          },
          orderBy: { id: "asc" },
        });
      },
    }),
    myBid: t.prismaField({
      type: "Bid",
      nullable: true,
      description: "The bid of the viewer's supplier (or of `supplierId`, one of the viewer's suppliers), if any.",
      args: { supplierId: t.arg.id({ required: false }) },
      resolve: (query, tender, { supplierId }, ctx) => {
        const mine = supplierIdsOf(ctx);
        const id = optionalIdFrom(supplierId, "Organisation") ?? (mine.length === 1 ? mine[0]! : null);
        if (!id || !isMember(ctx.viewer, id)) return null;
        return ctx.deps.prisma.bid.findUnique({
          ...query,
          where: { tenderId_supplierId: { tenderId: tender.id, supplierId: id } },
        });
      },
    }),
    following: t.boolean({
      description: "Whether the viewer's supplier (or `supplierId`) follows this tender.",
      args: { supplierId: t.arg.id({ required: false }) },
      resolve: async (tender, { supplierId }, ctx) => {
        const mine = supplierIdsOf(ctx);
        const id = optionalIdFrom(supplierId, "Organisation") ?? (mine.length === 1 ? mine[0]! : null);
        if (!id || !isMember(ctx.viewer, id)) return false;
        return (await ctx.deps.prisma.tenderFollow.count({ where: { tenderId: tender.id, organisationId: id } })) > 0;
      },
    }),
    readiness: t.field({
      type: TenderReadinessRef,
      nullable: true,
      description: "The plain-English and SME-barrier check (for the council's people; null for others).",
      resolve: (tender, _args, ctx) =>
        hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES) ? getTenderReadiness(ctx.deps, ctx.viewer, tender.id) : null,
    }),
    viewerCan: t.field({
      type: TenderPermissionsRef,
      resolve: async (tender, _args, ctx) =>
        permissions(tender, deriveTenderStatus(tender, await requestNow(ctx)), ctx, await requestNow(ctx)),
    }),
  }),
});

function permissions(
  tender: { buyerId: string; clarificationDeadline: Date; closedAt: Date | null },
  status: TenderStatus,
  ctx: Context,
  now: Date,
): TenderPermissions {
  const manage = hasRole(ctx.viewer, tender.buyerId, MANAGE_ROLES);
  const evaluate = hasRole(ctx.viewer, tender.buyerId, EVALUATE_ROLES);
  const bidder =
    ctx.viewer?.memberships.some((m) => m.organisationKind === "SUPPLIER" && (m.role === "ADMIN" || m.role === "BIDDER")) ??
    false;
  const live = !["AWARDED", "CANCELLED", "UNSUCCESSFUL"].includes(status);
  return {
    edit: manage && (status === "DRAFT" || status === "PUBLISHED"),
    publish: manage && status === "DRAFT",
    cancel: manage && live,
    openBids: manage && status === "CLOSED" && tender.closedAt !== null,
    evaluate: evaluate && (status === "EVALUATION" || status === "AWARD_PENDING"),
    award: manage && (status === "EVALUATION" || status === "AWARD_PENDING"),
    answerClarification: manage && status !== "DRAFT" && live,
    bid: bidder && status === "PUBLISHED",
    askClarification: bidder && status === "PUBLISHED" && now.getTime() < tender.clarificationDeadline.getTime(),
  };
}

builder.prismaNode("Lot", {
  id: { field: "id" },
  fields: (t) => ({
    number: t.exposeInt("number"),
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    valuePence: t.expose("valuePence", { type: "Pence", nullable: true }),
    tender: t.relation("tender"),
    award: t.prismaField({
      type: "Award",
      nullable: true,
      resolve: (query, lot, _args, ctx) => ctx.deps.prisma.award.findUnique({ ...query, where: { lotId: lot.id } }),
    }),
  }),
});

builder.prismaNode("Criterion", {
  id: { field: "id" },
  fields: (t) => ({
    kind: t.expose("kind", { type: CriterionKindEnum }),
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    weight: t.exposeInt("weight", { description: "Percentage; a tender's weights sum to 100." }),
    position: t.exposeInt("position"),
  }),
});

// ----------------------------------------------------------------------------------------------------
// Queries

const TenderFilterInput = builder.inputType("TenderFilter", {
  fields: (t) => ({
    search: t.string({ required: false, description: "Words in the title or description." }),
    cpvCodes: t.stringList({ required: false, description: "CPV codes; each matches itself and every code below it." }),
    minValuePence: t.field({ type: "Pence", required: false }),
    maxValuePence: t.field({ type: "Pence", required: false }),
    deadlineFrom: t.field({ type: "DateTime", required: false, description: "Submission deadline on or after." }),
    deadlineTo: t.field({ type: "DateTime", required: false, description: "Submission deadline on or before." }),
    suitableForSme: t.boolean({ required: false }),
    statuses: t.field({ type: [TenderStatusEnum], required: false }),
    buyerId: t.id({ required: false, description: "One council's tenders (its members also see its drafts)." }),
    followedBy: t.id({
      required: false,
      description: "Tenders this supplier follows (its members only; nothing for anyone else).",
    }),
  }),
});

const TenderOrderEnum = builder.enumType("TenderOrder", {
  values: {
    NEWEST: { description: "Most recently created first." },
    DEADLINE_SOONEST: { description: "Submission deadline soonest first." },
  },
});

builder.queryField("tender", (t) =>
  t.prismaField({
    type: "Tender",
    nullable: true,
    description: "One tender: published ones for everyone, drafts for their council only (null otherwise).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      let tenderId: string;
      try {
        tenderId = idFrom(id, "Tender");
      } catch {
        return null;
      }
      const tender = await ctx.deps.prisma.tender.findUnique({ ...query, where: { id: tenderId } });
      if (!tender) return null;
      const visible = await ctx.deps.prisma.tender.findUnique({
        where: { id: tenderId },
        select: { buyerId: true, publishedAt: true },
      });
      return visible && canSeeTender(ctx.viewer, visible) ? tender : null;
    },
  }),
);

builder.queryField("tenders", (t) =>
  t.prismaConnection({
    type: "Tender",
    cursor: "id",
    description: "Tenders you may see, filtered; published ones for everyone, plus your council's drafts.",
    args: {
      filter: t.arg({ type: TenderFilterInput, required: false }),
      orderBy: t.arg({ type: TenderOrderEnum, required: false, defaultValue: "NEWEST" }),
    },
    resolve: async (query, _root, { filter, orderBy }, ctx) => {
      const where = tenderListWhere(
        {
          ...filter,
          buyerId: optionalIdFrom(filter?.buyerId, "Organisation"),
          followedBy: optionalIdFrom(filter?.followedBy, "Organisation"),
        },
        ctx.viewer,
        await requestNow(ctx),
      );
      return ctx.deps.prisma.tender.findMany({
        ...query,
        where,
        orderBy: orderBy === "DEADLINE_SOONEST" ? [{ submissionDeadline: "asc" }, { id: "asc" }] : [{ id: "desc" }],
      });
    },
  }),
);

builder.queryField("tenderReadiness", (t) =>
  t.field({
    type: TenderReadinessRef,
    nullable: true,
    description: "The plain-English and SME-barrier check of a tender as if published now (its council only; null otherwise).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      try {
        return await getTenderReadiness(ctx.deps, ctx.viewer, idFrom(id, "Tender"));
      } catch {
        return null;
      }
    },
  }),
);

// ----------------------------------------------------------------------------------------------------
// Mutations

const LotInput = builder.inputType("LotInput", {
  fields: (t) => ({
    id: t.id({ required: false, description: "An existing lot to keep; leave out for a new lot." }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    valuePence: t.field({ type: "Pence", required: false }),
  }),
});

const CriterionInput = builder.inputType("CriterionInput", {
  fields: (t) => ({
    id: t.id({ required: false, description: "An existing criterion to keep; leave out for a new one." }),
    kind: t.field({ type: CriterionKindEnum, required: true }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    weight: t.int({ required: true, description: "Percentage; all weights must sum to 100 to publish." }),
  }),
});

const TenderInputRef = builder.inputType("TenderInput", {
  description:
    'The whole tender as the form shows it. Lots and criteria are replaced by the lists given (keep `id` to keep one). Validation issues have paths like ["lots", "0", "title"].',
  fields: (t) => ({
    buyerId: t.id({ required: false, description: "createTender: the council (optional when you belong to one)." }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    procedure: t.field({
      type: ProcedureEnum,
      required: true,
      description: "OPEN, COMPETITIVE_FLEXIBLE or BELOW_THRESHOLD for now.",
    }),
    cpvCodes: t.stringList({ required: true, description: 'CPV 2008 codes, e.g. "72212000" (see the cpvCodes query).' }),
    itl1Code: t.string({ required: false }),
    valuePence: t.field({ type: "Pence", required: false, description: "Estimated value including VAT." }),
    suitableForSme: t.boolean({ required: false }),
    clarificationDeadline: t.field({ type: "DateTime", required: true }),
    submissionDeadline: t.field({ type: "DateTime", required: true }),
    lots: t.field({ type: [LotInput], required: true }),
    criteria: t.field({ type: [CriterionInput], required: false }),
  }),
});

type TenderInputArg = typeof TenderInputRef.$inferInput;

function toTenderInput(input: TenderInputArg): TenderInput {
  return {
    buyerId: optionalIdFrom(input.buyerId, "Organisation", "That council"),
    title: input.title,
    description: input.description ?? "",
    procedure: input.procedure as TenderInput["procedure"],
    cpvCodes: input.cpvCodes,
    itl1Code: input.itl1Code ?? null,
    valuePence: input.valuePence ?? null,
    suitableForSme: input.suitableForSme ?? true,
    clarificationDeadline: input.clarificationDeadline,
    submissionDeadline: input.submissionDeadline,
    lots: input.lots.map((l) => ({
      id: optionalIdFrom(l.id, "Lot", "That lot"),
      title: l.title,
      description: l.description ?? "",
      valuePence: l.valuePence ?? null,
    })),
    criteria: (input.criteria ?? []).map((c) => ({
      id: optionalIdFrom(c.id, "Criterion", "That criterion"),
      kind: c.kind,
      title: c.title,
      description: c.description ?? "",
      weight: c.weight,
    })),
  };
}

const tenderErrors = [NotFoundError, TenderStateError, TenderNotReadyError];

builder.mutationField("createTender", (t) =>
  t.prismaField({
    type: "Tender",
    description: "Draft a tender for your council (buyers and admins). Check it with `tenderReadiness`, then publish.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: TenderInputRef, required: true }) },
    errors: { types: [NotFoundError] },
    resolve: async (query, _root, { input }, ctx) => {
      const tender = await createTender(ctx.deps, ctx.viewer, toTenderInput(input));
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: tender.id } });
    },
  }),
);

builder.mutationField("updateTender", (t) =>
  t.prismaField({
    type: "Tender",
    description:
      "Edit a draft, or amend a published tender before its deadline: the version goes up, submitted bids need re-confirmation and their suppliers are told.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: TenderInputRef, required: true }) },
    errors: { types: tenderErrors },
    resolve: async (query, _root, { id, input }, ctx) => {
      const tender = await updateTender(ctx.deps, ctx.viewer, idFrom(id, "Tender", "The tender"), toTenderInput(input));
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: tender.id } });
    },
  }),
);

builder.mutationField("publishTender", (t) =>
  t.prismaField({
    type: "Tender",
    description: "Publish a draft. Refused with TenderNotReadyError listing the readiness refusals (e.g. too short a period).",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: tenderErrors },
    resolve: async (query, _root, { id }, ctx) => {
      const tender = await publishTender(ctx.deps, ctx.viewer, idFrom(id, "Tender", "The tender"));
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: tender.id } });
    },
  }),
);

builder.mutationField("cancelTender", (t) =>
  t.prismaField({
    type: "Tender",
    description: "Cancel a tender that has not ended, with a reason that bidders and followers are told.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: tenderErrors },
    resolve: async (query, _root, { id, reason }, ctx) => {
      const tender = await cancelTender(ctx.deps, ctx.viewer, idFrom(id, "Tender", "The tender"), { reason });
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: tender.id } });
    },
  }),
);

builder.mutationField("openBids", (t) =>
  t.prismaField({
    type: "Tender",
    description: "Open the sealed bids of a closed tender and start the evaluation (buyers and admins).",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: tenderErrors },
    resolve: async (query, _root, { id }, ctx) => {
      const tender = await openBids(ctx.deps, ctx.viewer, idFrom(id, "Tender", "The tender"));
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: tender.id } });
    },
  }),
);

builder.mutationField("followTender", (t) =>
  t.prismaField({
    type: "Tender",
    description: "Follow (or, with follow: false, unfollow) a published tender to hear of answers and changes.",
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true }),
      supplierId: t.arg.id({ required: false, description: "Which of your suppliers (optional when you belong to one)." }),
      follow: t.arg.boolean({ required: false, defaultValue: true }),
    },
    errors: { types: [NotFoundError] },
    resolve: async (query, _root, { id, supplierId, follow }, ctx) => {
      const result = await followTender(ctx.deps, ctx.viewer, {
        tenderId: idFrom(id, "Tender", "The tender"),
        supplierId: optionalIdFrom(supplierId, "Organisation", "That supplier"),
        follow: follow ?? true,
      });
      return ctx.deps.prisma.tender.findUniqueOrThrow({ ...query, where: { id: result.tenderId } });
    },
  }),
);
