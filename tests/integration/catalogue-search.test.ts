import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { searchCatalogue } from "@ccm/api/catalogue/search-catalogue";
import { openDatabase, type SqlRunner } from "@ccm/prisma";
import {
  HIGH_GROWTH_SME,
  LARGE_STEADY,
  marker,
  offeringsBySample,
  publishedOffering,
  recordYears,
  search,
  supplierAdmin,
} from "../support/catalogue-fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

// Every test writes its own made-up word into its offerings and searches with it, so the shared test
// database's other offerings never change its counts.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Wraps the app's SQL runner to record every statement it sends: its text, and whether it was sent prepared. */
function counting(sql: SqlRunner) {
  const sent: { text: string; prepared: boolean }[] = [];
  const runner: SqlRunner = {
    query: (text, params, options) => {
      sent.push({ text, prepared: options?.prepared ?? false });
      return sql.query(text, params, options);
    },
    exec: (text) => {
      sent.push({ text, prepared: false });
      return sql.exec(text);
    },
  };
  return { runner, sent };
}

type Edge = { node: { id: string; title: string } };
const titles = (result: { edges: Edge[] }) => result.edges.map((e) => e.node.title);

describe("relevance", () => {
  it("puts an exact title match above a summary match above a description match, with a documented tie-break", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    // Published in this order, so the newest (the second title match) wins the tie on rank.
    await publishedOffering(client, supplier.id, { description: `The team behind it knows ${word} well, among other things.` });
    const older = await publishedOffering(client, supplier.id, {
      title: `${word} case management`,
      summary: "Case management for housing.",
    });
    await publishedOffering(client, supplier.id, { summary: `Housing repairs with ${word} built in, for every council.` });
    const newer = await publishedOffering(client, supplier.id, {
      title: `${word} case management`,
      summary: "Case management for licensing.",
    });

    const result = await search(app.client(), { query: word });
    expect(result.order).toBe("RELEVANCE");
    expect(result.totalCount).toBe(4);
    const ranks = result.edges.map((e: { rank: number }) => e.rank);
    expect(ranks[0]).toBe(ranks[1]);
    expect(ranks[1]).toBeGreaterThan(ranks[2]);
    expect(ranks[2]).toBeGreaterThan(ranks[3]);
    // Equal rank: the later-published first.
    expect(result.edges.slice(0, 2).map((e: Edge) => e.node.id)).toEqual([newer, older]);
    expect(titles(result).slice(0, 2)).toEqual([`${word} case management`, `${word} case management`]);
  });

  it("searches every word, and stems them (hosting finds host)", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    await publishedOffering(client, supplier.id, { title: `${word} cloud hosting for council websites` });
    await publishedOffering(client, supplier.id, { title: `${word} cloud backup` });
    expect(titles(await search(app.client(), { query: `${word} hosted` }))).toEqual([
      `${word} cloud hosting for council websites`,
    ]);
    expect((await search(app.client(), { query: `${word} cloud` })).totalCount).toBe(2);
  });
});

describe("typos", () => {
  it("corrects a misspelt word to words the catalogue contains, and says so", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    const rare = `${word}xyzology`; // a word only this offering has
    await publishedOffering(client, supplier.id, { title: `Managed ${rare} platform` });
    const typo = rare.slice(0, -3) + rare.slice(-2); // one letter dropped
    const result = await search(app.client(), { query: typo });
    expect(titles(result)).toEqual([`Managed ${rare} platform`]);
    expect(result.corrections).toEqual([{ word: typo, suggestions: expect.arrayContaining([rare]) }]);
  });

  it("lists the newest offerings for a search of stop words alone, as without words", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    await publishedOffering(client, supplier.id, { title: `${marker()} newest` });
    const { runner, sent } = counting(app.deps.db.sql);
    const result = await searchCatalogue(runner, { query: "The, and of" });
    expect(result).toMatchObject({ order: "NEWEST", corrections: [] });
    expect(result.totalCount).toBeGreaterThan(0);
    expect(result.hits.length).toBeGreaterThan(0);
    // The words' corrections, which find no word to search for, then the counts without words, then the page.
    expect(sent).toHaveLength(3);
  });

  it("leaves known words alone and ignores stop words", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    await publishedOffering(client, supplier.id, { title: `${word} of the payroll` });
    const result = await search(app.client(), { query: `the ${word} of` });
    expect(result.corrections).toEqual([]);
    expect(result.totalCount).toBe(1);
  });
});

