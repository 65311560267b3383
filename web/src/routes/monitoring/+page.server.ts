import { execute, graphql } from "$lib/server/graphql";
import type { PageServerLoad } from "./$types";
import { NATIONAL, emptyPoint, monthsOf, periodRange, readPeriod, readRegion, type Counts, type Point } from "./fairness";

// Public fairness monitoring: aggregated counts only, for anyone. The filters are a GET form, so
// every view has its own address and works without JavaScript.

const FairnessCountsFields = graphql(`
  fragment FairnessCountsFields on FairnessCounts {
    total
    sme
    highGrowth
  }
`);

const FairnessPointFields = graphql(
  `
    fragment FairnessPointFields on FairnessPoint {
      month
      national
      region {
        code
      }
      matched {
        ...FairnessCountsFields
      }
      notified {
        ...FairnessCountsFields
      }
      bids {
        ...FairnessCountsFields
      }
      awards {
        ...FairnessCountsFields
      }
    }
  `,
  [FairnessCountsFields],
);

const Fairness = graphql(
  `
    query MatchingFairness($from: DateTime!, $to: DateTime!) {
      regions {
        code
        name
      }
      matchingFairness(from: $from, to: $to) {
        byMonth {
          ...FairnessPointFields
        }
        byRegion {
          ...FairnessPointFields
        }
        byMonthAndRegion {
          ...FairnessPointFields
        }
        totals {
          ...FairnessPointFields
        }
        suppliers {
          ...FairnessCountsFields
        }
        suppliersByRegion {
          region {
            code
          }
          suppliers {
            ...FairnessCountsFields
          }
        }
      }
    }
  `,
  [FairnessPointFields, FairnessCountsFields],
);

type RawPoint = Point & { month: string | null; national: boolean; region: { code: string } | null };

const pointOf = ({ matched, notified, bids, awards }: RawPoint): Point => ({ matched, notified, bids, awards });

export const load: PageServerLoad = async (event) => {
  const now = new Date();
  const period = readPeriod(event.url.searchParams);
  const { from, to } = periodRange(period, now);
  const { regions, matchingFairness: f } = await execute(event, Fairness, { from: from.toISOString(), to: to.toISOString() });
  const filters = {
    months: period,
    region: readRegion(
      event.url.searchParams,
      regions.map((r) => r.code),
    ),
  };

  const inRegion = (p: RawPoint, region: string) => (region === NATIONAL ? p.national : p.region?.code === region);
  const regionPoint = (region: string) => f.byRegion.find((p) => inRegion(p, region));
  const regionSuppliers = (region: string): Counts | undefined =>
    region === NATIONAL ? f.suppliers : f.suppliersByRegion.find((r) => r.region?.code === region)?.suppliers;

  const months = monthsOf(filters.months, now);
  const monthly = filters.region ? f.byMonthAndRegion.filter((p) => inRegion(p, filters.region)) : f.byMonth;
  const chosen = filters.region ? regionPoint(filters.region) : f.totals;

  return {
    filters,
    regions,
    from: from.toISOString(),
    months: months.map((month) => {
      const found = monthly.find((p) => p.month === month);
      return { month, point: found ? pointOf(found) : emptyPoint() };
    }),
    totals: chosen ? pointOf(chosen) : emptyPoint(),
    suppliers: (filters.region ? regionSuppliers(filters.region) : f.suppliers) ?? { total: 0, sme: 0, highGrowth: 0 },
    byRegion: [...regions.map((r) => ({ code: r.code, name: r.name })), { code: NATIONAL, name: "National tenders" }].map((r) => {
      const found = regionPoint(r.code);
      return { ...r, point: found ? pointOf(found) : emptyPoint(), suppliers: regionSuppliers(r.code) ?? null };
    }),
  };
};
