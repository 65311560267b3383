import { builder } from "../builder.ts";
import { ConflictError } from "../errors.ts";
import { listCouncils, listRegions, type CouncilRecord, type Itl1Region } from "./councils.ts";
import { registerOrganisation, registerOrganisationSchema } from "./register-organisation.ts";

export const OrganisationKindEnum = builder.enumType("OrganisationKind", { values: ["COUNCIL", "SUPPLIER"] as const });

export const RegionRef = builder.objectRef<Itl1Region>("Region").implement({
  description: "An ITL1 region of the UK.",
  fields: (t) => ({ code: t.exposeString("code"), name: t.exposeString("name"), nation: t.exposeString("nation") }),
});

const CouncilRef = builder.objectRef<CouncilRecord>("Council").implement({
  description: "A real UK local authority from the public register, which a council organisation is registered as.",
  fields: (t) => ({
    gssCode: t.exposeString("gssCode", { description: "ONS GSS code, e.g. E09000033" }),
    name: t.exposeString("name"),
    niceName: t.exposeString("niceName"),
    nation: t.exposeString("nation"),
    type: t.exposeString("type"),
    region: t.field({
      type: RegionRef,
      nullable: true,
      resolve: (c) => listRegions().find((r) => r.code === c.itl1Code) ?? null,
    }),
  }),
});

export const OrganisationRef = builder.prismaNode("Organisation", {
  id: { field: "id" },
  fields: (t) => ({
    kind: t.expose("kind", { type: OrganisationKindEnum }),
    name: t.exposeString("name"),
    verified: t.boolean({ resolve: (o) => o.verifiedAt !== null }),
    gssCode: t.exposeString("gssCode", { nullable: true }),
    region: t.field({
      type: RegionRef,
      nullable: true,
      description: "For a council, its ITL1 region.",
      resolve: (o) => listRegions().find((r) => r.code === o.itl1Code) ?? null,
    }),
    companiesHouseNumber: t.exposeString("companiesHouseNumber", { nullable: true }),
    description: t.exposeString("description", { nullable: true }),
    website: t.exposeString("website", { nullable: true }),
    regionsServed: t.field({
      type: [RegionRef],
      resolve: (o) => listRegions().filter((r) => o.regionsServed.includes(r.code)),
    }),
    members: t.relation("memberships", {
      description: "Who belongs to the organisation (visible to its members).",
      authScopes: (o) => ({ memberOf: o.id, platformAdmin: true }),
      unauthorizedResolver: () => [] as never,
      query: { orderBy: { createdAt: "asc" } },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("councils", (t) =>
  t.field({
    type: [CouncilRef],
    description: "Real UK councils to register as, filtered by words in the name (all when empty).",
    args: { search: t.arg.string({ required: false }) },
    resolve: (_root, { search }) => {
      const words = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      return listCouncils().filter((c) => words.every((w) => c.name.toLowerCase().includes(w)));
    },
  }),
);

builder.queryField("regions", (t) => t.field({ type: [RegionRef], resolve: () => listRegions() }));

const RegisterOrganisationInput = builder.inputType("RegisterOrganisationInput", {
  fields: (t) => ({
    kind: t.field({ type: OrganisationKindEnum, required: true }),
    name: t.string({ required: false, description: "Suppliers: the company name. Councils take the register's name." }),
    gssCode: t.string({ required: false, description: "Councils: the GSS code of the council (see `councils`)." }),
    companiesHouseNumber: t.string({ required: false, description: "Suppliers: e.g. 01234567 or SC123456." }),
    description: t.string({ required: false }),
    website: t.string({ required: false }),
    regionsServed: t.stringList({ required: false, description: "Suppliers: ITL1 region codes, e.g. TLI." }),
  }),
});

builder.mutationField("registerOrganisation", (t) =>
  t.prismaField({
    type: "Organisation",
    description: "Register a council or a supplier; you become its administrator.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: RegisterOrganisationInput, required: true, validate: registerOrganisationSchema }) },
    errors: { types: [ConflictError] },
    resolve: async (query, _root, { input }, ctx) => {
      const organisation = await registerOrganisation(ctx.deps, ctx.viewer, registerOrganisationSchema.parse(input));
      return ctx.deps.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: organisation.id } });
    },
  }),
);