/** Three titles holding the word, for offeringsBySample. */
const sampledTitles = (word: string) => [0, 1, 2].map((i) => ({ title: `${word} sampled ${i}` }));

describe("filters and facet counts", () => {
  let word: string;
  let framework: string;

  beforeAll(async () => {
    word = marker();
    framework = `fw-${marker()}`;
    const sme = await supplierAdmin(app.client());
    await recordYears(sme.client, sme.supplier.id, HIGH_GROWTH_SME);
    const large = await supplierAdmin(app.client());
    await recordYears(large.client, large.supplier.id, LARGE_STEADY);
    const lot = await app.deps.prisma.frameworkLot.create({
      data: { number: 1, title: "Lot 1", framework: { create: { name: "Search Test Framework", slug: framework } } },
    });
    await app.deps.prisma.frameworkAgreement.create({
      data: { frameworkLotId: lot.id, supplierId: dbIdOf(sme.supplier.id) },
    });
    const lotId = Buffer.from(`FrameworkLot:${lot.id}`).toString("base64");
    // SME, high-growth: software development (72212000, under 722 and 72), London and South East.
    await publishedOffering(sme.client, sme.supplier.id, {
      title: `${word} bespoke software`,
      cpvCodes: ["72212000"],
      regions: ["TLI", "TLJ"],
      pricingUnit: "PER_DAY",
      pricePence: 65_000,
      frameworkLotId: lotId,
    });
    // SME: accounting software package (48440000), London.
    await publishedOffering(sme.client, sme.supplier.id, {
      title: `${word} ledger`,
      cpvCodes: ["48440000"],
      regions: ["TLI"],
      pricingUnit: "PER_USER_PER_MONTH",
      pricePence: 900,
    });
    // Large: IT consultancy (72220000, under 722), Scotland, expensive.
    await publishedOffering(large.client, large.supplier.id, {
      title: `${word} consultancy`,
      cpvCodes: ["72220000"],
      regions: ["TLM"],
      pricingUnit: "FIXED",
      pricePence: 5_000_000,
    });
  });

  const count = (filter: Record<string, unknown>) => search(app.client(), { query: word, filter }).then((r) => r.totalCount);

  it("filters by CPV code, matching the code and everything below it", async () => {
    expect(await count({ cpvCodes: ["72000000"] })).toBe(2);
    expect(await count({ cpvCodes: ["72200000"] })).toBe(2);
    expect(await count({ cpvCodes: ["72212000-4"] })).toBe(1);
    expect(await count({ cpvCodes: ["48000000"] })).toBe(1);
    expect(await count({ cpvCodes: ["72212000", "48440000"] })).toBe(2);
    expect(await count({ cpvCodes: ["79000000"] })).toBe(0);
  });

  it("filters by region, price range, pricing unit, SME, high growth and framework", async () => {
    expect(await count({ regions: ["TLI"] })).toBe(2);
    expect(await count({ regions: ["TLM", "TLJ"] })).toBe(2);
    expect(await count({ minPricePence: 1_000, maxPricePence: 100_000 })).toBe(1);
    expect(await count({ maxPricePence: 900 })).toBe(1);
    expect(await count({ minPricePence: 900, maxPricePence: 900 })).toBe(1);
    expect(await count({ pricingUnits: ["PER_DAY", "FIXED"] })).toBe(2);
    expect(await count({ smeOnly: true })).toBe(2);
    expect(await count({ highGrowthOnly: true })).toBe(2);
    expect(await count({ frameworks: [framework] })).toBe(1);
    expect(await count({ smeOnly: true, regions: ["TLM"] })).toBe(0);
  });

  it("counts each facet under the other filters", async () => {
    const result = await search(app.client(), { query: word, filter: { regions: ["TLI"], smeOnly: true } });
    expect(result.totalCount).toBe(2);
    const regions = Object.fromEntries(result.facets.regions.map((r: { value: string; count: number }) => [r.value, r.count]));
    // Regions are counted without the region filter (SME only still applies): the large firm's Scotland is 0.
    expect(regions).toMatchObject({ TLI: 2, TLJ: 1, TLM: 0 });
    expect(result.facets.regions.find((r: { value: string }) => r.value === "TLI").selected).toBe(true);
    // SME is counted without the SME filter (London still applies): both London offerings are SMEs'.
    expect(result.facets.smeOnly).toEqual({ count: 2, selected: true });
    expect(result.facets.highGrowthOnly).toEqual({ count: 2, selected: false });
    const units = Object.fromEntries(result.facets.pricingUnits.map((u: { value: string; count: number }) => [u.value, u.count]));
    expect(units).toMatchObject({ PER_DAY: 1, PER_USER_PER_MONTH: 1, FIXED: 0 });
    expect(result.facets.priceBands.map((b: { label: string; count: number }) => [b.label, b.count])).toEqual([
      ["Under £100", 1],
      ["£100 to £999", 1],
      ["£1,000 to £9,999", 0],
      ["£10,000 or more", 0],
    ]);
    expect(result.facets.cpv).toEqual([
      { value: "48000000", label: "Software package and information systems", count: 1, selected: false },
      {
        value: "72000000",
        label: "IT services: consulting, software development, Internet and support",
        count: 1,
        selected: false,
      },
    ]);
    expect(result.facets.frameworks).toEqual([{ value: framework, label: "Search Test Framework", count: 1, selected: false }]);
  });

  it("offers the codes one level down once a CPV code is chosen", async () => {
    const result = await search(app.client(), { query: word, filter: { cpvCodes: ["72200000"] } });
    expect(result.facets.cpv).toEqual([
      { value: "72210000", label: "Programming services of packaged software products", count: 1, selected: false },
      { value: "72220000", label: "Systems and technical consultancy services", count: 1, selected: false },
    ]);
  });

  it("counts an offering once under a code that several of its codes descend from", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const own = marker();
    await publishedOffering(client, supplier.id, { title: `${own} platform`, cpvCodes: ["72212000", "72220000", "48440000"] });
    const facet = (result: { facets: { cpv: { value: string; count: number }[] } }) =>
      result.facets.cpv.map((f) => [f.value, f.count]);
    expect(facet(await search(app.client(), { query: own }))).toEqual([
      ["48000000", 1],
      ["72000000", 1],
    ]);
    expect(facet(await search(app.client(), { query: own, filter: { cpvCodes: ["72000000"] } }))).toEqual([["72200000", 1]]);
  });

  it("explains a filter it cannot use, beside the filter", async () => {
    const issues = async (filter: string) =>
      (
        await app
          .client()
          .ok(
            `query { searchCatalogue(query: "x", filter: ${filter}) { __typename ... on ValidationError { issues { path message } } } }`,
          )
      ).searchCatalogue.issues.map((i: { path: string[] }) => i.path.join("."));
    expect(await issues(`{ cpvCodes: ["72212000", "1234"], regions: ["ZZZ"] }`)).toEqual([
      "filter.cpvCodes.1",
      "filter.regions.0",
    ]);
    expect(await issues(`{ minPricePence: 500, maxPricePence: 100 }`)).toEqual(["filter.maxPricePence"]);
  });
});

