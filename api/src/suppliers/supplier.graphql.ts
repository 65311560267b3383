import { builder } from "../builder.ts";
import { hasRole, isMember } from "../context.ts";
import { CpvCodeRef } from "../cpv/cpv.graphql.ts";
import { findCpvCode, type CpvCode } from "../cpv/cpv.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { decodeId } from "../catalogue/ids.ts";
import { OrganisationRef } from "../organisations/organisation.graphql.ts";
import { listCommonAccreditations, type CommonAccreditation } from "./accreditations.ts";
import { recordSupplierYear } from "./record-supplier-year.ts";
import { removeSupplierYear } from "./remove-supplier-year.ts";
import { updateSupplierProfile } from "./update-supplier-profile.ts";

// The supplier profile: yearly figures, regions, CPV capabilities, accreditations, and the size and
// growth derived from the figures (cached on Organisation by refreshSupplierDerivedFigures). Profiles and
// figures are public, as the reasons quote the figures; only the supplier's ADMINs change them.

export const SupplierSizeEnum = builder.enumType("SupplierSize", {
  description: "Derived from the latest yearly figures (SME under the Procurement Act 2023 s.123).",
  values: {
    MICRO: { description: "An SME with fewer than 10 staff." },
    SMALL: { description: "An SME with fewer than 50 staff." },
    MEDIUM: { description: "An SME with fewer than 250 staff." },
    LARGE: { description: "Not an SME." },
  },
});

export const SupplierYearRef = builder.prismaNode("SupplierYear", {
  id: { field: "id" },
  description: "One year of a supplier's figures.",
  fields: (t) => ({
    year: t.exposeInt("year"),
    headcount: t.exposeInt("headcount", { description: "Staff (people employed) in the year." }),
    turnoverPence: t.expose("turnoverPence", { type: "Pence" }),
    balanceSheetPence: t.expose("balanceSheetPence", { type: "Pence", description: "Balance sheet total (total assets)." }),
  }),
});

const CommonAccreditationRef = builder.objectRef<CommonAccreditation>("CommonAccreditation").implement({
  description: "A certification buyers often ask for; a supplier may also list others in its own words.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name as stored on profiles, e.g. ISO 27001." }),
    description: t.exposeString("description"),
  }),
});

builder.prismaObjectFields("Organisation", (t) => ({
  supplierSize: t.expose("supplierSize", {
    type: SupplierSizeEnum,
    nullable: true,
    description: "Null until figures are recorded.",
  }),
  isSme: t.exposeBoolean("isSme", { description: "SME under the Procurement Act 2023 s.123, from the latest figures." }),
  isHighGrowth: t.exposeBoolean("isHighGrowth", {
    description: "High-growth by the OECD-Eurostat rule over the last three years.",
  }),
  sizeReason: t.exposeString("sizeReason", { nullable: true, description: "Why, in plain words." }),
  growthReason: t.exposeString("growthReason", {
    nullable: true,
    description: 'Why, in plain words, e.g. "High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year".',
  }),
  capabilities: t.field({
    type: [CpvCodeRef],
    description: "What the supplier does, as CPV codes.",
    resolve: (o) => o.capabilityCpvCodes.map((c) => findCpvCode(c)).filter((c): c is CpvCode => !!c),
  }),
  accreditations: t.exposeStringList("accreditations"),
  supplierYears: t.relation("supplierYears", {
    description: "Yearly figures, newest first.",
    query: { orderBy: { year: "desc" } },
  }),
  viewerCanEditProfile: t.boolean({
    description:
      "Whether the viewer is an ADMIN of this supplier (updateSupplierProfile, recordSupplierYear, removeSupplierYear).",
    resolve: (o, _args, ctx) => o.kind === "SUPPLIER" && hasRole(ctx.viewer, o.id, []),
  }),
  viewerCanManageOfferings: t.boolean({
    description:
      "Whether the viewer is a member (ADMIN or BIDDER) of this supplier (createOffering and the other offering mutations).",
    resolve: (o, _args, ctx) => o.kind === "SUPPLIER" && isMember(ctx.viewer, o.id),
  }),
}));

builder.queryField("supplier", (t) =>
  t.prismaField({
    type: "Organisation",
    nullable: true,
    description: "A supplier's public profile by its id (null if there is no such supplier).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => {
      const decoded = decodeId(String(id), "Organisation", "id");
      if ("issue" in decoded) return null;
      return ctx.deps.prisma.organisation.findFirst({ ...query, where: { id: decoded.id, kind: "SUPPLIER" } });
    },
  }),
);

builder.queryField("commonAccreditations", (t) =>
  t.field({
    type: [CommonAccreditationRef],
    description: "Common accreditations to offer as choices on the profile form (api/data/accreditations.json).",
    resolve: () => listCommonAccreditations(),
  }),
);

const UpdateSupplierProfileInput = builder.inputType("UpdateSupplierProfileInput", {
  description: "Fields left out stay as they are; a list given replaces the list.",
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    name: t.string({ required: false }),
    description: t.string({ required: false, description: "A short description, up to 1,000 characters." }),
    website: t.string({ required: false, description: "https://..., or empty to remove." }),
    regionsServed: t.stringList({ required: false, description: "ITL1 codes, e.g. TLI (see `regions`)." }),
    capabilityCpvCodes: t.stringList({ required: false, description: "CPV codes, 8 digits with or without the check digit." }),
    accreditations: t.stringList({
      required: false,
      description: "Names: common ones (see `commonAccreditations`) or your own.",
    }),
  }),
});

builder.mutationField("updateSupplierProfile", (t) =>
  t.field({
    type: OrganisationRef,
    description: "Changes the supplier's profile. Only its ADMINs may.",
    args: { input: t.arg({ type: UpdateSupplierProfileInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) =>
      updateSupplierProfile(ctx.deps, ctx.viewer, {
        organisationId: String(input.organisationId),
        name: input.name ?? undefined,
        description: input.description ?? undefined,
        website: input.website ?? undefined,
        regionsServed: input.regionsServed ?? undefined,
        capabilityCpvCodes: input.capabilityCpvCodes ?? undefined,
        accreditations: input.accreditations ?? undefined,
      }),
  }),
);

const RecordSupplierYearInput = builder.inputType("RecordSupplierYearInput", {
  description: "One year's figures; recording a year again replaces that year's figures.",
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    year: t.int({ required: true }),
    headcount: t.int({ required: true }),
    turnoverPence: t.field({ type: "Pence", required: true }),
    balanceSheetPence: t.field({ type: "Pence", required: true }),
  }),
});

builder.mutationField("recordSupplierYear", (t) =>
  t.field({
    type: OrganisationRef,
    description: "Records one year of figures and returns the supplier with its size and growth recomputed. Only its ADMINs may.",
    args: { input: t.arg({ type: RecordSupplierYearInput, required: true }) },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) =>
      recordSupplierYear(ctx.deps, ctx.viewer, { ...input, organisationId: String(input.organisationId) }),
  }),
);

builder.mutationField("removeSupplierYear", (t) =>
  t.field({
    type: OrganisationRef,
    description: "Removes one year of figures (by the SupplierYear id) and returns the supplier recomputed. Only its ADMINs may.",
    args: {
      input: t.arg({
        type: builder.inputType("RemoveSupplierYearInput", { fields: (f) => ({ id: f.id({ required: true }) }) }),
        required: true,
      }),
    },
    errors: { types: [NotFoundError, ConflictError] },
    resolve: (_root, { input }, ctx) => removeSupplierYear(ctx.deps, ctx.viewer, { id: String(input.id) }),
  }),
);
