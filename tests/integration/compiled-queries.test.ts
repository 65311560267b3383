import { execute, parse, type ExecutionResult } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueryCompiler } from "@ccm/api/compiled-queries";
import type { Context, Viewer } from "@ccm/api/context";
import { getSchema } from "@ccm/api/schema";
import {
  HIGH_GROWTH_SME,
  OFFERING_FIELDS,
  marker,
  publishedOffering,
  recordYears,
  supplierAdmin,
  createOfferingRaw,
  offeringInput,
} from "../support/catalogue-fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

// The catalogue search runs as a query compiled by graphql-jit (ADR 0017). A compiled search must answer
// exactly what graphql-js answers for the same document, variables and viewer: these run both on the
// real database and compare the JSON a client would receive.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

// Everything a search can show, details included (they change the SQL the search sends).
const SEARCH = `query Search($query: String, $filter: CatalogueFilter, $first: Int, $after: String, $before: String) {
  searchCatalogue(query: $query, filter: $filter, first: $first, after: $after, before: $before) {
    __typename
    ... on CatalogueSearch {
      totalCount countsAreExact order
      edges { cursor rank node { ${OFFERING_FIELDS} description viewerCanManage createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      corrections { word suggestions }
      facets {
        cpv { value label count selected }
        regions { value label count selected }
        pricingUnits { value label count selected }
        priceBands { minPricePence maxPricePence label count selected }
        smeOnly { value count selected }
        highGrowthOnly { value count selected }
        frameworks { value label count selected }
      }
    }
    ... on ValidationError { issues { path message } }
  }
}`;

const schema = getSchema();
const document = parse(SEARCH);
const compiled = createQueryCompiler(schema)(document, "Search");

function context(viewer: Viewer | null): Context {
  return { deps: app.deps, viewer, headers: new Headers(), setCookies: [] };
}

/** The search's answer as JSON, run by graphql-js and by the compiled query. */
async function bothWays(variables: Record<string, unknown>, viewer: Viewer | null = null) {
  const args = (contextValue: Context) => ({ schema, document, variableValues: variables, contextValue });
  const byGraphqlJs = (await execute(args(context(viewer)))) as ExecutionResult;
  const result = await compiled!(args(context(viewer)), (execution) => {
    usedGraphqlJs += 1;
    return execute(execution) as ExecutionResult;
  });
  return {
    graphqlJs: JSON.parse(JSON.stringify(byGraphqlJs)) as { data: { searchCatalogue: Record<string, any> }; errors?: unknown },
    compiled: JSON.parse(JSON.stringify(result)) as unknown,
  };
}
let usedGraphqlJs = 0;

