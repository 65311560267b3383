import type { Deps } from "@ccm/api";
import type { GraphqlClient } from "./harness.ts";
import { registerSupplier, signUpUser, unique } from "./fixtures.ts";

// Fixture builders for supplier profiles and catalogue offerings, through the public GraphQL API.

const M = 100 * 1_000_000; // one million pounds in pence

export const OFFERING_FIELDS = `id title summary status pricingUnit pricePence priceText publishedAt
  cpvCodes { code8 } regions { code } features benefits priceTiers { fromQuantity pricePence }
  frameworkLot { id title framework { slug } }
  supplier { id name supplierSize isSme isHighGrowth sizeReason growthReason regionsServed { code } }`;

/** A signed-in person who administers a new supplier. */
export async function supplierAdmin(client: GraphqlClient, overrides: Record<string, unknown> = {}) {
  const user = await signUpUser(client);
  const supplier = await registerSupplier(client, overrides);
  return { user, supplier, client };
}

export interface YearFigures {
  year: number;
  headcount: number;
  turnoverPounds?: number;
  balanceSheetPounds?: number;
}

/** Records yearly figures (as the supplier's ADMIN); returns the supplier's derived fields after the last one. */
export async function recordYears(client: GraphqlClient, organisationId: string, years: YearFigures[]) {
  let last: Record<string, unknown> | undefined;
  for (const y of years) {
    const data = await client.ok(
      `mutation($input: RecordSupplierYearInput!) { recordSupplierYear(input: $input) {
         __typename ... on RecordSupplierYearSuccess { data { supplierSize isSme isHighGrowth sizeReason growthReason } }
         ... on Error { message } } }`,
      {
        input: {
          organisationId,
          year: y.year,
          headcount: y.headcount,
          turnoverPence: (y.turnoverPounds ?? 1_000_000) * 100,
          balanceSheetPence: (y.balanceSheetPounds ?? 500_000) * 100,
        },
      },
    );
    if (data.recordSupplierYear.__typename !== "RecordSupplierYearSuccess") throw new Error(JSON.stringify(data));
    last = data.recordSupplierYear.data;
  }
  return last;
}

/** Figures that make a small, high-growth SME (12 to 31 staff over 2022-2025). */
export const HIGH_GROWTH_SME: YearFigures[] = [
  { year: 2022, headcount: 12, turnoverPounds: 900_000 },
  { year: 2025, headcount: 31, turnoverPounds: 2_400_000 },
];

/** Figures that make a large firm (not an SME) with steady numbers. */
export const LARGE_STEADY: YearFigures[] = [
  { year: 2022, headcount: 400, turnoverPounds: 60 * (M / 100), balanceSheetPounds: 50 * (M / 100) },
  { year: 2025, headcount: 410, turnoverPounds: 62 * (M / 100), balanceSheetPounds: 51 * (M / 100) },
];

export function offeringInput(supplierId: string, overrides: Record<string, unknown> = {}) {
  return {
    supplierId,
    title: unique("Offering"),
    summary: "A service for councils that does something useful.",
    description: "A longer description of the service, what it does and how it is delivered to councils.",
    cpvCodes: ["72212000"],
    pricingUnit: "PER_DAY",
    pricePence: 75_000,
    regions: ["TLI"],
    features: ["Accessible to WCAG 2.2 AA"],
    benefits: ["Fewer calls"],
    ...overrides,
  };
}

/** Creates a draft offering; returns the result union as the API gave it. */
export async function createOfferingRaw(client: GraphqlClient, input: Record<string, unknown>) {
  const data = await client.ok(
    `mutation($input: CreateOfferingInput!) { createOffering(input: $input) {
       __typename ... on CreateOfferingSuccess { data { ${OFFERING_FIELDS} } }
       ... on ValidationError { issues { path message } } ... on Error { message code } } }`,
    { input },
  );
  return data.createOffering;
}

/** Creates and publishes an offering; returns its id. */
export async function publishedOffering(client: GraphqlClient, supplierId: string, overrides: Record<string, unknown> = {}) {
  const created = await createOfferingRaw(client, offeringInput(supplierId, overrides));
  if (created.__typename !== "CreateOfferingSuccess") throw new Error(`createOffering failed: ${JSON.stringify(created)}`);
  const id: string = created.data.id;
  await publish(client, id);
  return id;
}

export async function publish(client: GraphqlClient, id: string) {
  const data = await client.ok(
    `mutation($id: ID!) { publishOffering(input: { id: $id }) { __typename ... on Error { message code } } }`,
    { id },
  );
  if (data.publishOffering.__typename !== "PublishOfferingSuccess") throw new Error(JSON.stringify(data));
}

export const SEARCH = `query($query: String, $filter: CatalogueFilter, $first: Int, $after: String, $before: String) {
  searchCatalogue(query: $query, filter: $filter, first: $first, after: $after, before: $before) {
    __typename
    ... on CatalogueSearch {
      totalCount order
      edges { cursor rank node { id title supplier { name isSme isHighGrowth } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      corrections { word suggestions }
      facets {
        cpv { value label count selected }
        regions { value count selected }
        pricingUnits { value count selected }
        priceBands { minPricePence maxPricePence label count selected }
        smeOnly { count selected }
        highGrowthOnly { count selected }
        frameworks { value label count selected }
      }
    }
    ... on ValidationError { issues { path message } }
  }
}`;

/** Runs searchCatalogue and returns the CatalogueSearch (fails on anything else). */
export async function search(client: GraphqlClient, variables: Record<string, unknown>) {
  const data = await client.ok(SEARCH, variables);
  if (data.searchCatalogue.__typename !== "CatalogueSearch") throw new Error(JSON.stringify(data.searchCatalogue));
  return data.searchCatalogue;
}

/** A made-up word no other test uses, to keep a test's offerings to itself in the shared database. */
export function marker(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  let word = "";
  for (let i = 0; i < 9; i += 1) word += letters[Math.floor(Math.random() * letters.length)];
  return `zq${word}`;
}

/**
 * Lists published offerings straight into the database, with the given titles (and summaries and
 * publication times), whose ids fall in the 1-in-256 count sample (and so the 1-in-16 one), so that
 * searches with a low exactCountLimit estimate from them; or, with `sampled: false`, in no sample at all,
 * so that they never change an estimate. Returns their ids, in the order given.
 */
export async function offeringsBySample(
  deps: Pick<Deps, "db" | "prisma">,
  supplierId: string,
  sampled: boolean,
  items: { title: string; summary?: string; publishedAt?: Date }[],
): Promise<string[]> {
  const { rows } = await deps.db.sql.query<{ id: string }>(
    `SELECT id FROM (SELECT gen_random_uuid()::text AS id FROM generate_series(1, 20000)) x
     WHERE ${sampled ? "hashtext(id) & 255 = 0" : "hashtext(id) & 15 <> 0"} LIMIT $1`,
    [items.length],
  );
  if (rows.length !== items.length) throw new Error(`found ${rows.length} of ${items.length} ids for the sample`);
  for (const [i, { id }] of rows.entries())
    await deps.prisma.offering.create({
      data: {
        id,
        supplierId,
        title: items[i]!.title,
        summary: items[i]!.summary ?? "A summary long enough.",
        description: "A description long enough to be valid.",
        cpvCodes: ["72212000"],
        pricingUnit: "PER_DAY",
        pricePence: 50_000n,
        regions: ["TLI"],
        publishedAt: items[i]!.publishedAt ?? new Date(),
      },
    });
  return rows.map((r) => r.id);
}
