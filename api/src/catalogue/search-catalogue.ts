import { z } from "zod";
import { Prisma, type Offering, type Organisation, type PricingUnit, type SqlRunner } from "@ccm/prisma";
import { cpvPrefix, findCpvCode } from "../cpv/cpv.ts";
import { listRegions } from "../organisations/councils.ts";
import { parseInput } from "../shared/parse-input.ts";
import { cpvCodesSchema, regionCodesSchema } from "../suppliers/supplier-profile-input.ts";
import { PRICING_UNITS } from "./offering-input.ts";
import { pageEstimates, tierRead, type PageEstimates } from "./page-read.ts";
import { modelFromJson } from "./row-mapping.ts";

// The catalogue search (ADR 0009). One function serves the GraphQL field and the web page.
//
// Order: relevance tiers (every word in the title, else in the title or summary, else anywhere: the
// weights A, B and C/D of the document), then the most recently published first, then id, all
// descending; without words, newest first. Paging is keyset on that tuple (rank, publishedAt, id),
// forwards after a cursor or backwards before one, so pages neither repeat nor skip offerings when others
// are published in between. Every call runs the same statements however large the page: the typo
// corrections (only when there are words), the total with every facet (exact up to EXACT_COUNT_LIMIT
// matches, estimated from a sample beyond), then the page with its suppliers, read the way those counts
// say is cheapest (from the best tier alone when they estimate it holds several pages, and from every
// tier again, one statement more, if it comes short; when the counts read every match, they choose the
// page's offerings themselves and the page only fetches those, or nothing if there are none). Queries
// are composed with Prisma.sql, so every value is a bind parameter. The statements are prepared with
// generic plans (ADR 0019): their texts fix which indexes they read (page-read.ts chooses the page's;
// a page whose reads the estimates leave open is planned for its values instead).

export const DEFAULT_PAGE_SIZE = 20;
/** Up to about this many matches, counts are exact; beyond, estimated from a 1-in-16, 64, 256, 1,024 or 4,096 sample. */
export const EXACT_COUNT_LIMIT = 1024;

export interface SearchCatalogueOptions {
  /** Where counting every match stops and sampling starts (tests lower it). */
  exactCountLimit: number;
  /** Which of its offering's and supplier's fields each hit carries (HitFields); "all" for both by default. */
  fields?: { offering: HitFields; supplier: HitFields };
}

/**
 * Which of an offering's (or supplier's) fields a hit carries, so that a page reads only the columns its
 * caller uses: "brief", what a results page shows (OFFERING_BRIEF, SUPPLIER_BRIEF); "standard", all but the
 * long texts and lists (OFFERING_DETAILS, SUPPLIER_DETAILS), which are most of a page's bytes; "all".
 * The GraphQL field chooses from its selection. Parsing the columns a page did not show was a fifth of
 * the API's CPU per search (the details) and then about 0.25 ms a page (the rest, ADR 0019).
 */
export type HitFields = "brief" | "standard" | "all";

/** Offering fields a hit always carries: a results page's, and those that decide who may see it. */
export const OFFERING_BRIEF = [
  "id",
  "supplierId",
  "title",
  "summary",
  "pricingUnit",
  "pricePence",
  "regions",
  "publishedAt",
  "withdrawnAt",
] as const;
/** Supplier fields a hit always carries. */
export const SUPPLIER_BRIEF = ["id", "name", "supplierSize", "isSme", "isHighGrowth"] as const;
/**
 * Offering fields only "all" carries. cpvPrefixes (the generated CPV keys) is no GraphQL field at all:
 * only callers that ask for all fields get it.
 */
export const OFFERING_DETAILS = ["description", "features", "benefits", "priceTiers", "cpvPrefixes"] as const;
/** The same for the supplier: its profile's texts and lists. */
export const SUPPLIER_DETAILS = ["description", "capabilityCpvCodes", "accreditations", "sizeReason", "growthReason"] as const;
type OfferingBrief = (typeof OFFERING_BRIEF)[number];
type SupplierBrief = (typeof SUPPLIER_BRIEF)[number];
export const MAX_PAGE_SIZE = 100;
const MAX_WORDS = 10;
const CPV_FACET_LIMIT = 30;

export const PRICE_BANDS = [
  { min: 0n, max: 9_999n, label: "Under £100" },
  { min: 10_000n, max: 99_999n, label: "£100 to £999" },
  { min: 100_000n, max: 999_999n, label: "£1,000 to £9,999" },
  { min: 1_000_000n, max: null, label: "£10,000 or more" },
] as const;

export const PRICING_UNIT_LABELS: Record<PricingUnit, string> = {
  PER_USER_PER_MONTH: "per user per month",
  PER_MONTH: "per month",
  PER_YEAR: "per year",
  PER_DAY: "per day",
  PER_UNIT: "per unit",
  FIXED: "fixed price",
};

const cursorSchema = z.tuple([z.number(), z.string().datetime({ offset: true }), z.string().min(1)]);

