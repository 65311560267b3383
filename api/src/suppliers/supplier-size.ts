// A supplier's size and growth are derived from its yearly figures, never declared (DESIGN.md section 2).
// Pure functions: the same figures always give the same result and the same reason in plain words.

export type SupplierSize = "MICRO" | "SMALL" | "MEDIUM" | "LARGE";

/** One year of figures as the rules need them (money in pence). */
export interface SupplierFigures {
  year: number;
  headcount: number;
  turnoverPence: bigint;
  balanceSheetPence: bigint;
}

export interface SupplierSizeResult {
  size: SupplierSize;
  /** Small or medium-sized enterprise under the Procurement Act 2023 s.123. */
  isSme: boolean;
  /** The year whose figures decided it (the latest recorded). */
  year: number;
  reason: string;
}

export interface SupplierGrowthResult {
  isHighGrowth: boolean;
  /** The three-year period judged, when there is one. */
  period: { from: number; to: number } | null;
  reason: string;
}

// Procurement Act 2023 s.123: fewer than 250 staff, and turnover at most GBP 44m or balance sheet at most GBP 38m.
export const SME_STAFF_LIMIT = 250;
export const SME_TURNOVER_LIMIT_PENCE = 44_000_000n * 100n;
export const SME_BALANCE_SHEET_LIMIT_PENCE = 38_000_000n * 100n;
// The micro and small tiers within SMEs go by headcount alone (DESIGN.md): fewer than 10, fewer than 50.
export const MICRO_STAFF_LIMIT = 10;
export const SMALL_STAFF_LIMIT = 50;

// OECD-Eurostat: at least 10 employees at the start of a 3-year period, and average annualised growth above 20%.
export const HIGH_GROWTH_MIN_START_HEADCOUNT = 10;
export const HIGH_GROWTH_PERIOD_YEARS = 3;
// Above 20% a year over 3 years means end/start > 1.2^3 = 1.728; compared as integers (end*1000 > start*1728)
// so that exactly 20% is never misjudged by floating point.
const GROWTH_NUMERATOR = 1728n;
const GROWTH_DENOMINATOR = 1000n;

function latest(years: readonly SupplierFigures[]): SupplierFigures | undefined {
  let best: SupplierFigures | undefined;
  for (const y of years) if (!best || y.year > best.year) best = y;
  return best;
}

/** Digits in groups of three ("1,728"); toLocaleString is exact too but slow in bulk generation. */
function grouped(n: bigint | number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Pounds as a person would read them: "£44m", "£3.2m", otherwise exact ("£44,000,001"). */
export function formatPounds(pence: bigint): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const pounds = abs / 100n;
  const rest = abs % 100n;
  let text: string;
  if (rest === 0n && pounds >= 1_000_000n && pounds % 100_000n === 0n) {
    const millions = Number(pounds / 100_000n) / 10;
    text = `£${millions}m`;
  } else {
    text = `£${grouped(pounds)}${rest === 0n ? "" : `.${rest.toString().padStart(2, "0")}`}`;
  }
  return negative ? `-${text}` : text;
}

function staff(n: number): string {
  return `${grouped(n)} ${n === 1 ? "person" : "staff"}`;
}

/** Size (micro, small, medium, large) and SME status from the latest year's figures; null without figures. */
export function deriveSupplierSize(years: readonly SupplierFigures[]): SupplierSizeResult | null {
  const y = latest(years);
  if (!y) return null;
  const fewStaff = y.headcount < SME_STAFF_LIMIT;
  const turnoverOk = y.turnoverPence <= SME_TURNOVER_LIMIT_PENCE;
  const balanceOk = y.balanceSheetPence <= SME_BALANCE_SHEET_LIMIT_PENCE;
  const isSme = fewStaff && (turnoverOk || balanceOk);
  const turnover = `turnover ${formatPounds(y.turnoverPence)}`;
  const balance = `balance sheet ${formatPounds(y.balanceSheetPence)}`;

  if (!isSme) {
    const why = !fewStaff ? `${staff(y.headcount)} (250 or more)` : `${turnover} is above £44m and ${balance} is above £38m`;
    return { size: "LARGE", isSme: false, year: y.year, reason: `Large, not an SME: ${why} in ${y.year}` };
  }
  const size: SupplierSize = y.headcount < MICRO_STAFF_LIMIT ? "MICRO" : y.headcount < SMALL_STAFF_LIMIT ? "SMALL" : "MEDIUM";
  const tier =
    size === "MICRO"
      ? "Micro SME: fewer than 10 staff"
      : size === "SMALL"
        ? "Small SME: fewer than 50 staff"
        : "Medium SME: fewer than 250 staff";
  const money = turnoverOk ? `${turnover} (at most £44m)` : `${balance} (at most £38m)`;
  return { size, isSme: true, year: y.year, reason: `${tier} (${staff(y.headcount)}) and ${money} in ${y.year}` };
}

