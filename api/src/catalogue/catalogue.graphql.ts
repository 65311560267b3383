import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { builder } from "../builder.ts";
import { OfferingRef, PricingUnitEnum } from "./offering.graphql.ts";
import {
  DEFAULT_PAGE_SIZE,
  EXACT_COUNT_LIMIT,
  MAX_PAGE_SIZE,
  OFFERING_BRIEF,
  OFFERING_DETAILS,
  SUPPLIER_BRIEF,
  SUPPLIER_DETAILS,
  searchCatalogue,
  type CatalogueFacets,
  type CatalogueHit,
  type CatalogueSearchResult,
  type FacetValue,
  type HitFields,
  type OfferingWithSupplier,
  type PriceBandFacet,
  type QueryCorrection,
} from "./search-catalogue.ts";

// searchCatalogue(query, filter, first, after): the public catalogue search (DESIGN.md section 6), with
// `before` as well so a page can link back to the previous page by cursor.
// A form-based page maps its GET parameters onto these arguments one to one and puts each facet
// value back into the form as it is.

const FacetValueRef = builder.objectRef<FacetValue>("CatalogueFacetValue").implement({
  description: "One value of a filter with how many offerings it would give, the other filters applied.",
  fields: (t) => ({
    value: t.exposeString("value", {
      description: "What to put in the filter (a CPV code, a region code, a framework slug, ...).",
    }),
    label: t.exposeString("label"),
    count: t.exposeInt("count"),
    selected: t.exposeBoolean("selected", { description: "Whether the current filter has it." }),
  }),
});

const PriceBandRef = builder.objectRef<PriceBandFacet>("CataloguePriceBand").implement({
  description: "A price range: set filter.minPricePence and filter.maxPricePence to these to choose it.",
  fields: (t) => ({
    minPricePence: t.field({ type: "Pence", resolve: (b) => b.minPricePence }),
    maxPricePence: t.field({ type: "Pence", nullable: true, resolve: (b) => b.maxPricePence }),
    label: t.exposeString("label"),
    count: t.exposeInt("count"),
    selected: t.exposeBoolean("selected"),
  }),
});

const FacetsRef = builder.objectRef<CatalogueFacets>("CatalogueFacets").implement({
  description: "Counts for each filter value, each under all the other filters (so choosing a value gives that count).",
  fields: (t) => ({
    cpv: t.field({
      type: [FacetValueRef],
      description: "With one CPV code chosen, the codes one level below it; otherwise the divisions. Largest first, at most 30.",
      resolve: (f) => f.cpv,
    }),
    regions: t.field({ type: [FacetValueRef], description: "All 12 ITL1 regions.", resolve: (f) => f.regions }),
    pricingUnits: t.field({ type: [FacetValueRef], resolve: (f) => f.pricingUnits }),
    priceBands: t.field({ type: [PriceBandRef], resolve: (f) => f.priceBands }),
    smeOnly: t.field({ type: FacetValueRef, resolve: (f) => f.smeOnly }),
    highGrowthOnly: t.field({ type: FacetValueRef, resolve: (f) => f.highGrowthOnly }),
    frameworks: t.field({
      type: [FacetValueRef],
      description: "Frameworks with offerings here, by name.",
      resolve: (f) => f.frameworks,
    }),
  }),
});

const CorrectionRef = builder.objectRef<QueryCorrection>("CatalogueQueryCorrection").implement({
  description: "A word no offering contains, and the close words searched for as well.",
  fields: (t) => ({
    word: t.exposeString("word"),
    suggestions: t.exposeStringList("suggestions"),
  }),
});

const OrderEnum = builder.enumType("CatalogueOrder", {
  values: {
    RELEVANCE: {
      description:
        "Best match first: every word in the title (rank 3), else in the title or summary (2), else anywhere (1); then newest; then by id.",
    },
    NEWEST: { description: "Without words: most recently published first, then by id." },
  },
});

const EdgeRef = builder.objectRef<CatalogueHit>("CatalogueEdge").implement({
  fields: (t) => ({
    cursor: t.exposeString("cursor"),
    // The search read the fields this query's selection asks for (fieldsSelected).
    node: t.field({ type: OfferingRef, resolve: (hit) => hit.offering as OfferingWithSupplier }),
    rank: t.exposeFloat("rank", { description: "Relevance tier: 3 title, 2 summary, 1 elsewhere (0 without words)." }),
  }),
});

const SearchRef = builder.objectRef<CatalogueSearchResult>("CatalogueSearch").implement({
  description: "One page of published offerings, with the total and the facet counts.",
  fields: (t) => ({
    edges: t.field({ type: [EdgeRef], resolve: (r) => r.hits }),
    pageInfo: t.field({
      type: builder.pageInfoRef(),
      resolve: (r) => ({
        hasNextPage: r.hasNextPage,
        hasPreviousPage: r.hasPreviousPage,
        startCursor: r.hits[0]?.cursor ?? null,
        endCursor: r.hits.at(-1)?.cursor ?? null,
      }),
    }),
    totalCount: t.exposeInt("totalCount", {
      description: "Offerings matching the words and every filter (estimated when countsAreExact is false: show it as about N).",
    }),
    countsAreExact: t.exposeBoolean("countsAreExact", {
      description: `False when the words match so many offerings (over ${EXACT_COUNT_LIMIT.toLocaleString("en-GB")}) that totalCount and the facet counts are estimated from a sample; the page itself is always exact.`,
    }),
    facets: t.field({ type: FacetsRef, resolve: (r) => r.facets }),
    corrections: t.field({ type: [CorrectionRef], resolve: (r) => r.corrections }),
    order: t.field({ type: OrderEnum, resolve: (r) => r.order }),
  }),
});