function encodeCursor(rank: number, publishedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([rank, publishedAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(raw: string): { rank: number; publishedAt: Date; id: string } | null {
  try {
    const [rank, publishedAt, id] = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { rank, publishedAt: new Date(publishedAt), id };
  } catch {
    return null;
  }
}

const cursorInput = z
  .string()
  .nullish()
  .transform((raw, ctx) => {
    if (!raw) return null;
    const cursor = decodeCursor(raw);
    if (!cursor) ctx.addIssue({ code: "custom", message: "This link to a further page of results is not valid: search again" });
    return cursor;
  });

export const searchCatalogueSchema = z
  .object({
    query: z.string().max(200, "Search for 200 characters or fewer").nullish(),
    filter: z
      .object({
        cpvCodes: cpvCodesSchema(20).nullish(),
        regions: regionCodesSchema.nullish(),
        minPricePence: z.bigint().min(0n, "The lowest price cannot be negative").nullish(),
        maxPricePence: z.bigint().min(0n, "The highest price cannot be negative").nullish(),
        pricingUnits: z.array(z.enum(PRICING_UNITS)).nullish(),
        smeOnly: z.boolean().nullish(),
        highGrowthOnly: z.boolean().nullish(),
        frameworks: z.array(z.string().trim().min(1).max(100)).max(20).nullish(),
      })
      .nullish()
      .superRefine((f, ctx) => {
        if (f?.minPricePence != null && f.maxPricePence != null && f.minPricePence > f.maxPricePence)
          ctx.addIssue({
            code: "custom",
            path: ["maxPricePence"],
            message: "The highest price must be at least the lowest price",
          });
      }),
    first: z
      .number()
      .int()
      .min(1, "Ask for at least 1 result")
      .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} results at a time`)
      .nullish(),
    after: cursorInput,
    before: cursorInput,
  })
  .superRefine((input, ctx) => {
    if (input.after && input.before)
      ctx.addIssue({ code: "custom", path: ["before"], message: "Ask for the page after a cursor or before one, not both" });
  })
  .transform((input) => ({
    text: (input.query ?? "").trim(),
    words: [...new Set((input.query ?? "").toLowerCase().match(/[a-z0-9]+/g) ?? [])].slice(0, MAX_WORDS),
    cpvCodes: input.filter?.cpvCodes ?? [],
    regions: input.filter?.regions ?? [],
    minPricePence: input.filter?.minPricePence ?? null,
    maxPricePence: input.filter?.maxPricePence ?? null,
    pricingUnits: [...new Set(input.filter?.pricingUnits ?? [])],
    smeOnly: input.filter?.smeOnly ?? false,
    highGrowthOnly: input.filter?.highGrowthOnly ?? false,
    frameworks: [...new Set(input.filter?.frameworks ?? [])],
    first: input.first ?? DEFAULT_PAGE_SIZE,
    after: input.after,
    before: input.before,
  }));

export type SearchCatalogueInput = z.input<typeof searchCatalogueSchema>;
type Search = z.output<typeof searchCatalogueSchema>;

export type OfferingWithSupplier = Offering & { supplier: Organisation };

/** A hit's offering and supplier: their brief fields, and the others SearchCatalogueOptions.fields asked for. */
export type CatalogueOffering = Pick<Offering, OfferingBrief> &
  Partial<Omit<Offering, OfferingBrief>> & {
    supplier: Pick<Organisation, SupplierBrief> & Partial<Omit<Organisation, SupplierBrief>>;
  };

export interface CatalogueHit {
  offering: CatalogueOffering;
  /** Relevance tier: 3 every word in the title, 2 in the title or summary, 1 elsewhere (0 without words). */
  rank: number;
  cursor: string;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface PriceBandFacet {
  minPricePence: bigint;
  maxPricePence: bigint | null;
  label: string;
  count: number;
  selected: boolean;
}

export interface CatalogueFacets {
  /** Children of the one CPV code filtered on (divisions when none or several), each counted with it chosen instead. */
  cpv: FacetValue[];
  regions: FacetValue[];
  pricingUnits: FacetValue[];
  priceBands: PriceBandFacet[];
  smeOnly: FacetValue;
  highGrowthOnly: FacetValue;
  frameworks: FacetValue[];
}

export interface QueryCorrection {
  word: string;
  /** Words in the catalogue close to it, searched for as well. */
  suggestions: string[];
}

export interface CatalogueSearchResult {
  hits: CatalogueHit[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Offerings matching the words and every filter (an estimate when countsAreExact is false). */
  totalCount: number;
  /** False when the words match so many offerings that the total and facet counts are estimated from a sample. */
  countsAreExact: boolean;
  facets: CatalogueFacets;
  corrections: QueryCorrection[];
  /** RELEVANCE with words, NEWEST without. */
  order: "RELEVANCE" | "NEWEST";
}

interface Conditions {
  cpv: Prisma.Sql | null;
  region: Prisma.Sql | null;
  price: Prisma.Sql | null;
  unit: Prisma.Sql | null;
  sme: Prisma.Sql | null;
  highGrowth: Prisma.Sql | null;
  framework: Prisma.Sql | null;
}
type Facet = keyof Conditions;
const FACETS: Facet[] = ["cpv", "region", "price", "unit", "sme", "highGrowth", "framework"];

function conditions(s: Search): Conditions {
  const prefixes = s.cpvCodes.map(cpvPrefix);
  return {
    cpv: prefixes.length ? Prisma.sql`o.cpv_prefixes && ${prefixes}::text[]` : null,
    region: s.regions.length ? Prisma.sql`o.regions && ${s.regions}::text[]` : null,
    price:
      s.minPricePence !== null || s.maxPricePence !== null
        ? Prisma.sql`o.price_pence BETWEEN ${s.minPricePence ?? 0n} AND ${s.maxPricePence ?? 9_223_372_036_854_775_807n}`
        : null,
    unit: s.pricingUnits.length ? Prisma.sql`o.pricing_unit::text = ANY(${s.pricingUnits}::text[])` : null,
    sme: s.smeOnly ? Prisma.sql`o.supplier_is_sme` : null,
    highGrowth: s.highGrowthOnly ? Prisma.sql`o.supplier_is_high_growth` : null,
    framework: s.frameworks.length
      ? Prisma.sql`o.framework_lot_id IN (SELECT l.id FROM framework_lot l JOIN framework f ON f.id = l.framework_id
                                         WHERE f.slug = ANY(${s.frameworks}::text[]))`
      : null,
  };
}

/** The filters' conditions, those in use. */
function filtersInUse(c: Conditions): Prisma.Sql[] {
  return FACETS.map((f) => c[f]).filter((p): p is Prisma.Sql => p !== null);
}

const LISTED = Prisma.sql`o.published_at IS NOT NULL AND o.withdrawn_at IS NULL`;

interface CorrectionRow {
  word: string;
  stop: boolean;
  known: boolean;
  candidates: string[] | null;
  /** The words' tsquery as this statement built it, its lexemes, and the sample the counts will read for it. */
  tsquery: string | null;
  lexemes: string | null;
  sample: number | null;
}

/**
 * The words as the statements search for them: the tsquery text correctWords builds ("(hostng | host) &
 * cloud") and, when statement 1 built the same, its lexemes as PostgreSQL parsed them ("( 'hostng' |
 * 'host' ) & 'cloud'"), which the counts and the page take as a tsquery value. A generic plan (the counts
 * are prepared) would otherwise parse the text again for every row it tests.
 */
interface TextQuery {
  tsquery: string;
  lexemes: string | null;
}

/**
 * Statement 1: which words are stop words, which the catalogue knows, and the nearest known words to the
 * others. It also builds the words' tsquery (as correctWords does in JavaScript) and chooses the sample
 * the counts will read (sampleChoice), so that the counts statement holds that one sample's scan instead
 * of all six. Measured on the bench's searches: this statement went from 0.4 to 2 ms of backend CPU and
 * the counts (a third of their former size) from 7 to 4-4.5 ms. Searches without words have no
 * statement 1: their counts still hold every sample's scan.
 */
async function correctWords(
  sql: SqlRunner,
  words: string[],
  choice: (tsquery: Prisma.Sql) => Prisma.Sql,
): Promise<{ textQuery: TextQuery | null; corrections: QueryCorrection[]; sample: number | null }> {
  const statement = Prisma.sql`
    WITH w AS MATERIALIZED (
      SELECT q.word, q.ord,
             length(to_tsvector('english'::regconfig, q.word)) = 0 AS stop,
             k.word IS NOT NULL AS known,
             c.candidates
      FROM unnest(${words}::text[]) WITH ORDINALITY AS q(word, ord)
      LEFT JOIN catalogue_word k ON k.word = q.word
      LEFT JOIN LATERAL (
        SELECT array_agg(x.word ORDER BY x.sim DESC, x.word) AS candidates
        FROM (SELECT w.word, similarity(w.word, q.word) AS sim
              FROM catalogue_word w
              WHERE k.word IS NULL AND q.word ~ '^[a-z]{4,30}$' AND w.word % q.word
              ORDER BY sim DESC, w.word
              LIMIT 3) x
      ) c ON TRUE),
    t AS MATERIALIZED (
      SELECT string_agg(CASE WHEN NOT known AND cardinality(candidates) > 0
                             THEN '(' || array_to_string(ARRAY[word] || candidates, ' | ') || ')' ELSE word END,
                        ' & ' ORDER BY ord) FILTER (WHERE NOT stop) AS tsquery
      FROM w),
    s AS MATERIALIZED (SELECT t.tsquery, CASE WHEN t.tsquery IS NULL THEN NULL ELSE ${choice(Prisma.sql`t.tsquery`)} END AS sample FROM t)
    SELECT w.word, w.stop, w.known, w.candidates, s.tsquery,
           to_tsquery('english'::regconfig, s.tsquery)::text AS lexemes, s.sample
    FROM w, s
    ORDER BY w.ord`;
  // Prepared: its text takes two forms (with and without one CPV code), and its plan hardly depends on the
  // values, since the tsquery it samples with is built inside it. Parsed and planned once per connection,
  // it cost PostgreSQL about 0.4 ms less per search with words (ADR 0009), and with its generic plan
  // forced (ADR 0019) about 0.2 ms less again.
  const { rows } = await sql.query<CorrectionRow>(statement.text, statement.values, { prepared: true });
  const corrections: QueryCorrection[] = [];
  const terms: string[] = [];
  for (const row of rows) {
    if (row.stop) continue;
    const suggestions = row.known ? [] : (row.candidates ?? []);
    if (suggestions.length) corrections.push({ word: row.word, suggestions });
    // Words are [a-z0-9]+ (and catalogue words [a-z]+), so nothing here can be tsquery syntax.
    terms.push(suggestions.length ? `(${[row.word, ...suggestions].join(" | ")})` : row.word);
  }
  const tsquery = terms.length ? terms.join(" & ") : null;
  // The sample and the lexemes hold only for the tsquery they were made from (always this one; otherwise
  // the counts choose again, and the statements parse the tsquery text themselves).
  const agreed = tsquery !== null && rows[0]?.tsquery === tsquery;
  return {
    textQuery: tsquery === null ? null : { tsquery, lexemes: agreed ? (rows[0]!.lexemes ?? null) : null },
    corrections,
    sample: agreed ? (rows[0]!.sample ?? null) : null,
  };
}

// The offering's columns for each HitFields: OFFERING_BRIEF, then the rest but OFFERING_DETAILS, then those.
const OFFERING_COLUMNS: Record<HitFields, Prisma.Sql> = (() => {
  const brief = Prisma.sql`
    o.id, o.supplier_id AS "supplierId", o.title, o.summary, o.pricing_unit AS "pricingUnit",
    o.price_pence::text AS "pricePence", o.regions, o.published_at AS "publishedAt", o.withdrawn_at AS "withdrawnAt"`;
  const standard = Prisma.sql`${brief}, o.cpv_codes AS "cpvCodes", o.framework_lot_id AS "frameworkLotId",
    o.created_at AS "createdAt", o.updated_at AS "updatedAt", o.supplier_is_sme AS "supplierIsSme",
    o.supplier_is_high_growth AS "supplierIsHighGrowth"`;
  const all = Prisma.sql`${standard}, o.description, o.price_tiers AS "priceTiers", o.features, o.benefits,
    o.cpv_prefixes AS "cpvPrefixes"`;
  return { brief, standard, all };
})();
// SUPPLIER_DETAILS as the keys of to_jsonb(organisation), left out of it for "standard".
const SUPPLIER_DETAIL_KEYS = ["description", "capability_cpv_codes", "accreditations", "size_reason", "growth_reason"];
/** The supplier as JSON, its keys its columns' names (modelFromJson), for each HitFields. */
function supplierJson(fields: HitFields): Prisma.Sql {
  if (fields === "all") return Prisma.sql`to_jsonb(s)`;
  if (fields === "standard") return Prisma.sql`to_jsonb(s) - ${SUPPLIER_DETAIL_KEYS}::text[]`;
  return Prisma.sql`jsonb_build_object('id', s.id, 'name', s.name, 'supplier_size', s.supplier_size, 'is_sme', s.is_sme,
                                       'is_high_growth', s.is_high_growth)`;
}

type PageRow = Omit<CatalogueOffering, "pricePence" | "supplier"> & {
  pricePence: string;
  rank: number;
  supplier: Record<string, unknown>;
};

/** The words as a tsquery, in the statement: a parameter, so a custom plan sees its value and a generic one parses it once. */
function tsqueryOf(q: TextQuery): Prisma.Sql {
  return q.lexemes !== null ? Prisma.sql`${q.lexemes}::tsquery` : Prisma.sql`to_tsquery('english'::regconfig, ${q.tsquery})`;
}

// Relevance tiers, best first: every word in the title; else in the title or summary; else anywhere
// (description, features, benefits). Each tier has its own GIN index, so a tier is read newest first
// and stops when the page is full, instead of scoring every match (ADR 0009).
const TIERS = [
  { rank: 3, match: (q: Prisma.Sql) => Prisma.sql`o.title_vector @@ ${q}` },
  { rank: 2, match: (q: Prisma.Sql) => Prisma.sql`o.head_vector @@ ${q} AND NOT o.title_vector @@ ${q}` },
  { rank: 1, match: (q: Prisma.Sql) => Prisma.sql`o.search_vector @@ ${q} AND NOT o.head_vector @@ ${q}` },
] as const;

/**
 * When the counts estimate that the first tier to read holds at least this many pages, the page is first
 * read from that tier alone: a statement a third the size, which PostgreSQL plans in about half the time.
 * Only if that tier comes short (an estimate is an estimate) is the page read again from every tier.
 */
const FULL_TIER_PAGES = 3;

/** The tier a forward page starts in, when the counts say it alone will fill the page; else null. */
function tierThatFillsThePage(s: Search, estimates: PageEstimates): number | null {
  if (s.before) return null;
  const rank = s.after?.rank ?? TIERS[0].rank;
  return (estimates.filtered.get(rank)?.low ?? 0) >= FULL_TIER_PAGES * (s.first + 1) ? rank : null;
}

/** A page's offerings as the counts chose them (when they read every match), by id with their tier. */
type ChosenHits = { id: string; rank: number }[];

/**
 * Statement 3: one page (one row more, to know whether another page follows) with each offering's
 * supplier, best first. Before a cursor it takes the rows just above the cursor (ascending from it), so
 * the extra row, if any, comes first. `read` says how: the offerings the counts chose, every tier, or one
 * tier alone (tierThatFillsThePage).
 */
async function fetchPage(
  sql: SqlRunner,
  s: Search,
  c: Conditions,
  textQuery: TextQuery | null,
  estimates: PageEstimates,
  fields: { offering: HitFields; supplier: HitFields },
  read: { chosen: ChosenHits } | { onlyTier: number | null } = { onlyTier: null },
): Promise<PageRow[]> {
  const cursor = s.before ?? s.after;
  const backwards = s.before !== null;
  const beyond = backwards ? Prisma.sql`>` : Prisma.sql`<`;
  const direction = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const limit = s.first + 1;
  const past = (rank: number) =>
    cursor && cursor.rank === rank
      ? Prisma.sql`AND (o.published_at, o.id) ${beyond} (${cursor.publishedAt}::timestamptz, ${cursor.id})`
      : Prisma.empty;
  const onlyTier = "onlyTier" in read ? read.onlyTier : null;
  // Whether every tier's read is fixed by the text: only then is the statement prepared.
  let fixed = true;
  // One tier's offerings (every offering without words) in page order, read the way tierRead chose.
  // A walk: every condition inside coalesce(), the same condition, but one no GIN index can answer, so
  // the plan walks the newest-first index. A GIN read: the matches in full (MATERIALIZED, so no plan
  // can walk the index for them instead), then sorted.
  const pageRead = (rank: number, match: Prisma.Sql | null) => {
    const conditions = [...(match ? [match] : []), ...filtersInUse(c)];
    const order = Prisma.sql`ORDER BY published_at ${direction}, id ${direction} LIMIT ${limit}`;
    const and = (ps: Prisma.Sql[]) => (ps.length ? Prisma.join(ps, " AND ", "AND ") : Prisma.empty);
    const how = tierRead(rank, estimates, limit);
    if (how === "walk")
      return Prisma.sql`
        SELECT o.id, o.published_at, ${Prisma.raw(String(rank))} AS rank FROM offering o
        WHERE ${LISTED} ${and(conditions.map((p) => Prisma.sql`coalesce(${p}, false)`))} ${past(rank)}
        ${order}`;
    if (how === "index")
      return Prisma.sql`
        WITH matches AS MATERIALIZED (
          SELECT o.id, o.published_at FROM offering o WHERE ${LISTED} ${and(conditions)} ${past(rank)})
        SELECT id, published_at, ${Prisma.raw(String(rank))} AS rank FROM matches
        ${order}`;
    fixed = false;
    return Prisma.sql`
      SELECT o.id, o.published_at, ${Prisma.raw(String(rank))} AS rank FROM offering o
      WHERE ${LISTED} ${and(conditions)} ${past(rank)}
      ${order}`;
  };
  let page: Prisma.Sql;
  if ("chosen" in read) {
    page = Prisma.sql`
      SELECT * FROM unnest(${read.chosen.map((h) => h.id)}::text[], ${read.chosen.map((h) => h.rank)}::int[]) AS page(id, rank)`;
  } else if (!textQuery) {
    page = pageRead(0, null);
  } else {
    // The tiers in reading order from the cursor: forwards from the best, backwards from the cursor's
    // tier up. Each later tier runs only if the ones before it did not fill the page.
    const q = tsqueryOf(textQuery);
    const order = backwards ? [...TIERS].reverse() : TIERS;
    const tiers = order
      .filter((t) => !cursor || (backwards ? t.rank >= cursor.rank : t.rank <= cursor.rank))
      .filter((t) => onlyTier === null || t.rank === onlyTier);
    const ctes = tiers.map((t) => Prisma.sql`t${Prisma.raw(String(t.rank))} AS MATERIALIZED (${pageRead(t.rank, t.match(q))})`);
    const branches = tiers.map((t, i) => {
      const before = tiers.slice(0, i).map((b) => Prisma.sql`(SELECT count(*) FROM t${Prisma.raw(String(b.rank))})`);
      // Short-circuit: each count is read only if the tiers before it were short.
      const gate = before.map((_, j) => Prisma.sql`${Prisma.join(before.slice(0, j + 1), " + ")} < ${limit}`);
      return Prisma.sql`SELECT * FROM t${Prisma.raw(String(t.rank))} ${gate.length ? Prisma.sql`WHERE ${Prisma.join(gate, " AND ")}` : Prisma.empty}`;
    });
    page = Prisma.sql`
      WITH ${Prisma.join(ctes, ", ")}
      SELECT * FROM (${Prisma.join(branches, " UNION ALL ")}) tiers
      ORDER BY rank ${direction}, published_at ${direction}, id ${direction}
      LIMIT ${limit}`;
  }
  const statement = Prisma.sql`
    WITH page AS (${page})
    SELECT ${OFFERING_COLUMNS[fields.offering]}, page.rank, ${supplierJson(fields.supplier)} AS supplier
    FROM page
    -- Each by its key, one at a time: a generic plan guesses that a LIMIT given as a parameter keeps a
    -- tenth of the rows, and would hash-join the page with whole tables (LIMIT 1 keeps these joins as
    -- they are written). Offerings the counts chose may have been withdrawn since: a page shows listed
    -- offerings only.
    CROSS JOIN LATERAL (SELECT o.* FROM offering o WHERE o.id = page.id AND ${LISTED} LIMIT 1) o
    CROSS JOIN LATERAL (SELECT s.* FROM organisation s WHERE s.id = o.supplier_id LIMIT 1) s
    ORDER BY page.rank DESC, o.published_at DESC, o.id DESC`;
  // Prepared with a generic plan (ADR 0019) when the text fixes how each tier is read (pageRead); else
  // planned for its values, as PostgreSQL's statistics judge them.
  const { rows } = await sql.query<PageRow>(statement.text, statement.values, { prepared: fixed });
  return rows;
}

/**
 * The samples counts may be estimated from, each with the share of offerings it stands for: the offerings
 * whose id hashes to 0 modulo the weight. Each sample has its own partial indexes (migration
 * catalogue_sample_indexes) whose predicate is that very condition, so a sampled lookup reads a small
 * index instead of the common words' long posting lists in the full one. Coarsest last.
 */
const SAMPLES: readonly { weight: number; rows: Prisma.Sql }[] = [1, 16, 64, 256, 1024, 4096].map((weight) => ({
  weight,
  // A constant (not a parameter), so the planner matches it with the partial indexes' predicates.
  rows: weight === 1 ? Prisma.sql`TRUE` : Prisma.sql`(hashtext(o.id) & ${Prisma.raw(String(weight - 1))}) = 0`,
}));

/** A sample is used once it holds at least this many matches (so about exactCountLimit matches, or fewer, are counted one by one). */
function enoughFor(options: SearchCatalogueOptions): number {
  return Math.max(1, Math.ceil(options.exactCountLimit / 16));
}

/** The rows the counts are made from in one sample: the listed offerings matching the words (and the one CPV code chosen). */
function countedRows(c: Conditions, cpvParent: string | null, text: Prisma.Sql, rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${LISTED} AND ${text} AND ${rows} ${cpvParent !== null && c.cpv ? Prisma.sql`AND ${c.cpv}` : Prisma.empty}`;
}

/**
 * The sample the counts read, as SQL: the coarsest holding at least enoughFor(options) matches, else 1
 * (every match). CASE tries the samples coarsest first, each count stops at that many rows, and a finer
 * sample is counted only when the coarser ones were too small.
 */
function sampleChoice(c: Conditions, cpvParent: string | null, tsquery: Prisma.Sql, options: SearchCatalogueOptions): Prisma.Sql {
  const enough = enoughFor(options);
  const text = Prisma.sql`o.search_vector @@ to_tsquery('english'::regconfig, ${tsquery})`;
  const tries = [...SAMPLES]
    .reverse()
    .filter((l) => l.weight !== 1)
    .map(
      (l) => Prisma.sql`WHEN (SELECT count(*) FROM (SELECT 1 FROM offering o WHERE ${countedRows(c, cpvParent, text, l.rows)}
                                                     LIMIT ${enough}) x) >= ${enough} THEN ${Prisma.raw(String(l.weight))}`,
    );
  return Prisma.sql`CASE ${Prisma.join(tries, " ")} ELSE 1 END`;
}

interface FacetRow {
  facet: string;
  value: string;
  label: string | null;
  /** Null only for an estimate that does not apply (PageEstimates.indexed). */
  n: number | string | null;
}

/**
 * The page chosen among the counts' rows (every match, each with its tier flags), as rows of facet "hit":
 * in the order and after or before the cursor as statement 3 would read them, one more than the page.
 */
function chosenHits(s: Search, everyFilter: Prisma.Sql): Prisma.Sql {
  const cursor = s.before ?? s.after;
  const direction = s.before ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const past = cursor
    ? Prisma.sql`WHERE (h.rank, h.published_at, h.id) ${s.before ? Prisma.sql`>` : Prisma.sql`<`}
                       (${cursor.rank}::int, ${cursor.publishedAt}::timestamptz, ${cursor.id})`
    : Prisma.empty;
  return Prisma.sql`(
    SELECT 'hit', h.id, NULL, h.rank::bigint
    FROM (SELECT id, published_at, CASE WHEN in_title THEN 3 WHEN in_head THEN 2 ELSE 1 END AS rank
          FROM m WHERE ${everyFilter}) h
    ${past}
    ORDER BY h.rank ${direction}, h.published_at ${direction}, h.id ${direction}
    LIMIT ${s.first + 1})`;
}

/**
 * Statement 2: the total and every facet's counts, each facet under all the other filters, in one pass;
 * with words, also how many offerings each relevance tier holds, under the filters and under none (for
 * statement 3, PageEstimates). With `choose`, when the counts read every match (sample 1), they also
 * choose the page's offerings from those matches (rows of facet "hit": the offering's id and its tier),
 * so that statement 3 only fetches them by id instead of reading the same matches again through the
 * tiers' indexes.
 */
async function fetchFacets(
  sql: SqlRunner,
  s: Search,
  c: Conditions,
  textQuery: TextQuery | null,
  cpvParent: string | null,
  options: SearchCatalogueOptions,
  sample: number | null,
  choose: boolean,
) {
  const ok = (f: Facet) => (c[f] ? Prisma.sql`ok_${Prisma.raw(f)}` : Prisma.sql`TRUE`);
  const allBut = (except?: Facet) => {
    const parts = FACETS.filter((f) => f !== except && c[f]).map((f) => ok(f));
    return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
  };
  const active = FACETS.filter((f) => c[f]);
  const flags = active.length
    ? Prisma.sql`, ${Prisma.join(active.map((f) => Prisma.sql`coalesce(${c[f]!}, false) AS ok_${Prisma.raw(f)}`))}`
    : Prisma.empty;
  // The CPV facet's keys at this level are each code's first cpvLevel digits, once per offering: the same
  // keys as cpv_prefixes holds at that length, from its one to three codes instead of its dozen prefixes.
  const cpvLevel = cpvParent === null ? 2 : cpvParent.length + 1;
  const cpvScope = cpvParent === null ? allBut("cpv") : allBut();
  const bands = Prisma.join(
    PRICE_BANDS.map((b, i) =>
      b.max === null
        ? Prisma.sql`WHEN price_pence >= ${b.min} THEN ${String(i)}`
        : Prisma.sql`WHEN price_pence <= ${b.max} THEN ${String(i)}`,
    ),
    " ",
  );
  // The rows every count is made from: the words' matches (and, with one CPV code chosen, that code's
  // offerings: every facet is counted within it then). With very many, a sample of them (SAMPLES: 1 in
  // 4,096, 1,024, 256, 64 or 16), each sampled row then counting for as many as it stands for. The
  // coarsest sample is read first and a finer one only if it was too small, so a search reads between
  // 64 and 256 rows however many match, and all of them only when there are few.
  const matching = (rows: Prisma.Sql) =>
    countedRows(c, cpvParent, textQuery ? Prisma.sql`o.search_vector @@ ${tsqueryOf(textQuery)}` : Prisma.sql`TRUE`, rows);
  // Which tier each sampled row is in, for the page's estimates. When counting every match, only if the
  // counts choose the page: otherwise the title and summary tiers count none, and tierRead reads so few
  // matches through their word indexes.
  const tierFlags = (weight: number) =>
    textQuery && (weight > 1 || choose)
      ? Prisma.sql`, o.title_vector @@ ${tsqueryOf(textQuery)} AS in_title, o.head_vector @@ ${tsqueryOf(textQuery)} AS in_head`
      : Prisma.sql`, false AS in_title, false AS in_head`;
  const source = (weight: number, rows: Prisma.Sql) => Prisma.sql`
    SELECT o.id, o.published_at, o.regions, o.cpv_codes, o.pricing_unit::text AS pricing_unit, o.price_pence, o.supplier_is_sme,
           o.supplier_is_high_growth, o.framework_lot_id, ${weight}::int AS w ${flags} ${tierFlags(weight)}
    FROM offering o
    WHERE ${matching(rows)}`;
  const enough = enoughFor(options);
  const coarseFirst = [...SAMPLES].reverse();
  const size = (weight: number) => Prisma.sql`(SELECT count(*) FROM r${Prisma.raw(String(weight))})`;
  const levels = coarseFirst.map(({ weight }, i) => {
    const tooSmall = coarseFirst.slice(0, i).map((coarser) => Prisma.sql`${size(coarser.weight)} < ${enough}`);
    const gate = [...tooSmall, ...(weight === 1 ? [] : [Prisma.sql`${size(weight)} >= ${enough}`])];
    return Prisma.sql`SELECT * FROM r${Prisma.raw(String(weight))} WHERE ${Prisma.join(gate, " AND ")}`;
  });
  const exactGate = Prisma.join(
    coarseFirst.filter((l) => l.weight !== 1).map((l) => Prisma.sql`${size(l.weight)} < ${enough}`),
    " AND ",
  );
  // With the sample chosen already (statement 1, sampleChoice), only its scan is in the statement;
  // otherwise (no words) every sample's, each read only if the coarser ones were too small.
  const chosen = sample === null ? null : coarseFirst.find((l) => l.weight === sample);
  // m: every row read, each with its filters' flags (ok_*), from which each facet counts under the others.
  const scans = chosen
    ? Prisma.sql`m AS MATERIALIZED (${source(chosen.weight, chosen.rows)})`
    : Prisma.sql`${Prisma.join(
        coarseFirst.map(
          ({ weight, rows }) => Prisma.sql`r${Prisma.raw(String(weight))} AS MATERIALIZED (${source(weight, rows)})`,
        ),
        ", ",
      )}, m AS MATERIALIZED (${Prisma.join(levels, " UNION ALL ")})`;
  const exact = chosen ? Prisma.raw(chosen.weight === 1 ? "1" : "0") : Prisma.sql`CASE WHEN ${exactGate} THEN 1 ELSE 0 END`;
  // For the page's estimates (PageEstimates.indexed): without words, the offerings of the CPV codes or
  // regions filtered on, whichever are fewer (least() passes over a null), null when neither is.
  const readBy = (f: Facet) =>
    c[f] ? Prisma.sql`coalesce(sum(w) FILTER (WHERE ok_${Prisma.raw(f)}), 0)` : Prisma.sql`NULL::bigint`;
  const statement = Prisma.sql`
    WITH ${scans}
    SELECT v.facet, v.value, NULL AS label, v.n
    FROM (SELECT coalesce(sum(w) FILTER (WHERE ${allBut()}), 0) AS total,
                 coalesce(sum(w) FILTER (WHERE in_title AND ${allBut()}), 0) AS title,
                 coalesce(sum(w) FILTER (WHERE in_head AND NOT in_title AND ${allBut()}), 0) AS head,
                 coalesce(sum(w) FILTER (WHERE supplier_is_sme AND ${allBut("sme")}), 0) AS sme,
                 coalesce(sum(w) FILTER (WHERE supplier_is_high_growth AND ${allBut("highGrowth")}), 0) AS high_growth,
                 coalesce(sum(w) FILTER (WHERE in_title), 0) AS title_read,
                 coalesce(sum(w) FILTER (WHERE in_head), 0) AS head_read,
                 coalesce(sum(w), 0) AS matched,
                 least(${readBy("cpv")}, ${readBy("region")}) AS filter_read,
                 coalesce(max(w), 1) AS weight
          FROM m) a,
         LATERAL (VALUES ('exact', '', (${exact})::bigint), ('total', '', a.total), ('tier', '3', a.title),
                         ('tier', '2', a.head), ('sme', '', a.sme), ('highGrowth', '', a.high_growth),
                         ('indexed', '3', a.title_read), ('indexed', '2', a.head_read), ('indexed', '1', a.matched),
                         ('indexed', '0', a.filter_read), ('weight', '', a.weight),
                         ('listed', '', greatest((SELECT reltuples FROM pg_class WHERE oid = 'offering'::regclass), 0)::bigint))
           AS v(facet, value, n)
    UNION ALL
    SELECT 'region', r, NULL, sum(w) FROM (SELECT unnest(m.regions) AS r, w FROM m WHERE ${allBut("region")}) x GROUP BY r
    UNION ALL
    SELECT 'cpv', p, NULL, sum(w)
      FROM (SELECT DISTINCT id, w, p
            FROM (SELECT id, w, left(unnest(m.cpv_codes), ${cpvLevel}) AS p FROM m WHERE ${cpvScope}) x
            WHERE length(p) >= ${cpvLevel} ${cpvParent ? Prisma.sql`AND left(p, ${cpvParent.length}) = ${cpvParent}` : Prisma.empty}) k
      GROUP BY p
    UNION ALL
    SELECT 'unit', pricing_unit, NULL, sum(w) FROM m WHERE ${allBut("unit")} GROUP BY pricing_unit
    UNION ALL
    SELECT 'price', CASE ${bands} END, NULL, sum(w) FROM m WHERE ${allBut("price")} GROUP BY 2
    UNION ALL
    SELECT 'framework', f.slug, min(f.name), sum(w)
      FROM m JOIN framework_lot l ON l.id = m.framework_lot_id JOIN framework f ON f.id = l.framework_id
      WHERE ${allBut("framework")} GROUP BY f.slug
    ${choose ? Prisma.sql`UNION ALL ${chosenHits(s, allBut())}` : Prisma.empty}`;
  // Prepared with a generic plan (ADR 0019): the text fixes the sample it reads and so its indexes, and
  // the forms are the combinations of filters in use. Planning it for its values cost more than running it.
  const { rows } = await sql.query<FacetRow>(statement.text, statement.values, { prepared: true });
  return rows;
}

function buildFacets(s: Search, rows: FacetRow[], cpvParent: string | null): { total: number; facets: CatalogueFacets } {
  const counts = new Map<string, Map<string, { n: number; label: string | null }>>();
  for (const r of rows) {
    const facet = counts.get(r.facet) ?? new Map<string, { n: number; label: string | null }>();
    facet.set(r.value, { n: Number(r.n), label: r.label });
    counts.set(r.facet, facet);
  }
  const count = (facet: string, value: string) => counts.get(facet)?.get(value)?.n ?? 0;
  const selectedPrefixes = new Set(s.cpvCodes.map(cpvPrefix));
  const parentCode = cpvParent?.padEnd(8, "0");
  const cpv = [...(counts.get("cpv") ?? new Map<string, { n: number }>())]
    .map(([prefix, { n }]) => ({ prefix, code: findCpvCode(prefix.padEnd(8, "0")), n }))
    .filter((x) => x.code && x.code.code8 !== parentCode && cpvPrefix(x.code.code8) === x.prefix)
    .sort((a, b) => b.n - a.n || a.prefix.localeCompare(b.prefix))
    .slice(0, CPV_FACET_LIMIT)
    .map((x) => ({ value: x.code!.code8, label: x.code!.label, count: x.n, selected: selectedPrefixes.has(x.prefix) }));
  return {
    total: count("total", ""),
    facets: {
      cpv,
      regions: listRegions().map((r) => ({
        value: r.code,
        label: r.name,
        count: count("region", r.code),
        selected: s.regions.includes(r.code),
      })),
      pricingUnits: PRICING_UNITS.map((u) => ({
        value: u,
        label: PRICING_UNIT_LABELS[u],
        count: count("unit", u),
        selected: s.pricingUnits.includes(u),
      })),
      priceBands: PRICE_BANDS.map((b, i) => ({
        minPricePence: b.min,
        maxPricePence: b.max,
        label: b.label,
        count: count("price", String(i)),
        selected: s.minPricePence === b.min && s.maxPricePence === b.max,
      })),
      smeOnly: { value: "true", label: "SME suppliers only", count: count("sme", ""), selected: s.smeOnly },
      highGrowthOnly: {
        value: "true",
        label: "High-growth suppliers only",
        count: count("highGrowth", ""),
        selected: s.highGrowthOnly,
      },
      frameworks: [...(counts.get("framework") ?? new Map<string, { n: number; label: string | null }>())]
        .map(([slug, { n, label }]) => ({ value: slug, label: label ?? slug, count: n, selected: s.frameworks.includes(slug) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    },
  };
}

/**
 * The row becomes the offering in place: copying its fields into a new object (rest and spread) for
 * every hit showed in the API's CPU profile under load. The row's rank stays on it, unused.
 */
function offeringFromRow(row: PageRow): CatalogueOffering {
  const offering = row as unknown as CatalogueOffering;
  offering.pricePence = BigInt(row.pricePence);
  offering.supplier = modelFromJson("Organisation", row.supplier) as CatalogueOffering["supplier"];
  return offering;
}

/**
 * Searches the published catalogue: words (weighted full text, typos corrected against the catalogue's
 * words), filters, facet counts under the other filters, and a page after or before a cursor. Anyone may search.
 */
export async function searchCatalogue(
  sql: SqlRunner,
  raw: SearchCatalogueInput,
  options: SearchCatalogueOptions = { exactCountLimit: EXACT_COUNT_LIMIT },
): Promise<CatalogueSearchResult> {
  const s = parseInput(searchCatalogueSchema, raw);
  const c = conditions(s);
  const cpvParent = s.cpvCodes.length === 1 ? cpvPrefix(s.cpvCodes[0]!) : null;
  const { textQuery, corrections, sample } = s.words.length
    ? await correctWords(sql, s.words, (q) => sampleChoice(c, cpvParent, q, options))
    : { textQuery: null, corrections: [], sample: null };
  // The counts first: they tell the page how to read each relevance tier (tierRead), or, when they read
  // every match, choose it themselves.
  const choose = textQuery !== null && sample === 1;
  const facetRows = await fetchFacets(sql, s, c, textQuery, cpvParent, options, sample, choose);
  const fields = options.fields ?? { offering: "all", supplier: "all" };
  const estimates = pageEstimates(facetRows, enoughFor(options));
  let rows: PageRow[];
  if (choose) {
    const chosen = facetRows.filter((r) => r.facet === "hit").map((r) => ({ id: r.value, rank: Number(r.n) }));
    rows = chosen.length ? await fetchPage(sql, s, c, textQuery, estimates, fields, { chosen }) : [];
  } else {
    const filling = tierThatFillsThePage(s, estimates);
    const fromOneTier = filling === null ? null : await fetchPage(sql, s, c, textQuery, estimates, fields, { onlyTier: filling });
    rows = fromOneTier && fromOneTier.length > s.first ? fromOneTier : await fetchPage(sql, s, c, textQuery, estimates, fields);
  }
  const { total, facets } = buildFacets(s, facetRows, cpvParent);
  const exact = facetRows.some((r) => r.facet === "exact" && Number(r.n) === 1);
  const more = rows.length > s.first;
  // Backwards, the extra row is the first (the furthest from the cursor).
  const page = s.before ? rows.slice(more ? 1 : 0) : rows.slice(0, s.first);
  return {
    hits: page.map((row) => {
      const rank = Number(row.rank);
      const offering = offeringFromRow(row);
      return { offering, rank, cursor: encodeCursor(rank, offering.publishedAt!, offering.id) };
    }),
    // Before a cursor, the cursor's own offering follows this page.
    hasNextPage: s.before ? true : more,
    hasPreviousPage: s.before ? more : s.after !== null,
    totalCount: total,
    countsAreExact: exact,
    facets,
    corrections,
    order: textQuery ? "RELEVANCE" : "NEWEST",
  };
}