describe("paging", () => {
  it("walks every result once, in order, even when offerings are published between pages", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    for (let i = 0; i < 12; i += 1)
      await publishedOffering(client, supplier.id, {
        title: i % 3 === 0 ? `${word} title ${i}` : `Offering ${i}`,
        summary: i % 3 === 1 ? `About ${word} in the summary.` : "A service for councils that does something useful.",
        description: `Description ${i} mentions ${word} once, as every one of these does.`,
      });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await search(app.client(), { query: word, first: 5, after });
      seen.push(...page.edges.map((e: Edge) => e.node.id));
      expect(page.totalCount).toBe(pages === 0 ? 12 : 13);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      // A newcomer with the best rank lands on page one, which has been read: no repeat, no gap.
      if (pages === 0) await publishedOffering(client, supplier.id, { title: `${word} ${word} newcomer` });
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const all = await search(app.client(), { query: word, first: 100 });
    expect(all.edges.slice(1).map((e: Edge) => e.node.id)).toEqual(seen);
  });

  it("lists newest first without words, with the same cursors", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const framework = `fw-${marker()}`;
    const lot = await app.deps.prisma.frameworkLot.create({
      data: { number: 1, title: "Lot", framework: { create: { name: "Browse Framework", slug: framework } } },
    });
    await app.deps.prisma.frameworkAgreement.create({ data: { frameworkLotId: lot.id, supplierId: dbIdOf(supplier.id) } });
    const lotId = Buffer.from(`FrameworkLot:${lot.id}`).toString("base64");
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(await publishedOffering(client, supplier.id, { frameworkLotId: lotId }));
    const first = await search(app.client(), { filter: { frameworks: [framework] }, first: 2 });
    expect(first.order).toBe("NEWEST");
    const second = await search(app.client(), { filter: { frameworks: [framework] }, first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e: Edge) => e.node.id)).toEqual([...ids].reverse());
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("goes back a page with before, giving the same pages as going forwards", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    for (let i = 0; i < 7; i += 1)
      await publishedOffering(client, supplier.id, {
        title: i % 2 === 0 ? `${word} title ${i}` : `Offering ${i}`,
        description: `Description ${i} mentions ${word} once, as every one of these does.`,
      });
    const ids = (page: { edges: Edge[] }) => page.edges.map((e) => e.node.id);
    for (const variables of [{ query: word }, { query: `${word}`, filter: { regions: ["TLI"] } }]) {
      const forwards = [await search(app.client(), { ...variables, first: 3 })];
      while (forwards.at(-1)!.pageInfo.hasNextPage)
        forwards.push(await search(app.client(), { ...variables, first: 3, after: forwards.at(-1)!.pageInfo.endCursor }));
      expect(forwards.map((p) => p.edges.length)).toEqual([3, 3, 1]);

      const third = forwards[2]!;
      const second = await search(app.client(), { ...variables, first: 3, before: third.pageInfo.startCursor });
      expect(ids(second)).toEqual(ids(forwards[1]!));
      expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const first = await search(app.client(), { ...variables, first: 3, before: second.pageInfo.startCursor });
      expect(ids(first)).toEqual(ids(forwards[0]!));
      expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    }
    // Without words (newest first) as well.
    const newest = await search(app.client(), { first: 2 });
    const next = await search(app.client(), { first: 2, after: newest.pageInfo.endCursor });
    expect(ids(await search(app.client(), { first: 2, before: next.pageInfo.startCursor }))).toEqual(ids(newest));
  });

  it("refuses after and before together", async () => {
    const page = await search(app.client(), { first: 1 });
    const cursor = page.pageInfo.endCursor;
    const data = await app
      .client()
      .ok(
        `query($c: String) { searchCatalogue(after: $c, before: $c) { __typename ... on ValidationError { issues { path } } } }`,
        {
          c: cursor,
        },
      );
    expect(data.searchCatalogue).toEqual({ __typename: "ValidationError", issues: [{ path: ["before"] }] });
  });

  it("refuses a cursor it did not make", async () => {
    const data = await app
      .client()
      .ok(`query { searchCatalogue(after: "not-a-cursor") { __typename ... on ValidationError { issues { path } } } }`);
    expect(data.searchCatalogue).toEqual({ __typename: "ValidationError", issues: [{ path: ["after"] }] });
  });
});

