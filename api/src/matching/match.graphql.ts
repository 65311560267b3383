import { decodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import { hasRole, isMember } from "../context.ts";
import {
  CPV_LEVELS,
  SCORE_PARTS,
  SCORE_PART_DESCRIPTIONS,
  loadMatchingConfig,
  maximumScore,
  type ScorePart,
} from "./matching-config.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { RegionRef } from "../organisations/organisation.graphql.ts";
import { listRegions } from "../organisations/councils.ts";
import { BUYER_SIDE_ROLES } from "../tenders/tender-access.ts";
import { databaseNow } from "../shared/transaction.ts";
import { getMatchingFairness, type FairnessCounts, type FairnessPoint, type MatchingFairness } from "./get-matching-fairness.ts";
import { inviteMatchedSupplier } from "./invite-matched-supplier.ts";
import { markOpportunityNotRelevant, restoreOpportunity } from "./mark-opportunity-not-relevant.ts";
import { updateAlertSettings } from "./update-alert-settings.ts";
import type { StoredMatchReason } from "./store-tender-matches.ts";

// Matching over GraphQL: the buyer's ranked `tender.matches` with reasons and `inviteMatchedSupplier`;
// the supplier's `viewer.opportunities`, `markOpportunityNotRelevant` and alert settings; and, for
// everyone, the published algorithm (`matchingAlgorithm`) and its fairness figures (`matchingFairness`).

const ScorePartEnum = builder.enumType("MatchScorePart", {
  description: "A part of the match score (see matchingAlgorithm for each one's weight and meaning).",
  values: SCORE_PARTS,
});

const MatchReasonRef = builder.objectRef<StoredMatchReason>("MatchReason").implement({
  description: "One part of a match score, in words, with the points it added.",
  fields: (t) => ({
    kind: t.field({ type: ScorePartEnum, resolve: (r) => r.kind as ScorePart }),
    title: t.string({ resolve: (r) => SCORE_PART_DESCRIPTIONS[r.kind as ScorePart]?.title ?? r.kind }),
    label: t.exposeString("label", { description: "Why, for this tender and supplier." }),
    contribution: t.exposeFloat("contribution", { description: "Points this part added to the score." }),
    weight: t.exposeFloat("weight", { description: "The most this part can add." }),
  }),
});

export const MatchRef = builder.prismaNode("Match", {
  id: { field: "id" },
  description: "A tender matched to a supplier, with the score and the reasons that make it up.",
  nullable: true,
  // Anyone else's id loads nothing: `node(id)` answers null, so ids cannot be probed.
  findUnique: (id, ctx) =>
    ctx.viewer?.isPlatformAdmin
      ? { id }
      : {
          id,
          OR: [
            { supplierId: { in: (ctx.viewer?.memberships ?? []).map((m) => m.organisationId) } },
            {
              tender: {
                buyerId: {
                  in: (ctx.viewer?.memberships ?? [])
                    .filter((m) => m.role === "ADMIN" || BUYER_SIDE_ROLES.includes(m.role))
                    .map((m) => m.organisationId),
                },
              },
            },
          ],
        },
  include: { tender: { select: { buyerId: true } } },
  authScopes: (match, ctx) =>
    isMember(ctx.viewer, match.supplierId) ||
    hasRole(ctx.viewer, match.tender.buyerId, BUYER_SIDE_ROLES) ||
    (ctx.viewer?.isPlatformAdmin ?? false),
  runScopesOnType: true,
  fields: (t) => ({
    score: t.exposeFloat("score", { description: "Points out of 100: the sum of the reasons' contributions." }),
    rank: t.exposeInt("rank", { description: "1 for the best match of the tender." }),
    reasons: t.field({
      type: [MatchReasonRef],
      description: "Every part of the score, biggest contribution first.",
      resolve: (m) => [...(m.reasons as unknown as StoredMatchReason[])].sort((a, b) => b.contribution - a.contribution),
    }),
    tenderVersion: t.exposeInt("tenderVersion", { description: "The tender version these reasons were computed for." }),
    tender: t.relation("tender"),
    supplier: t.relation("supplier"),
    matchedAt: t.expose("matchedAt", { type: "DateTime" }),
    notifiedAt: t.expose("notifiedAt", { type: "DateTime", nullable: true }),
    invitedAt: t.expose("invitedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the buyer invited the supplier to bid.",
    }),
    notRelevantAt: t.expose("dismissedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the supplier said the tender is not relevant to it.",
    }),
  }),
});

builder.prismaObjectFields("Tender", (t) => ({
  matches: t.relatedConnection("matches", {
    description:
      "For the buying council: suppliers matched to this tender, best first, with reasons (not those that said it is not relevant). Empty for anyone else.",
    cursor: "id",
    query: { where: { dismissedAt: null }, orderBy: [{ rank: "asc" }, { id: "asc" }] },
    defaultSize: 20,
    maxSize: 100,
    authScopes: (tender, _args, ctx) =>
      hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES) || (ctx.viewer?.isPlatformAdmin ?? false),
    unauthorizedResolver: () => emptyConnection as never,
  }),
}));

