import { builder } from "../builder.ts";

// Minimal Framework and FrameworkLot types, so that offerings can say which lot they are listed under
// and the catalogue can filter by framework. The frameworks work (applications, agreements) extends them.

export const FrameworkRef = builder.prismaNode("Framework", {
  id: { field: "id" },
  description: "A framework agreement that suppliers are admitted to, lot by lot.",
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug", { description: "Stable short name, used in catalogue filters, e.g. g-cloud-12." }),
    description: t.exposeString("description"),
    lots: t.relation("lots", { query: { orderBy: { number: "asc" } } }),
  }),
});

export const FrameworkLotRef = builder.prismaNode("FrameworkLot", {
  id: { field: "id" },
  fields: (t) => ({
    number: t.exposeInt("number"),
    title: t.exposeString("title"),
    framework: t.relation("framework"),
  }),
});

builder.prismaObjectFields("Organisation", (t) => ({
  // Public, as on G-Cloud: which frameworks a supplier is on is part of what buyers compare.
  frameworkLots: t.prismaField({
    type: ["FrameworkLot"],
    description:
      "The framework lots the supplier has signed an agreement for (an offering can be listed under one of them), by framework and lot number.",
    resolve: (query, organisation, _args, ctx) =>
      ctx.deps.prisma.frameworkLot.findMany({
        ...query,
        where: { agreements: { some: { supplierId: organisation.id } } },
        orderBy: [{ framework: { name: "asc" } }, { number: "asc" }],
      }),
  }),
}));
