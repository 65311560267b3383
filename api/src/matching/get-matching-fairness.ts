import type { Db } from "../shared/transaction.ts";

// The fairness statistics behind the public monitoring page. Everything is counted per tender cohort:
// the month a tender was published and its region (ITL1; national tenders have none). For each cohort:
// the suppliers it was matched to, those told about it, those that bid and those awarded a lot, and how
// many of each are SMEs and high-growth firms. Size and growth are the suppliers' status today (derived
// from their latest figures), the same for every series, so the shares can be compared with each other
// and with the share of SMEs among all registered suppliers. Only counts leave the database.

export interface FairnessCounts {
  total: number;
  sme: number;
  highGrowth: number;
}

export interface FairnessPoint {
  /** "2025-03", or null in a row for the whole period. */
  month: string | null;
  /** ITL1 code; null with `national` for national tenders, null without it in a row for every region. */
  regionCode: string | null;
  national: boolean;
  matched: FairnessCounts;
  notified: FairnessCounts;
  bids: FairnessCounts;
  awards: FairnessCounts;
}

export interface MatchingFairness {
  from: Date;
  to: Date;
  byMonth: FairnessPoint[];
  byRegion: FairnessPoint[];
  byMonthAndRegion: FairnessPoint[];
  totals: FairnessPoint;
  /** Every registered supplier with a capability, for comparison (today). */
  suppliers: FairnessCounts;
  /** Registered suppliers serving each region, for comparison (today). */
  suppliersByRegion: (FairnessCounts & { regionCode: string })[];
}

interface Row {
  category: "matched" | "notified" | "bids" | "awards";
  month: string | null;
  region: string | null;
  by_month: number;
  by_region: number;
  total: bigint;
  sme: bigint;
  high_growth: bigint;
}

function counts(total: bigint | number, sme: bigint | number, highGrowth: bigint | number): FairnessCounts {
  return { total: Number(total), sme: Number(sme), highGrowth: Number(highGrowth) };
}

const empty = (): FairnessCounts => counts(0, 0, 0);

/** The share of SMEs and high-growth suppliers among matched, notified, bidding and awarded suppliers. */
export async function getMatchingFairness(db: Db, range: { from: Date; to: Date }): Promise<MatchingFairness> {
  const rows = await db.$queryRaw<Row[]>`
    WITH facts AS (
      SELECT 'matched' AS category, m.tender_id, m.supplier_id FROM match m
      UNION ALL SELECT 'notified', m.tender_id, m.supplier_id FROM match m WHERE m.notified_at IS NOT NULL
      UNION ALL SELECT 'bids', b.tender_id, b.supplier_id FROM bid b WHERE b.submitted_at IS NOT NULL AND b.withdrawn_at IS NULL
      UNION ALL SELECT 'awards', a.tender_id, b.supplier_id FROM award a JOIN bid b ON b.id = a.bid_id
    ), cohort AS (
      SELECT f.category, to_char(t.published_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, t.itl1_code AS region,
             o.is_sme, o.is_high_growth
      FROM facts f JOIN tender t ON t.id = f.tender_id JOIN organisation o ON o.id = f.supplier_id
      WHERE t.published_at >= ${range.from} AND t.published_at < ${range.to}
    )
    SELECT category, month, region, GROUPING(month)::int AS by_month, GROUPING(region)::int AS by_region,
           count(*) AS total, count(*) FILTER (WHERE is_sme) AS sme, count(*) FILTER (WHERE is_high_growth) AS high_growth
    FROM cohort
    GROUP BY category, GROUPING SETS ((month, region), (month), (region), ())
    ORDER BY month NULLS FIRST, region NULLS FIRST`;

  const points = new Map<string, FairnessPoint>();
  const point = (month: string | null, regionCode: string | null, national: boolean): FairnessPoint => {
    const key = `${month}|${regionCode}|${national}`;
    let p = points.get(key);
    if (!p) {
      p = { month, regionCode, national, matched: empty(), notified: empty(), bids: empty(), awards: empty() };
      points.set(key, p);
    }
    return p;
  };
  for (const r of rows) {
    const month = r.by_month ? null : r.month;
    const rolledUpRegion = r.by_region === 1;
    const p = point(month, rolledUpRegion ? null : r.region, !rolledUpRegion && r.region === null);
    p[r.category] = counts(r.total, r.sme, r.high_growth);
  }
  const all = [...points.values()];
  const regional = (p: FairnessPoint) => p.regionCode !== null || p.national;

  const population = await db.$queryRaw<{ region: string | null; total: bigint; sme: bigint; high_growth: bigint }[]>`
    SELECT r.region, count(*) AS total, count(*) FILTER (WHERE o.is_sme) AS sme, count(*) FILTER (WHERE o.is_high_growth) AS high_growth
    FROM organisation o LEFT JOIN LATERAL unnest(o.regions_served) AS r(region) ON true
    WHERE o.kind = 'SUPPLIER' AND cardinality(o.capability_cpv_codes) > 0 AND r.region IS NOT NULL
    GROUP BY r.region ORDER BY r.region`;
  const [overall] = await db.$queryRaw<{ total: bigint; sme: bigint; high_growth: bigint }[]>`
    SELECT count(*) AS total, count(*) FILTER (WHERE is_sme) AS sme, count(*) FILTER (WHERE is_high_growth) AS high_growth
    FROM organisation WHERE kind = 'SUPPLIER' AND cardinality(capability_cpv_codes) > 0`;

  return {
    from: range.from,
    to: range.to,
    byMonth: all.filter((p) => p.month !== null && !regional(p)),
    byRegion: all.filter((p) => p.month === null && regional(p)),
    byMonthAndRegion: all.filter((p) => p.month !== null && regional(p)),
    totals: all.find((p) => p.month === null && !regional(p)) ?? point(null, null, false),
    suppliers: overall ? counts(overall.total, overall.sme, overall.high_growth) : empty(),
    suppliersByRegion: population.map((r) => ({ regionCode: r.region ?? "", ...counts(r.total, r.sme, r.high_growth) })),
  };
}