describe("very many matches", () => {
  it("estimates the counts from a sample, says so, and keeps the page exact", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    // Offerings in the 1-in-256 sample, and others.
    await offeringsBySample(app.deps, dbIdOf(supplier.id), true, sampledTitles(word));
    for (let i = 0; i < 4; i += 1) await publishedOffering(client, supplier.id, { title: `${word} other ${i}` });

    const exact = await searchCatalogue(app.deps.db.sql, { query: word });
    expect(exact).toMatchObject({ countsAreExact: true, totalCount: 7 });

    // With a limit of 16, one match in a sample is enough to count from it: the 1-in-256 sample (or the
    // 1-in-1,024 or 4,096 one, if one of them falls in it too) stands for everything.
    const { runner, sent } = counting(app.deps.db.sql);
    const estimated = await searchCatalogue(runner, { query: word, first: 10 }, { exactCountLimit: 16 });
    expect(estimated.countsAreExact).toBe(false);
    expect(estimated.totalCount % 256).toBe(0);
    expect(estimated.totalCount).toBeGreaterThanOrEqual(768);
    expect(estimated.facets.regions.find((r) => r.value === "TLI")?.count).toBe(estimated.totalCount);
    expect(estimated.hits).toHaveLength(7);
    // So many estimated title matches make the search read the page from the title tier alone, walking
    // the newest-first index instead of the word index (the condition inside coalesce(), which no word
    // index answers), in a prepared statement (ADR 0019). That tier comes short, so the page is read
    // again from every tier (page-read.ts decides how, from the counts and the catalogue's size).
    // The same results in the same order.
    expect(estimated.hits.map((h) => h.offering.id)).toEqual(exact.hits.map((h) => h.offering.id));
    const [titleTier, everyTier] = sent.slice(2);
    expect(sent).toHaveLength(4);
    expect(titleTier).toMatchObject({ prepared: true, text: expect.stringContaining("coalesce(o.title_vector @@") as unknown });
    expect(titleTier!.text).not.toContain("head_vector");
    expect(everyTier!.text).toContain("o.search_vector @@");
  });
});

