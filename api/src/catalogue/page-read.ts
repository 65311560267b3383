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

/** An estimate's plausible range; low and high are the same when the counts can tell. */
export interface Range {
  low: number;
  high: number;
}

/**
 * What the counts (statement 2) estimate for reading the page, for each relevance tier by its rank (0
 * for a search without words): how many offerings it holds under every filter (`filtered`), and how many
 * rows a read through an index would fetch (`indexed`): the tier's matches under no filter, that is its
 * GIN index's; without words, the offerings of the CPV codes or regions filtered on, whichever are
 * fewer, and null when no index answers a filter. `listed` is the number of listed offerings.
 */
export interface PageEstimates {
  listed: number;
  filtered: Map<number, Range>;
  indexed: Map<number, Range | null>;
}

/**
 * A count is taken from a sample as it is only when the sample holds at least this share of the rows it
 * was chosen to hold (64 with the default EXACT_COUNT_LIMIT, so 8 rows). The sample is chosen for the
 * words, so when the filters keep a small share of their matches it may hold a few such rows or none
 * ("data" with high growth and up to £1,000: 707 titles of 500,000 offerings, none in the 1-in-4,096
 * sample). Fewer rows give a range instead: k sampled rows stand for between k - 2√k and k + 2√k + 3
 * rows' weight (about 95% of the time, for rows drawn at random; for none, fewer than 3).
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
  // Every match counted (weight 1), or enough rows in the sample: the count; else a range around it.
  const range = (count: number): Range => {
    const rows = count / weight;
    if (weight === 1 || rows >= enough * SAMPLED_SHARE_TO_TRUST) return { low: count, high: count };
    const spread = 2 * Math.sqrt(rows);
    return { low: Math.max(0, rows - spread) * weight, high: (rows + spread + 3) * weight };
  };
  const indexed = new Map<number, Range | null>(
    [0, 1, 2, 3].map((rank) => {
      const count = n("indexed", String(rank));
      return [rank, count === null ? null : range(count)];
    }),
  );
  const title = n("tier", "3") ?? 0;
  const head = n("tier", "2") ?? 0;
  const filtered = new Map<number, Range>([
    [0, range(total)],
    [3, range(title)],
    [2, range(head)],
    [1, range(Math.max(0, total - title - head))],
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
 * index (every match fetched, then sorted), whichever the estimates make cheaper; or, when their ranges
 * leave it open, as PostgreSQL plans it for the values. A walk checks about `page size × listed ÷
 * matches` entries, so it suits common words ("parking permits": 5,175 titles, a walk of about 2,000
 * entries against 5,175 rows fetched), and a GIN read rare words, or filters that keep few of the words'
 * matches. `limit` is the number of rows the page reads (its size and one more).
 */
export function tierRead(rank: number, estimates: PageEstimates, limit: number): TierRead {
  const indexed = estimates.indexed.get(rank) ?? null;
  if (indexed === null) return "walk";
  const filtered = estimates.filtered.get(rank) ?? { low: 0, high: 0 };
  const walk = (matches: number) =>
    Math.min(estimates.listed, (limit * estimates.listed) / Math.max(matches, 1)) *
    (rank === 1 ? READ_COST.rowWalked : READ_COST.indexEntry);
  const read = (rows: number) => rows * READ_COST.rowFetched;
  // The walk at its dearest (fewest matches) against the GIN read at its cheapest, and the other way.
  if (walk(filtered.low) < read(indexed.low)) return "walk";
  if (walk(filtered.high) >= read(indexed.high)) return "index";
  return "planned";
}