const emptyConnection = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

builder.prismaObjectFields("User", (t) => ({
  opportunities: t.prismaConnection({
    type: "Match",
    cursor: "id",
    description:
      "Open tenders matched to your supplier(s), best first, with the reasons; not those you marked not relevant. Only ever your own.",
    args: {
      supplierId: t.arg.id({ required: false, description: "One of your suppliers (default: all you belong to)." }),
      notRelevant: t.arg.boolean({
        required: false,
        description: "True: instead, the open tenders you marked not relevant (to restore one).",
      }),
    },
    defaultSize: 20,
    maxSize: 100,
    authScopes: (user, _args, ctx) => user.id === ctx.viewer?.userId,
    unauthorizedResolver: () => emptyConnection as never,
    resolve: async (query, _user, args, ctx) => {
      const mine = (ctx.viewer?.memberships ?? []).filter((m) => m.organisationKind === "SUPPLIER").map((m) => m.organisationId);
      const wanted = args.supplierId ? mine.filter((id) => id === idOf(String(args.supplierId), "Organisation")) : mine;
      // Open means before the deadline by the database's clock, as for bids.
      const now = await databaseNow(ctx.deps.prisma);
      return ctx.deps.prisma.match.findMany({
        ...query,
        where: {
          supplierId: { in: wanted },
          dismissedAt: args.notRelevant ? { not: null } : null,
          tender: {
            publishedAt: { not: null },
            submissionDeadline: { gt: now },
            closedAt: null,
            cancelledAt: null,
            unsuccessfulAt: null,
            evaluationStartedAt: null,
          },
        },
        orderBy: [{ score: "desc" }, { id: "asc" }],
      });
    },
  }),
}));

const AlertSettingsRef = builder.prismaObject("SupplierAlertSettings", {
  description: "Which matched tenders a supplier is told about. Empty lists mean any.",
  fields: (t) => ({
    cpvCodes: t.exposeStringList("cpvCodes", { description: "8-digit CPV codes; each covers the codes below it." }),
    regions: t.field({ type: [RegionRef], resolve: (s) => listRegions().filter((r) => s.regions.includes(r.code)) }),
    minValuePence: t.expose("minValuePence", { type: "Pence", nullable: true }),
    maxValuePence: t.expose("maxValuePence", { type: "Pence", nullable: true }),
    emailDigest: t.exposeBoolean("emailDigest", { description: "A daily email listing new matches." }),
  }),
});

builder.prismaObjectFields("Organisation", (t) => ({
  alertSettings: t.relation("alertSettings", {
    type: AlertSettingsRef,
    nullable: true,
    description: "A supplier's alert settings (its members only; null until set, which means alerts on everything).",
    authScopes: (o, _args, ctx) => isMember(ctx.viewer, o.id),
    unauthorizedResolver: () => null,
  }),
}));

function idOf(globalId: string, typename: string, what = "That item"): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // A malformed id names nothing.
  }
  throw new NotFoundError(what);
}

for (const [field, description, operation] of [
  [
    "markOpportunityNotRelevant",
    "Say a matched tender is not relevant to your supplier: it leaves your opportunities and later matching runs respect it.",
    markOpportunityNotRelevant,
  ],
  ["restoreOpportunity", "Undo 'not relevant' for a matched tender.", restoreOpportunity],
] as const) {
  builder.mutationField(field, (t) =>
    t.prismaField({
      type: "Match",
      description,
      args: { matchId: t.arg.id({ required: true }) },
      errors: { types: [NotFoundError] },
      resolve: async (query, _root, { matchId }, ctx) => {
        const match = await operation(ctx.deps, ctx.viewer, idOf(String(matchId), "Match", "That match"));
        return ctx.deps.prisma.match.findUniqueOrThrow({ ...query, where: { id: match.id } });
      },
    }),
  );
}