/** Growth as a percentage a year with the precision that keeps the 20% boundary honest. */
function formatRate(end: bigint, start: bigint): string {
  if (end * GROWTH_DENOMINATOR === start * GROWTH_NUMERATOR) return "exactly 20%";
  const rate = (Math.cbrt(Number(end) / Number(start)) - 1) * 100;
  if (Math.round(rate) !== 20) return `${Math.round(rate)}%`;
  // Near the boundary a rounded "20%" would hide which side it falls on: add decimals until it shows.
  for (let digits = 1; digits <= 6; digits++) {
    const text = rate.toFixed(digits);
    if (Number(text) !== 20) return `${text}%`;
  }
  return end * GROWTH_DENOMINATOR > start * GROWTH_NUMERATOR ? "just above 20%" : "just below 20%";
}

function grewFast(end: bigint, start: bigint): boolean {
  return start > 0n && end * GROWTH_DENOMINATOR > start * GROWTH_NUMERATOR;
}

/**
 * High-growth by the OECD-Eurostat rule over the three years to the latest recorded year: at least 10
 * employees at the start, and average annualised growth above 20% in employees or in turnover.
 * Null without figures.
 */
export function deriveHighGrowth(years: readonly SupplierFigures[]): SupplierGrowthResult | null {
  const end = latest(years);
  if (!end) return null;
  const fromYear = end.year - HIGH_GROWTH_PERIOD_YEARS;
  const start = years.find((y) => y.year === fromYear);
  const span = `${fromYear}-${end.year}`;
  if (!start) {
    return {
      isHighGrowth: false,
      period: null,
      reason: `Growth not judged: it needs figures for ${fromYear} as well as ${end.year}`,
    };
  }
  const period = { from: fromYear, to: end.year };
  if (start.headcount < HIGH_GROWTH_MIN_START_HEADCOUNT) {
    return {
      isHighGrowth: false,
      period,
      reason: `Not high-growth: ${staff(start.headcount)} in ${fromYear}, fewer than the 10 needed at the start of ${span}`,
    };
  }
  const h0 = BigInt(start.headcount);
  const h1 = BigInt(end.headcount);
  const headcountText = `headcount ${h1 >= h0 ? "grew" : "fell"} from ${grouped(start.headcount)} to ${grouped(end.headcount)} over ${span}`;
  const turnoverText =
    start.turnoverPence > 0n
      ? `turnover ${end.turnoverPence >= start.turnoverPence ? "grew" : "fell"} from ${formatPounds(start.turnoverPence)} to ${formatPounds(end.turnoverPence)} over ${span}`
      : null;

  if (grewFast(h1, h0)) {
    return { isHighGrowth: true, period, reason: `High-growth: ${headcountText}: ${formatRate(h1, h0)} a year` };
  }
  if (turnoverText && grewFast(end.turnoverPence, start.turnoverPence)) {
    return {
      isHighGrowth: true,
      period,
      reason: `High-growth: ${turnoverText}: ${formatRate(end.turnoverPence, start.turnoverPence)} a year`,
    };
  }
  const parts = [`${headcountText}: ${h1 >= h0 ? formatRate(h1, h0) : "a fall"}`];
  if (turnoverText)
    parts.push(
      `${turnoverText}: ${end.turnoverPence >= start.turnoverPence ? formatRate(end.turnoverPence, start.turnoverPence) : "a fall"}`,
    );
  return { isHighGrowth: false, period, reason: `Not high-growth (needs above 20% a year): ${parts.join("; ")}` };
}