describe("the compiled catalogue search", () => {
  it("answers every kind of search exactly as graphql-js does", async () => {
    expect(compiled, "the search document should compile").not.toBeNull();
    const { user, supplier, client } = await supplierAdmin(app.client());
    await recordYears(client, supplier.id, HIGH_GROWTH_SME);
    const word = marker();
    await publishedOffering(client, supplier.id, { title: `${word} cloud hosting`, pricePence: 50_000, regions: ["TLI", "TLM"] });
    await publishedOffering(client, supplier.id, { summary: `Hosting with ${word} for councils`, cpvCodes: ["72400000"] });
    await publishedOffering(client, supplier.id, {
      description: `Payroll and ${word} for schools`,
      pricingUnit: "PER_USER_PER_MONTH",
      pricePence: 1_200,
      priceTiers: [{ fromQuantity: 100, pricePence: 900 }],
    });
    // A draft: never in the results, whoever searches.
    await createOfferingRaw(client, offeringInput(supplier.id, { title: `${word} draft` }));
    // The viewer as loadViewer makes it from the member's session: database ids, not global ones.
    const member: Viewer = {
      userId: dbIdOf(user.id),
      email: user.email,
      name: user.name,
      isPlatformAdmin: false,
      memberships: [{ organisationId: dbIdOf(supplier.id), organisationKind: "SUPPLIER", role: "ADMIN" }],
    };

    const all = await bothWays({ query: word });
    expect(all.graphqlJs.errors).toBeUndefined();
    expect(all.graphqlJs.data.searchCatalogue.totalCount).toBe(3);
    expect(all.compiled).toEqual(all.graphqlJs);

    const firstPage = await bothWays({ query: word, first: 1 });
    expect(firstPage.compiled).toEqual(firstPage.graphqlJs);
    const after = firstPage.graphqlJs.data.searchCatalogue.pageInfo.endCursor as string;
    const secondPage = await bothWays({ query: word, first: 1, after });
    expect(secondPage.graphqlJs.data.searchCatalogue.edges).toHaveLength(1);
    expect(secondPage.compiled).toEqual(secondPage.graphqlJs);
    const back = await bothWays({
      query: word,
      first: 1,
      before: secondPage.graphqlJs.data.searchCatalogue.pageInfo.startCursor,
    });
    expect(back.compiled).toEqual(back.graphqlJs);

    const searches: { variables: Record<string, unknown>; viewer?: Viewer }[] = [
      { variables: { query: word.slice(0, -1) } }, // a typo: corrected to the word
      { variables: { query: word, filter: { smeOnly: true, highGrowthOnly: true, regions: ["TLM"], maxPricePence: 60_000 } } },
      { variables: { query: word, filter: { cpvCodes: ["72000000"], pricingUnits: ["PER_DAY"], minPricePence: 10_000 } } },
      { variables: { filter: { cpvCodes: ["72400000"] }, first: 5 } }, // browsing, newest first
      { variables: { query: word }, viewer: member }, // the supplier's own member: viewerCanManage
      { variables: { query: word, filter: { cpvCodes: ["1234"], regions: ["ZZZ"] } } }, // a ValidationError
      { variables: { query: word, first: 500 } }, // too many: a ValidationError
    ];
    for (const { variables, viewer } of searches) {
      const answer = await bothWays(variables, viewer ?? null);
      expect(answer.compiled, JSON.stringify(variables)).toEqual(answer.graphqlJs);
    }
    // Every search so far ran compiled.
    expect(usedGraphqlJs).toBe(0);
    // A variable the API cannot take is answered by graphql-js, in its words.
    const badVariable = await bothWays({ query: word, filter: { minPricePence: "ten pounds" } });
    expect(badVariable.compiled).toEqual(badVariable.graphqlJs);
    expect(usedGraphqlJs).toBe(1);
    const mine = await bothWays({ query: word }, member);
    expect(
      mine.graphqlJs.data.searchCatalogue.edges.every((e: { node: { viewerCanManage: boolean } }) => e.node.viewerCanManage),
    ).toBe(true);
  });

  it("serves the search over HTTP with the same answer, and leaves a query it cannot compile to the standard executor", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    await publishedOffering(client, supplier.id, { title: `${word} waste collection`, pricePence: 20_000 });
    const overHttp = await app.client().request(SEARCH, { query: word });
    expect(overHttp.errors).toBeUndefined();
    expect(overHttp.data).toEqual((await bothWays({ query: word })).graphqlJs.data);

    // graphql-jit cannot read a custom scalar (Pence) written inline; the standard executor answers it.
    const inline = await app
      .client()
      .ok(
        `{ searchCatalogue(query: "${word}", filter: { maxPricePence: 30000 }) { __typename ... on CatalogueSearch { totalCount } } }`,
      );
    expect(inline.searchCatalogue).toEqual({ __typename: "CatalogueSearch", totalCount: 1 });
  });

  it("never turns a client's text into code: a search written with literal values runs on the standard executor", async () => {
    // graphql-jit writes literal arguments into the code it compiles and turns text of this shape (its own
    // marker for dates, public in its source) into code. Compiled, this search would set the flag.
    const injected = "__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d0,globalThis.__ccmInjected=1";
    const attack = `{ searchCatalogue(query: "${injected}") { __typename ... on CatalogueSearch { totalCount } } }`;
    expect(createQueryCompiler(schema)(parse(attack))).toBeNull();
    const answer = await app.client().ok(attack);
    expect(answer.searchCatalogue).toEqual({ __typename: "CatalogueSearch", totalCount: 0 });
    expect((globalThis as { __ccmInjected?: unknown }).__ccmInjected).toBeUndefined();
    // The same words as a variable are data, and the search compiles.
    const asVariable = `query($query: String) { searchCatalogue(query: $query) { __typename ... on CatalogueSearch { totalCount } } }`;
    expect(createQueryCompiler(schema)(parse(asVariable))).not.toBeNull();
    const viaVariable = await app.client().ok(asVariable, { query: injected });
    expect(viaVariable.searchCatalogue.__typename).toBe("CatalogueSearch");
    expect((globalThis as { __ccmInjected?: unknown }).__ccmInjected).toBeUndefined();
  });

  it("answers a request naming an operation the search document does not hold as before", async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SEARCH, variables: { query: marker() }, operationName: "Other" }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/operation/);
    // Asked for first under the wrong name, the document still compiles for its own.
    const compile = createQueryCompiler(schema);
    expect(compile(document, "Other")).toBeNull();
    expect(compile(document, "Search")).not.toBeNull();
  });

  it("hides what went wrong inside a compiled search from the client, and logs it", async () => {
    const broken = await startTestApp({}, { captureLogs: true });
    try {
      // The database goes away under the search (the pools are closed): its statements fail as in an outage.
      await broken.deps.db.close();
      const answer = await broken.client().request(SEARCH, { query: marker() });
      expect(answer.errors).toEqual([
        expect.objectContaining({ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }),
      ]);
      expect(JSON.stringify(answer)).not.toContain("pool");
      expect(broken.logs.some((line) => line.includes("unexpected GraphQL error"))).toBe(true);
    } finally {
      // Its database is already closed, which closing the app tries again.
      await broken.close().catch(() => undefined);
    }
  });
});