builder.mutationField("inviteMatchedSupplier", (t) =>
  t.prismaField({
    type: "Match",
    description: "For the tender's buyers: invite a matched supplier to bid (it is told in the app and by email).",
    args: { matchId: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: async (query, _root, { matchId }, ctx) => {
      const match = await inviteMatchedSupplier(ctx.deps, ctx.viewer, idOf(String(matchId), "Match", "That match"));
      return ctx.deps.prisma.match.findUniqueOrThrow({ ...query, where: { id: match.id } });
    },
  }),
);

const UpdateAlertSettingsInput = builder.inputType("UpdateAlertSettingsInput", {
  fields: (t) => ({
    supplierId: t.id({ required: true }),
    cpvCodes: t.stringList({ required: true, description: "CPV codes to be told about (empty: any)." }),
    regions: t.stringList({ required: true, description: "ITL1 region codes (empty: any). National tenders always count." }),
    minValuePence: t.field({ type: "Pence", required: false }),
    maxValuePence: t.field({ type: "Pence", required: false }),
    emailDigest: t.boolean({ required: false, defaultValue: true }),
  }),
});

builder.mutationField("updateAlertSettings", (t) =>
  t.prismaField({
    type: "SupplierAlertSettings",
    description: "Choose which matched tenders your supplier is told about, and whether by a daily email.",
    args: { input: t.arg({ type: UpdateAlertSettingsInput, required: true }) },
    errors: { types: [NotFoundError] },
    resolve: async (query, _root, { input }, ctx) => {
      const settings = await updateAlertSettings(ctx.deps, ctx.viewer, {
        organisationId: idOf(String(input.supplierId), "Organisation", "That supplier"),
        cpvCodes: input.cpvCodes,
        regions: input.regions,
        minValuePence: input.minValuePence ?? null,
        maxValuePence: input.maxValuePence ?? null,
        emailDigest: input.emailDigest ?? true,
      });
      return ctx.deps.prisma.supplierAlertSettings.findUniqueOrThrow({
        ...query,
        where: { organisationId: settings.organisationId },
      });
    },
  }),
);

// --- The published algorithm -------------------------------------------------------------------------

interface AlgorithmPart {
  part: ScorePart;
  weight: number;
}

const AlgorithmPartRef = builder.objectRef<AlgorithmPart>("MatchingAlgorithmPart").implement({
  fields: (t) => ({
    part: t.field({ type: ScorePartEnum, resolve: (p) => p.part }),
    title: t.string({ resolve: (p) => SCORE_PART_DESCRIPTIONS[p.part].title }),
    description: t.string({ resolve: (p) => SCORE_PART_DESCRIPTIONS[p.part].description }),
    weight: t.exposeFloat("weight", { description: "The most points this part can add." }),
  }),
});

const CpvLevelFactorRef = builder.objectRef<{ level: string; factor: number; points: number }>("MatchingCpvLevel").implement({
  description: "How much of the CPV weight each closeness level earns.",
  fields: (t) => ({
    level: t.exposeString("level", { description: "exact, category, class, group or division" }),
    factor: t.exposeFloat("factor"),
    points: t.exposeFloat("points"),
  }),
});

const SettingRef = builder.objectRef<{ name: string; value: string; meaning: string }>("MatchingSetting").implement({
  description: "Another number or rule from the published configuration.",
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeString("value"), meaning: t.exposeString("meaning") }),
});

const AlgorithmRef = builder.objectRef<ReturnType<typeof loadMatchingConfig>>("MatchingAlgorithm").implement({
  description: "The matching algorithm's configuration, exactly as the matching workers use it.",
  fields: (t) => ({
    version: t.exposeString("version"),
    maximumScore: t.float({ resolve: (c) => maximumScore(c) }),
    eligibility: t.string({
      description: "Who is considered at all.",
      resolve: (c) =>
        `A supplier is considered only if one of its capability CPV codes shares at least a ${c.eligibility.minimumSharedCpvLevel} with one of the tender's codes` +
        (c.eligibility.requireRegion ? ", and, for a tender in one region, it serves that region." : "."),
    }),
    parts: t.field({ type: [AlgorithmPartRef], resolve: (c) => SCORE_PARTS.map((part) => ({ part, weight: c.weights[part] })) }),
    cpvLevels: t.field({
      type: [CpvLevelFactorRef],
      resolve: (c) =>
        CPV_LEVELS.map((level) => ({
          level,
          factor: c.cpvLevelFactors[level],
          points: c.cpvLevelFactors[level] * c.weights.cpv,
        })),
    }),
    settings: t.field({
      type: [SettingRef],
      resolve: (c) => [
        {
          name: "text.saturation",
          value: String(c.text.saturation),
          meaning: "Text similarity at which the text part earns its full weight.",
        },
        {
          name: "region.singleRegionFactor",
          value: String(c.region.singleRegionFactor),
          meaning: "Share of the region weight for a supplier serving only the tender's region.",
        },
        {
          name: "region.allRegionsFactor",
          value: String(c.region.allRegionsFactor),
          meaning: "Share of the region weight for a supplier serving every region.",
        },
        {
          name: "capacity.fullUpToRatio",
          value: String(c.capacity.fullUpToRatio),
          meaning: "Tender value over turnover up to which capacity earns full points.",
        },
        {
          name: "capacity.zeroFromRatio",
          value: String(c.capacity.zeroFromRatio),
          meaning: "Tender value over turnover from which capacity earns nothing.",
        },
        {
          name: "capacity.unknownFactor",
          value: String(c.capacity.unknownFactor),
          meaning: "Share of the capacity weight when a figure is missing.",
        },
        {
          name: "trackRecord.awardsForFullPoints",
          value: String(c.trackRecord.awardsForFullPoints),
          meaning: "Contracts won here (in the tender's division) that earn the full track-record weight.",
        },
        {
          name: "trackRecord.otherDivisionAwardFactor",
          value: String(c.trackRecord.otherDivisionAwardFactor),
          meaning: "How much a contract in another division counts.",
        },
        { name: "results.keepTop", value: String(c.results.keepTop), meaning: "Matches kept per tender." },
        {
          name: "results.notifyTop",
          value: String(c.results.notifyTop),
          meaning: "Best matches told about the tender (if their alert settings agree).",
        },
        { name: "results.minimumScore", value: String(c.results.minimumScore), meaning: "Lowest score kept as a match." },
      ],
    }),
  }),
});

