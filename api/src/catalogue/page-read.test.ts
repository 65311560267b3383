import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageEstimates, tierRead, type EstimateRow } from "./page-read.ts";

const LISTED = 500_000;
const PAGE = 21; // 20 results and one more
const ENOUGH = 64; // the counts' sample holds at least 64 matches (EXACT_COUNT_LIMIT / 16)

/** The counts' rows for a search: figures in offerings (each sampled row standing for `weight`). */
function rows(figures: {
  total: number;
  title?: number;
  head?: number;
  indexed?: Partial<Record<0 | 1 | 2 | 3, number | null>>;
  weight?: number;
}): EstimateRow[] {
  const indexed = { 0: null, 1: figures.total, 2: figures.head ?? 0, 3: figures.title ?? 0, ...figures.indexed };
  return [
    { facet: "total", value: "", n: String(figures.total) },
    { facet: "tier", value: "3", n: String(figures.title ?? 0) },
    { facet: "tier", value: "2", n: String(figures.head ?? 0) },
    ...([0, 1, 2, 3] as const).map((rank) => ({
      facet: "indexed",
      value: String(rank),
      n: indexed[rank] === null ? null : String(indexed[rank]),
    })),
    { facet: "weight", value: "", n: String(figures.weight ?? 1) },
    { facet: "listed", value: "", n: String(LISTED) },
    { facet: "region", value: "TLI", n: "12" },
  ];
}

const read = (rank: number, figures: Parameters<typeof rows>[0], limit = PAGE) =>
  tierRead(rank, pageEstimates(rows(figures), ENOUGH), limit);

const exactly = (n: number) => ({ low: n, high: n });

describe("pageEstimates", () => {
  it("reads each tier's count under every filter, the rest of the total being the third tier", () => {
    const estimates = pageEstimates(rows({ total: 9_000, title: 5_000, head: 3_000, weight: 16 }), ENOUGH);
    expect([...estimates.filtered]).toEqual([
      [0, exactly(9_000)],
      [3, exactly(5_000)],
      [2, exactly(3_000)],
      [1, exactly(1_000)],
    ]);
    expect(estimates.listed).toBe(LISTED);
    expect(estimates.indexed.get(0)).toBeNull();
  });

  it("takes a sampled count as it is when the sample holds an eighth of the rows it was chosen to hold, else a range", () => {
    // 1-in-256: 8 rows (2,048) are enough; 4 rows (1,024) stand for 0 to 9 rows' weight.
    const sampled = pageEstimates(rows({ total: 20_480, title: 2_048, head: 1_024, weight: 256 }), ENOUGH);
    expect(sampled.filtered.get(3)).toEqual(exactly(2_048));
    expect(sampled.filtered.get(2)).toEqual({ low: 0, high: 11 * 256 });
    // No row at all: fewer than 3 rows' weight.
    const none = pageEstimates(rows({ total: 20_480, title: 0, weight: 256 }), ENOUGH);
    expect(none.filtered.get(3)).toEqual({ low: 0, high: 768 });
    // Counted exactly, anything is as it is.
    const exact = pageEstimates(rows({ total: 3, title: 1, head: 0 }), ENOUGH);
    expect(exact.filtered.get(3)).toEqual(exactly(1));
    expect(exact.filtered.get(2)).toEqual(exactly(0));
  });
});

describe("tierRead", () => {
  it("walks the newest-first index for words that many titles hold", () => {
    // "parking permits": 5,175 titles; a walk checks about 2,000 entries.
    expect(read(3, { total: 12_224, title: 5_175, indexed: { 3: 5_175 } })).toBe("walk");
  });

  it("reads through the word index for rare words", () => {
    expect(read(3, { total: 94, title: 30, indexed: { 3: 30 } })).toBe("index");
  });

  it("reads through the word index when the filters keep few of many matches", () => {
    // 15,000 titles of which 100 pass the filters: a walk would check about 105,000 entries.
    expect(read(3, { total: 300, title: 100, indexed: { 3: 15_000 } })).toBe("index");
    // 700 of them pass: about 15,000 entries, cheaper than fetching 15,000 rows.
    expect(read(3, { total: 900, title: 700, indexed: { 3: 15_000 } })).toBe("walk");
  });

  it("leaves the page to PostgreSQL's planner when the sample's ranges leave the choice open", () => {
    // "data", high growth, up to £1,000: three rows of the 1-in-4,096 sample pass the filters, none a
    // title, and one title in all: up to 12,288 titles pass, of up to 24,576.
    expect(read(3, { total: 12_288, title: 0, weight: 4_096, indexed: { 3: 4_096, 1: 319_488 } })).toBe("planned");
  });

  it("decides from a sample's ranges when every value in them gives the same answer", () => {
    // "cloud hosting": no title in the 1-in-256 sample, so fewer than 768 titles: a word-index read of
    // at most 768 rows beats any walk (at least 13,700 entries).
    expect(read(3, { total: 25_088, title: 0, weight: 256, indexed: { 3: 0, 1: 25_088 } })).toBe("index");
    // Few titles pass the filters, but so many exist that fetching them all costs more than any walk.
    expect(read(3, { total: 25_088, title: 1_024, weight: 256, indexed: { 3: 200_000, 1: 250_000 } })).toBe("walk");
  });

  it("weighs the third tier's walk as fetching rows, since the index does not hold the full document", () => {
    expect(read(1, { total: 2_000, indexed: { 1: 6_000 } })).toBe("index");
    expect(read(2, { total: 2_000, head: 2_000, indexed: { 2: 6_000 } })).toBe("walk");
  });

  it("walks without words unless a CPV code or region filter leaves few offerings", () => {
    expect(read(0, { total: LISTED })).toBe("walk");
    // No index answers a price or SME filter, however few pass it.
    expect(read(0, { total: 50, indexed: { 0: null } })).toBe("walk");
    expect(read(0, { total: 50, indexed: { 0: 80 } })).toBe("index");
    // "browse CPV 48440000, North West": 2,688 of 7,203 in the code; a walk checks about 3,900 entries.
    expect(read(0, { total: 2_688, indexed: { 0: 7_203 } })).toBe("walk");
  });

  it("never turns a walk into an index read as more offerings pass the filters, or a larger page into a walk", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 3),
        fc.integer({ min: 0, max: LISTED }),
        fc.integer({ min: 0, max: LISTED }),
        fc.integer({ min: 0, max: LISTED }),
        fc.integer({ min: 2, max: 101 }),
        (rank, a, b, indexed, limit) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          const figures = (filtered: number) => ({
            total: filtered,
            title: filtered,
            head: filtered,
            indexed: { [rank]: indexed },
          });
          if (read(rank, figures(fewer), limit) === "walk") expect(read(rank, figures(more), limit)).toBe("walk");
          if (read(rank, figures(fewer), limit) === "index") expect(read(rank, figures(fewer), limit + 1)).toBe("index");
        },
      ),
    );
  });
});