const FilterInput = builder.inputType("CatalogueFilter", {
  description: "Every filter is optional; lists mean any of their values.",
  fields: (t) => ({
    cpvCodes: t.stringList({ required: false, description: "CPV codes; each matches itself and every code below it." }),
    regions: t.stringList({ required: false, description: "ITL1 region codes served." }),
    minPricePence: t.field({ type: "Pence", required: false }),
    maxPricePence: t.field({ type: "Pence", required: false }),
    pricingUnits: t.field({ type: [PricingUnitEnum], required: false }),
    smeOnly: t.boolean({ required: false, description: "Only offerings from SMEs (Procurement Act 2023 s.123)." }),
    highGrowthOnly: t.boolean({ required: false, description: "Only offerings from high-growth suppliers (OECD-Eurostat)." }),
    frameworks: t.stringList({ required: false, description: "Framework slugs, e.g. g-cloud-12." }),
  }),
});

builder.queryField("searchCatalogue", (t) =>
  t.field({
    type: SearchRef,
    description: `Searches published offerings; anyone may. Words are matched in titles, summaries and descriptions, with typos corrected. ${DEFAULT_PAGE_SIZE} results by default, at most ${MAX_PAGE_SIZE}.`,
    args: {
      query: t.arg.string({ required: false }),
      filter: t.arg({ type: FilterInput, required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false, description: "endCursor of the page before, for the next page." }),
      before: t.arg.string({
        required: false,
        description: "startCursor of the page after, for the previous page (the `first` results just before it).",
      }),
    },
    errors: { types: [], directResult: true },
    resolve: (_root, args, ctx, info) =>
      searchCatalogue(ctx.deps.db.sql, args, { exactCountLimit: EXACT_COUNT_LIMIT, fields: fieldsSelected(info) }),
  }),
);

/** GraphQL fields that read each detail column (SUPPLIER_DETAILS' capabilityCpvCodes is the field capabilities). */
const OFFERING_DETAIL_FIELDS = new Set<string>(OFFERING_DETAILS);
const SUPPLIER_DETAIL_FIELDS = new Set<string>(SUPPLIER_DETAILS.map((d) => (d === "capabilityCpvCodes" ? "capabilities" : d)));
/**
 * GraphQL fields that read only OFFERING_BRIEF's and SUPPLIER_BRIEF's fields (status and viewerCanManage
 * read publishedAt, withdrawnAt and supplierId; priceText pricePence and pricingUnit; supplier is loaded
 * with the hit). Any other field makes the search read the standard fields or all of them.
 */
const OFFERING_BRIEF_FIELDS = new Set<string>([
  ...OFFERING_BRIEF.filter((f) => f !== "supplierId"),
  "__typename",
  "status",
  "priceText",
  "viewerCanManage",
  "supplier",
]);
const SUPPLIER_BRIEF_FIELDS = new Set<string>([...SUPPLIER_BRIEF, "__typename"]);

/** Which of the offering's and supplier's fields the selection under edges.node (and its supplier) asks for. */
function fieldsSelected(info: GraphQLResolveInfo): { offering: HitFields; supplier: HitFields } {
  // The selections at a path of field names, through fragments and inline fragments, aliases aside.
  const at = (sets: SelectionSetNode[], name: string): SelectionSetNode[] => {
    const found: SelectionSetNode[] = [];
    const visit = (set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value === name && sel.selectionSet) found.push(sel.selectionSet);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
        else {
          const fragment = info.fragments[sel.name.value];
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    sets.forEach(visit);
    return found;
  };
  const names = (sets: SelectionSetNode[]): Set<string> => {
    const all = new Set<string>();
    for (const set of sets)
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) all.add(sel.name.value);
        else if (sel.kind === Kind.INLINE_FRAGMENT) names([sel.selectionSet]).forEach((n) => all.add(n));
        else {
          const fragment = info.fragments[sel.name.value];
          if (fragment) names([fragment.selectionSet]).forEach((n) => all.add(n));
        }
      }
    return all;
  };
  const root = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  const nodes = at(at(root, "edges"), "node");
  const fields = (selected: Set<string>, brief: Set<string>, details: Set<string>): HitFields =>
    [...selected].every((n) => brief.has(n)) ? "brief" : [...selected].some((n) => details.has(n)) ? "all" : "standard";
  return {
    offering: fields(names(nodes), OFFERING_BRIEF_FIELDS, OFFERING_DETAIL_FIELDS),
    supplier: fields(names(at(nodes, "supplier")), SUPPLIER_BRIEF_FIELDS, SUPPLIER_DETAIL_FIELDS),
  };
}
