// How the catalogue search's page statement reads each relevance tier (ADR 0019): its text fixes a walk
// of the newest-first index or a read through a GIN index, chosen here from what the counts estimate,
// so that PostgreSQL can keep one generic plan for it. When the estimates cannot tell, the page is
// planned for its values instead.

/** A row of the counts statement, as far as the page's estimates read it. */
export interface EstimateRow {
  facet: string;
  value: string;
  n: number | string | null;
}

/**
 * What the counts (statement 2) estimate for reading the page, for each relevance tier by its rank (0
 * for a search without words): how many offerings it holds under every filter (`filtered`; null when the
 * sample holds too few of them to tell), and how many rows a read through an index would fetch
 * (`indexed`): the tier's matches under no filter, that is its GIN index's; without words, the offerings
 * of the CPV codes or regions filtered on, whichever are fewer, and null when no index answers a filter.
 * `listed` is the number of listed offerings.
 */
export interface PageEstimates {
  listed: number;
  filtered: Map<number, number | null>;
  indexed: Map<number, number | null>;
}

/**
 * A tier's count under every filter is taken from a sample only when the sample holds at least this
 * share of the rows it was chosen to hold (64 with the default EXACT_COUNT_LIMIT, so 8 rows). The sample
 * is chosen for the words, so when the filters keep a small share of their matches it may hold a few
 * such rows or none ("data" with high growth and up to £1,000: 707 titles of 500,000 offerings, none in
 * the 1-in-4,096 sample).
 */
export const SAMPLED_SHARE_TO_TRUST = 1 / 8;

/**
 * The page's estimates among the counts' rows: `tier` (3 and 2, under every filter), `total`,
 * `indexed` (per rank), `weight` (how many offerings each counted row stands for) and `listed`.
 * `enough` is how many rows the counts' sample was chosen to hold.
 */
export function pageEstimates(rows: EstimateRow[], enough: number): PageEstimates {
  const n = (facet: string, value = "") => {
    const row = rows.find((r) => r.facet === facet && r.value === value);
    return row?.n === null || row?.n === undefined ? null : Number(row.n);
  };
  const total = n("total") ?? 0;
  const weight = n("weight") ?? 1;
  const indexed = new Map<number, number | null>([0, 1, 2, 3].map((rank) => [rank, n("indexed", String(rank))]));
  const title = n("tier", "3") ?? 0;
  const head = n("tier", "2") ?? 0;
  // Every match counted (weight 1), or enough of the tier's rows in the sample; else no one can tell.
  const trusted = (count: number) => (weight === 1 || count >= enough * SAMPLED_SHARE_TO_TRUST * weight ? count : null);
  const filtered = new Map<number, number | null>([
    [0, trusted(total)],
    [3, trusted(title)],
    [2, trusted(head)],
    [1, trusted(Math.max(0, total - title - head))],
  ]);
  return { listed: n("listed") ?? 0, filtered, indexed };
}

/**
 * What reading one row costs each way, relative to checking one entry of the newest-first covering index
 * (about 0.5 µs on the bench's machine, ADR 0019). That index holds the title and summary documents and
 * every filtered column, so a walk of the first two tiers, or of a search without words, never leaves it;
 * a walk of the third tier fetches each row for its full document. A read through a GIN index fetches
 * every row it finds (about 1.4 µs each), then sorts them.
 */
export const READ_COST = { indexEntry: 1, rowWalked: 8, rowFetched: 3 };

export type TierRead = "walk" | "index" | "planned";

/**
 * How to read a tier: by walking the newest-first index until the page is full, or through its GIN
 * index (every match fetched, then sorted), whichever the estimates make cheaper; or, when they cannot
 * tell, as PostgreSQL plans it for the values. A walk checks about `page size × listed ÷ matches`
 * entries, so it suits common words ("parking permits": 5,175 titles, a walk of about 2,000 entries
 * against 5,175 rows fetched), and a GIN read rare words, or filters that keep few of the words' matches.
 * `limit` is the number of rows the page reads (its size and one more).
 */
export function tierRead(rank: number, estimates: PageEstimates, limit: number): TierRead {
  const filtered = estimates.filtered.get(rank) ?? null;
  if (filtered === null) return "planned";
  const indexed = estimates.indexed.get(rank) ?? null;
  if (indexed === null) return "walk";
  const walked = Math.min(estimates.listed, (limit * estimates.listed) / Math.max(filtered, 1));
  return walked * (rank === 1 ? READ_COST.rowWalked : READ_COST.indexEntry) < indexed * READ_COST.rowFetched ? "walk" : "index";
}
