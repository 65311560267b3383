import type { Offering } from "@ccm/prisma";
import { getNamedType, type GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { isMember } from "../context.ts";
import { CpvCodeRef } from "../cpv/cpv.graphql.ts";
import { findCpvCode, type CpvCode } from "../cpv/cpv.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { listRegions } from "../organisations/councils.ts";
import { OrganisationRef, RegionRef } from "../organisations/organisation.graphql.ts";
import { formatPounds } from "../suppliers/supplier-size.ts";
import { createOffering } from "./create-offering.ts";
import { FrameworkLotRef } from "./framework.graphql.ts";
import { decodeId } from "./ids.ts";
import { PRICING_UNITS } from "./offering-input.ts";
import { deriveOfferingStatus, LISTED_OFFERING, offeringIsTypeOf, visibleOfferingWhere } from "./offering-status.ts";
import { publishOffering } from "./publish-offering.ts";
import { PRICING_UNIT_LABELS } from "./search-catalogue.ts";
import { updateOffering } from "./update-offering.ts";
import { withdrawOffering } from "./withdraw-offering.ts";

// Offerings: a supplier's catalogue listings. Published ones are public; drafts and withdrawn ones exist
// only for the supplier's members (offering(id) answers null to anyone else, node(id) refuses).

export const PricingUnitEnum = builder.enumType("PricingUnit", {
  values: Object.fromEntries(PRICING_UNITS.map((u) => [u, { description: PRICING_UNIT_LABELS[u] }])) as Record<
    (typeof PRICING_UNITS)[number],
    { description: string }
  >,
});

export const OfferingStatusEnum = builder.enumType("OfferingStatus", {
  description: "Derived from publishedAt and withdrawnAt.",
  values: {
    DRAFT: { description: "Not yet published: only the supplier sees it." },
    PUBLISHED: { description: "In the public catalogue." },
    WITHDRAWN: { description: "Taken out of the catalogue: only the supplier sees it, and can republish it." },
  },
});

interface PriceTier {
  fromQuantity: number;
  pricePence: number;
}

const PriceTierRef = builder.objectRef<PriceTier>("PriceTier").implement({
  description: "A volume price: from this quantity up, each unit costs this much.",
  fields: (t) => ({
    fromQuantity: t.exposeInt("fromQuantity"),
    pricePence: t.field({ type: "Pence", resolve: (tier) => BigInt(tier.pricePence) }),
  }),
});

function priceTiers(o: Offering): PriceTier[] {
  return Array.isArray(o.priceTiers) ? (o.priceTiers as unknown as PriceTier[]) : [];
}

type OfferingWithMaybeSupplier = Offering & { supplier?: unknown };

export const OfferingRef = builder.prismaNode("Offering", {
  id: { field: "id" },
  // node(id) answers null for a draft or withdrawn offering of someone else's, as offering(id) does.
  findUnique: (id, ctx) => ({ id, AND: [visibleOfferingWhere(ctx.viewer)] }),
  nullable: true,
  description: "A supplier's listing in the catalogue.",
  // Drafts and withdrawn offerings stay with their supplier: checked once per offering here, not as a type
  // scope on every field, which made graphql-jit call a resolver for each field of a search's results
  // (ADR 0019). The compiled search calls isTypeOf without the context (ADR 0017); listed offerings need none.
  // (The plugin's option types leave isTypeOf out, though it passes it on to the object type.)
  ...({
    isTypeOf: (value: unknown, ctx: Context | undefined, info: GraphQLResolveInfo | undefined) =>
      offeringIsTypeOf(value, ctx?.viewer, info !== undefined && getNamedType(info.returnType).name !== "Offering"),
  } as object),
  fields: (t) => ({
    title: t.exposeString("title"),
    summary: t.exposeString("summary"),
    description: t.exposeString("description"),
    status: t.field({ type: OfferingStatusEnum, resolve: (o) => deriveOfferingStatus(o) }),
    cpvCodes: t.field({
      type: [CpvCodeRef],
      resolve: (o) => o.cpvCodes.map((c) => findCpvCode(c)).filter((c): c is CpvCode => !!c),
    }),
    pricingUnit: t.expose("pricingUnit", { type: PricingUnitEnum }),
    pricePence: t.expose("pricePence", { type: "Pence" }),
    priceTiers: t.field({ type: [PriceTierRef], resolve: priceTiers }),
    priceText: t.string({
      description: 'The price in words, e.g. "£9.50 per user per month".',
      resolve: (o) => `${formatPounds(o.pricePence)} ${PRICING_UNIT_LABELS[o.pricingUnit]}`,
    }),
    regions: t.field({
      type: [RegionRef],
      resolve: (o) => listRegions().filter((r) => o.regions.includes(r.code)),
    }),
    features: t.exposeStringList("features"),
    benefits: t.exposeStringList("benefits"),
    frameworkLot: t.field({
      type: FrameworkLotRef,
      nullable: true,
      description: "The framework lot it is offered under, if any.",
      resolve: (o, _args, ctx) =>
        o.frameworkLotId ? ctx.deps.prisma.frameworkLot.findUnique({ where: { id: o.frameworkLotId } }) : null,
    }),
    supplier: t.field({
      type: OrganisationRef,
      description: "The supplier, with its size, growth and regions.",
      // Search results come with their supplier; otherwise Prisma batches these lookups into one query.
      resolve: (o: OfferingWithMaybeSupplier, _args, ctx) =>
        (o.supplier as Awaited<ReturnType<Context["deps"]["prisma"]["organisation"]["findUniqueOrThrow"]>> | undefined) ??
        ctx.deps.prisma.organisation.findUniqueOrThrow({ where: { id: o.supplierId } }),
    }),
    viewerCanManage: t.boolean({
      description: "Whether the viewer may edit, publish or withdraw it (a member of its supplier).",
      resolve: (o, _args, ctx) => isMember(ctx.viewer, o.supplierId),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    withdrawnAt: t.expose("withdrawnAt", { type: "DateTime", nullable: true }),
  }),
});

builder.queryField("offering", (t) =>
  t.field({
    type: OfferingRef,
    nullable: true,
    description:
      "An offering by id: published ones for anyone, drafts and withdrawn ones for the supplier's members (null otherwise).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const decoded = decodeId(String(id), "Offering", "id");
      if ("issue" in decoded) return null;
      return ctx.deps.prisma.offering.findFirst({ where: { id: decoded.id, ...visibleOfferingWhere(ctx.viewer) } });
    },
  }),
);

builder.prismaObjectFields("Organisation", (t) => ({
  offerings: t.relatedConnection("offerings", {
    cursor: "id",
    description: "The supplier's offerings, newest first: published ones for anyone, all of them for its members.",
    args: { includeUnpublished: t.arg.boolean({ required: false, description: "Members only: drafts and withdrawn ones too." }) },
    query: (args, ctx) => ({
      where: args.includeUnpublished ? visibleOfferingWhere(ctx.viewer) : LISTED_OFFERING,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    }),
    totalCount: true,
  }),
}));

const PriceTierInput = builder.inputType("PriceTierInput", {
  fields: (t) => ({
    fromQuantity: t.int({ required: true }),
    pricePence: t.field({ type: "Pence", required: true }),
  }),
});

const offeringFields = {
  title: "A short name, 3 to 120 characters.",
  summary: "One or two sentences, up to 300 characters (shown in search results).",
  description: "The full description, up to 5,000 characters.",
};

const CreateOfferingInput = builder.inputType("CreateOfferingInput", {
  description: "A new offering, saved as a draft.",
  fields: (t) => ({
    supplierId: t.id({ required: true, description: "The supplier (an Organisation id) you are a member of." }),
    title: t.string({ required: true, description: offeringFields.title }),
    summary: t.string({ required: true, description: offeringFields.summary }),
    description: t.string({ required: true, description: offeringFields.description }),
    cpvCodes: t.stringList({ required: true, description: "1 to 10 CPV codes (8 digits, check digit optional)." }),
    pricingUnit: t.field({ type: PricingUnitEnum, required: true }),
    pricePence: t.field({ type: "Pence", required: true }),
    priceTiers: t.field({ type: [PriceTierInput], required: false, description: "Volume prices, in rising order of quantity." }),
    regions: t.stringList({ required: true, description: "ITL1 region codes served (at least one)." }),
    features: t.stringList({ required: false }),
    benefits: t.stringList({ required: false }),
    frameworkLotId: t.id({ required: false, description: "A FrameworkLot the supplier has an agreement for; empty for none." }),
  }),
});

const UpdateOfferingInput = builder.inputType("UpdateOfferingInput", {
  description: "Fields left out stay as they are; a list given replaces the list.",
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: false, description: offeringFields.title }),
    summary: t.string({ required: false, description: offeringFields.summary }),
    description: t.string({ required: false, description: offeringFields.description }),
    cpvCodes: t.stringList({ required: false }),
    pricingUnit: t.field({ type: PricingUnitEnum, required: false }),
    pricePence: t.field({ type: "Pence", required: false }),
    priceTiers: t.field({ type: [PriceTierInput], required: false }),
    regions: t.stringList({ required: false }),
    features: t.stringList({ required: false }),
    benefits: t.stringList({ required: false }),
    frameworkLotId: t.id({ required: false, description: "Empty string to list it under no lot." }),
  }),
});