describe("cost per search", () => {
  it("runs the same number of SQL statements whatever the page size", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    for (let i = 0; i < 8; i += 1) await publishedOffering(client, supplier.id, { title: `${word} service ${i}` });
    const statements = async (input: Parameters<typeof searchCatalogue>[1]) => {
      const { runner, sent } = counting(app.deps.db.sql);
      const result = await searchCatalogue(runner, input);
      return { statements: sent.length, hits: result.hits.length };
    };
    const small = await statements({ query: `${word} servce`, first: 1, filter: { regions: ["TLI"], smeOnly: false } });
    const large = await statements({ query: `${word} servce`, first: 8, filter: { regions: ["TLI"], smeOnly: false } });
    expect(small).toEqual({ statements: 3, hits: 1 });
    expect(large).toEqual({ statements: 3, hits: 8 });
    // Counted exactly, the counts choose the page: when they find nothing, no page is read.
    expect(await statements({ query: `${word} servce zebrafish`, first: 8 })).toEqual({ statements: 2, hits: 0 });
    expect((await statements({ first: 1 })).statements).toBe(2);
    expect((await statements({ first: 50 })).statements).toBe(2);
  });

  it("reads a page from the title tier alone when the counts say it holds several pages, and from every tier when it comes short", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    // Three title matches in the 1-in-256 sample, so that with a limit of 16 the counts estimate hundreds
    // of title matches; in fact there are eleven, then three summary matches.
    // The summary matches are in no sample, so the counts never estimate that tier worth reading alone.
    await offeringsBySample(app.deps, dbIdOf(supplier.id), true, sampledTitles(word));
    for (let i = 0; i < 8; i += 1) await publishedOffering(client, supplier.id, { title: `${word} title ${i}` });
    await offeringsBySample(
      app.deps,
      dbIdOf(supplier.id),
      false,
      [0, 1, 2].map((i) => ({ title: `Summary ${i}`, summary: `Mentions ${word} in passing.` })),
    );

    const estimated = { exactCountLimit: 16 };
    const walk = async (options?: { exactCountLimit: number }) => {
      const pages: { ids: string[]; statements: number; first: string }[] = [];
      let after: string | null = null;
      do {
        const { runner, sent } = counting(app.deps.db.sql);
        const page = await searchCatalogue(runner, { query: word, first: 4, after }, options);
        pages.push({ ids: page.hits.map((h) => h.offering.id), statements: sent.length, first: page.hits[0]!.cursor });
        after = page.hasNextPage ? page.hits.at(-1)!.cursor : null;
      } while (after);
      return pages;
    };
    // Counted exactly, the counts choose each page among all the matches: three statements a page.
    const exact = await walk();
    expect(exact.map((p) => p.statements)).toEqual([3, 3, 3, 3]);
    expect(exact.flatMap((p) => p.ids)).toHaveLength(14);
    // Estimated, the first pages are read from the title tier alone, in the same three statements. The
    // page where the title tier runs out is read again from every tier: one statement more.
    const sampled = await walk(estimated);
    expect(sampled.map((p) => p.ids)).toEqual(exact.map((p) => p.ids));
    expect(sampled.map((p) => p.statements)).toEqual([3, 3, 4, 3]);
    // Backwards from the last page, estimated (each tier read from the cursor up, walked or through its
    // word index as the estimates say): the same pages, in reverse.
    const backwards: string[][] = [];
    let before: string | null = sampled.at(-1)!.first;
    while (before) {
      const page = await searchCatalogue(app.deps.db.sql, { query: word, first: 4, before }, estimated);
      backwards.unshift(page.hits.map((h) => h.offering.id));
      before = page.hasPreviousPage ? page.hits[0]!.cursor : null;
    }
    expect(backwards).toEqual(sampled.slice(0, -1).map((p) => p.ids));
  });

  it("does not show an offering withdrawn while the search runs", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(dbIdOf(await publishedOffering(client, supplier.id, { title: `${word} service ${i}` })));
    // The newest is withdrawn after the counts chose the page and before the page is read.
    let statements = 0;
    const racing: SqlRunner = {
      query: async (text, params, options) => {
        statements += 1;
        if (statements === 3) await app.deps.db.sql.query(`UPDATE offering SET withdrawn_at = now() WHERE id = $1`, [ids[2]]);
        return app.deps.db.sql.query(text, params, options);
      },
      exec: (text) => app.deps.db.sql.exec(text),
    };
    const result = await searchCatalogue(racing, { query: word });
    expect(statements).toBe(3);
    expect(result.hits.map((h) => h.offering.id)).toEqual([ids[1], ids[0]]);
  });

  it("keeps its statements prepared with generic plans, and answers as it does unprepared", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    for (let i = 0; i < 3; i += 1) await publishedOffering(client, supplier.id, { title: `${word} service ${i}` });
    // One connection, so that pg_prepared_statements (which lists the asking connection's) sees them all.
    const db = await openDatabase({ databaseUrl: inject("databaseUrl"), migrate: false, poolSize: 1 });
    try {
      const unprepared: SqlRunner = { query: (text, params) => db.sql.query(text, params), exec: (text) => db.sql.exec(text) };
      const input = { query: `${word} servce`, filter: { regions: ["TLI"] } };
      const first = await searchCatalogue(db.sql, input);
      const again = await searchCatalogue(db.sql, { ...input, filter: { regions: ["TLC"] } });
      const { rows } = await db.sql.query<{ statement: string; generic_plans: string; custom_plans: string }>(
        `SELECT statement, generic_plans::text, custom_plans::text FROM pg_prepared_statements
         WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY prepare_time`,
        [],
        { prepared: true },
      );
      // Two searches of the same form, three prepared statements (the same text is prepared once), each
      // planned once, generically: the corrections and the counts, run for both searches' values, and
      // the page of the offerings the counts chose (they counted every match), run for the first only,
      // since the second matched nothing.
      expect(rows.map((r) => [r.generic_plans, r.custom_plans])).toEqual([
        ["2", "0"],
        ["2", "0"],
        ["1", "0"],
      ]);
      expect(rows[0]!.statement).toContain("catalogue_word");
      expect(rows[1]!.statement).toContain("'region'");
      expect(rows[2]!.statement).toContain("unnest(");
      expect(first.hits).toHaveLength(3);
      expect(first.corrections).toEqual([{ word: "servce", suggestions: expect.arrayContaining(["service"]) as unknown }]);
      expect(await searchCatalogue(unprepared, input)).toEqual(first);
      expect(again.totalCount).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("sends the same statements through GraphQL over HTTP whatever the page size, suppliers included", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    for (let i = 0; i < 6; i += 1) await publishedOffering(client, supplier.id, { title: `${word} thing ${i}` });
    const original = pg.Client.prototype.query;
    let statements = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string })?.text ?? "");
      if (!/outbox_message|bullmq/i.test(text)) statements += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const perRequest: number[] = [];
      for (const first of [1, 6]) {
        statements = 0;
        const result = await app.client().ok(
          `query($q: String, $first: Int) { searchCatalogue(query: $q, first: $first) { ... on CatalogueSearch {
             edges { node { title priceText supplier { name isSme growthReason regionsServed { code } } } } } } }`,
          { q: word, first },
        );
        expect(result.searchCatalogue.edges).toHaveLength(first);
        perRequest.push(statements);
      }
      expect(perRequest[0]).toBe(perRequest[1]);
      expect(perRequest[0]).toBeLessThanOrEqual(3);
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  it("reads only what a results page shows for a results page, and every field a query asks for beyond it", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    await recordYears(client, supplier.id, HIGH_GROWTH_SME);
    const word = marker();
    const id = await publishedOffering(client, supplier.id, {
      title: `${word} portal`,
      cpvCodes: ["72212000"],
      regions: ["TLI", "TLM"],
      pricingUnit: "PER_DAY",
      pricePence: 65_000,
    });
    const original = pg.Client.prototype.query;
    const pages: string[] = [];
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string })?.text ?? "");
      if (text.includes("FROM page")) pages.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const brief = `id title summary status priceText pricingUnit pricePence regions { code } publishedAt withdrawnAt viewerCanManage
                   supplier { id name supplierSize isSme isHighGrowth }`;
    const search = (node: string) =>
      app
        .client()
        .ok(`query($q: String) { searchCatalogue(query: $q) { ... on CatalogueSearch { edges { node { ${node} } } } } }`, {
          q: word,
        });
    try {
      const results = await search(brief);
      const more = await search(`${brief} createdAt cpvCodes { code } supplier { verified createdAt }`);
      // The fields a results page shows come from the brief columns, the others from the standard ones.
      expect(pages).toHaveLength(2);
      expect(pages[0]).not.toContain("created_at");
      expect(pages[0]).toContain("jsonb_build_object");
      expect(pages[1]).toContain("created_at");
      expect(pages[1]).toContain("to_jsonb(s)");
      // And they are the same as the offering's own page gives.
      const offering = await app.client().ok(`query($id: ID!) { offering(id: $id) { ${brief} createdAt cpvCodes { code } } }`, {
        id,
      });
      const { createdAt, cpvCodes, ...briefFields } = offering.offering;
      expect(results.searchCatalogue.edges).toEqual([{ node: briefFields }]);
      expect(briefFields).toMatchObject({
        status: "PUBLISHED",
        priceText: "£650 per day",
        regions: [{ code: "TLI" }, { code: "TLM" }],
        supplier: { supplierSize: "SMALL", isSme: true, isHighGrowth: true },
      });
      expect(more.searchCatalogue.edges[0].node).toMatchObject({ ...briefFields, createdAt, cpvCodes });
      expect(more.searchCatalogue.edges[0].node.supplier).toMatchObject({
        verified: expect.any(Boolean),
        createdAt: expect.any(String),
      });
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  it("gives an offering's and its supplier's details when a query asks for them", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    await publishedOffering(client, supplier.id, {
      title: `${word} kiosk`,
      description: `How the ${word} kiosk is installed.`,
      features: ["Touch screen"],
      benefits: ["Shorter queues"],
    });
    await app.deps.prisma.organisation.update({
      where: { id: dbIdOf(supplier.id) },
      data: { description: "Kiosks for town halls", accreditations: ["ISO 27001"] },
    });
    const result = await app.client().ok(
      `query($q: String) { searchCatalogue(query: $q) { ... on CatalogueSearch { edges { node {
         ...Details supplier { ... on Organisation { description accreditations } } } } } } }
       fragment Details on Offering { description features benefits priceTiers { fromQuantity } }`,
      { q: word },
    );
    expect(result.searchCatalogue.edges).toEqual([
      {
        node: {
          description: `How the ${word} kiosk is installed.`,
          features: ["Touch screen"],
          benefits: ["Shorter queues"],
          priceTiers: [],
          supplier: { description: "Kiosks for town halls", accreditations: ["ISO 27001"] },
        },
      },
    ]);
  });
});