builder.queryField("matchingAlgorithm", (t) =>
  t.field({
    type: AlgorithmRef,
    description: "Public: how tenders are matched to suppliers, with every weight (for the algorithm page).",
    resolve: () => loadMatchingConfig(),
  }),
);

// --- Fairness ----------------------------------------------------------------------------------------

const FairnessCountsRef = builder.objectRef<FairnessCounts>("FairnessCounts").implement({
  description: "How many suppliers, and how many of them are SMEs and high-growth firms.",
  fields: (t) => ({
    total: t.exposeInt("total"),
    sme: t.exposeInt("sme"),
    highGrowth: t.exposeInt("highGrowth"),
    smeShare: t.float({
      nullable: true,
      description: "sme / total; null when total is 0.",
      resolve: (c) => (c.total ? c.sme / c.total : null),
    }),
    highGrowthShare: t.float({ nullable: true, resolve: (c) => (c.total ? c.highGrowth / c.total : null) }),
  }),
});

const FairnessPointRef = builder.objectRef<FairnessPoint>("FairnessPoint").implement({
  description: "Counts for the tenders published in one month and/or region.",
  fields: (t) => ({
    month: t.exposeString("month", { nullable: true, description: 'e.g. "2025-03"; null for the whole period.' }),
    region: t.field({
      type: RegionRef,
      nullable: true,
      resolve: (p) => listRegions().find((r) => r.code === p.regionCode) ?? null,
    }),
    national: t.exposeBoolean("national", { description: "True for national tenders (no region)." }),
    matched: t.field({ type: FairnessCountsRef, resolve: (p) => p.matched, description: "Supplier matches." }),
    notified: t.field({
      type: FairnessCountsRef,
      resolve: (p) => p.notified,
      description: "Matches the supplier was told about.",
    }),
    bids: t.field({ type: FairnessCountsRef, resolve: (p) => p.bids, description: "Bids submitted (not withdrawn)." }),
    awards: t.field({ type: FairnessCountsRef, resolve: (p) => p.awards, description: "Lots awarded." }),
  }),
});

const RegionCountsRef = builder.objectRef<FairnessCounts & { regionCode: string }>("RegionFairnessCounts").implement({
  fields: (t) => ({
    region: t.field({
      type: RegionRef,
      nullable: true,
      resolve: (p) => listRegions().find((r) => r.code === p.regionCode) ?? null,
    }),
    suppliers: t.field({ type: FairnessCountsRef, resolve: (p) => p }),
  }),
});

const FairnessRef = builder.objectRef<MatchingFairness>("MatchingFairness").implement({
  description:
    "Public, aggregated: who matching finds, tells, and who then bids and wins, by the month and region of the tender. Size and growth are each supplier's status today.",
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    byMonth: t.field({ type: [FairnessPointRef], resolve: (f) => f.byMonth }),
    byRegion: t.field({ type: [FairnessPointRef], resolve: (f) => f.byRegion }),
    byMonthAndRegion: t.field({ type: [FairnessPointRef], resolve: (f) => f.byMonthAndRegion }),
    totals: t.field({ type: FairnessPointRef, resolve: (f) => f.totals }),
    suppliers: t.field({
      type: FairnessCountsRef,
      description: "All registered suppliers, for comparison.",
      resolve: (f) => f.suppliers,
    }),
    suppliersByRegion: t.field({ type: [RegionCountsRef], resolve: (f) => f.suppliersByRegion }),
  }),
});

builder.queryField("matchingFairness", (t) =>
  t.field({
    type: FairnessRef,
    description: "Public fairness figures for the monitoring page (default: the last 12 months).",
    args: {
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false }),
    },
    resolve: (_root, args, ctx) => {
      const to = args.to ?? new Date();
      const from = args.from ?? new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1));
      return getMatchingFairness(ctx.deps.prisma, { from, to });
    },
  }),
);