/** GraphQL gives null for fields left out; the operations take undefined as "unchanged". */
function defined<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> | undefined } {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? undefined])) as never;
}

builder.mutationField("createOffering", (t) =>
  t.field({
    type: OfferingRef,
    description: "Creates a draft offering for a supplier you belong to (ADMIN or BIDDER).",
    args: { input: t.arg({ type: CreateOfferingInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) => {
      const fields = defined(input);
      return createOffering(ctx.deps, ctx.viewer, {
        ...fields,
        supplierId: String(input.supplierId),
        frameworkLotId: input.frameworkLotId ? String(input.frameworkLotId) : null,
        title: input.title,
        summary: input.summary,
        description: input.description,
        cpvCodes: input.cpvCodes,
        pricingUnit: input.pricingUnit,
        pricePence: input.pricePence,
        regions: input.regions,
      });
    },
  }),
);

builder.mutationField("updateOffering", (t) =>
  t.field({
    type: OfferingRef,
    description: "Changes an offering of a supplier you belong to; a published one changes in the catalogue at once.",
    args: { input: t.arg({ type: UpdateOfferingInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) =>
      updateOffering(ctx.deps, ctx.viewer, {
        ...defined(input),
        id: String(input.id),
        frameworkLotId:
          input.frameworkLotId === undefined || input.frameworkLotId === null ? undefined : String(input.frameworkLotId),
      }),
  }),
);

const OfferingIdInput = builder.inputType("OfferingIdInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

builder.mutationField("publishOffering", (t) =>
  t.field({
    type: OfferingRef,
    description: "Lists a draft or withdrawn offering in the public catalogue.",
    args: { input: t.arg({ type: OfferingIdInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) => publishOffering(ctx.deps, ctx.viewer, { id: String(input.id) }),
  }),
);

builder.mutationField("withdrawOffering", (t) =>
  t.field({
    type: OfferingRef,
    description: "Takes a published offering out of the catalogue (the supplier can republish it).",
    args: { input: t.arg({ type: OfferingIdInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) => withdrawOffering(ctx.deps, ctx.viewer, { id: String(input.id) }),
  }),
);
