// Shapes the API's fairness counts for the monitoring page: the filters in the address, the months of
// the chosen period, and the four things counted (matched, told, bids, awards) as shares of SMEs and
// high-growth firms. Pure, so the page and its tables use the same figures as the charts.

export const PERIODS = [
  { months: 3, text: "The last 3 months" },
  { months: 6, text: "The last 6 months" },
  { months: 12, text: "The last 12 months" },
  { months: 24, text: "The last 24 months" },
] as const;
export const DEFAULT_PERIOD = 12;

/** The value of the region filter for national tenders (those with no region). */
export const NATIONAL = "national";

export interface Counts {
  total: number;
  sme: number;
  highGrowth: number;
}

export interface Point {
  matched: Counts;
  notified: Counts;
  bids: Counts;
  awards: Counts;
}

export type Stage = keyof Point;
export const STAGES: readonly { key: Stage; name: string; counted: string }[] = [
  { key: "matched", name: "Matched", counted: "suppliers matched to a tender" },
  { key: "notified", name: "Told about it", counted: "matched suppliers told about the tender" },
  { key: "bids", name: "Bids", counted: "bids submitted" },
  { key: "awards", name: "Awards", counted: "lots awarded" },
];

export type Measure = "sme" | "highGrowth";

/** The period from the address (months back from now); anything unknown falls back to the default. */
export function readPeriod(params: URLSearchParams): number {
  const months = Number(params.get("period"));
  return PERIODS.some((p) => p.months === months) ? months : DEFAULT_PERIOD;
}

/** The region from the address: NATIONAL, a known ITL1 code, or "" for every region. */
export function readRegion(params: URLSearchParams, regionCodes: readonly string[]): string {
  const region = params.get("region") ?? "";
  return region === NATIONAL || regionCodes.includes(region) ? region : "";
}

/** The first instant of the period (the start of the month, months-1 before this one) and now. */
export function periodRange(months: number, now: Date): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)), to: now };
}

/** "2026-03" for each month of the period, oldest first. */
export function monthsOf(months: number, now: Date): string[] {
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "March 2026" from "2026-03". */
export function monthName(month: string): string {
  const [year, number] = month.split("-");
  return `${MONTH_NAMES[Number(number) - 1] ?? number} ${year}`;
}

/**
 * Axis labels: the short month, with the year under the first labelled month and every January. Over
 * more than a year only every third month (January, April, July, October) is labelled, so they fit.
 */
export function monthTicks(months: readonly string[]): string[][] {
  const step = months.length > 12 ? 3 : 1;
  let labelled = 0;
  return months.map((month) => {
    const [year = "", number = "1"] = month.split("-");
    if ((Number(number) - 1) % step !== 0) return [];
    const short = (MONTH_NAMES[Number(number) - 1] ?? number).slice(0, 3);
    labelled += 1;
    return labelled === 1 || number === "01" ? [short, year] : [short];
  });
}

/** The share of SMEs or high-growth firms in counts; null when nothing was counted. */
export function share(counts: Counts | undefined, measure: Measure): number | null {
  if (!counts || counts.total === 0) return null;
  return counts[measure] / counts.total;
}

/** "3 of 5 (60%)", or "None" when nothing was counted. */
export function countsText(counts: Counts | undefined, measure: Measure): string {
  if (!counts || counts.total === 0) return "None";
  return `${counts[measure]} of ${counts.total} (${Math.round((counts[measure] / counts.total) * 100)}%)`;
}

export const emptyPoint = (): Point => {
  const zero = () => ({ total: 0, sme: 0, highGrowth: 0 });
  return { matched: zero(), notified: zero(), bids: zero(), awards: zero() };
};
