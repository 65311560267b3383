// How prices read: the pricing units (the API's PricingUnit enum) and volume tiers as ranges.
import { formatPence } from "./format";

export const PRICING_UNITS = ["PER_USER_PER_MONTH", "PER_MONTH", "PER_YEAR", "PER_DAY", "PER_UNIT", "FIXED"] as const;
export type PricingUnit = (typeof PRICING_UNITS)[number];

/** As the API's priceText writes them: "£9.50 per user per month". */
export const PRICING_UNIT_LABELS: Record<PricingUnit, string> = {
  PER_USER_PER_MONTH: "per user per month",
  PER_MONTH: "per month",
  PER_YEAR: "per year",
  PER_DAY: "per day",
  PER_UNIT: "per unit",
  FIXED: "fixed price",
};

export function isPricingUnit(value: string): value is PricingUnit {
  return (PRICING_UNITS as readonly string[]).includes(value);
}

export interface PriceBand {
  /** "1 to 99", "500 or more". */
  quantity: string;
  price: string;
}

/** The base price and the volume tiers as quantity ranges, each with its price per unit. */
export function priceBands(pricePence: number, tiers: readonly { fromQuantity: number; pricePence: number }[]): PriceBand[] {
  const starts = [{ fromQuantity: 1, pricePence }, ...tiers];
  return starts.map((tier, i) => {
    const nextStart = starts[i + 1]?.fromQuantity;
    return {
      quantity:
        nextStart === undefined
          ? `${tier.fromQuantity.toLocaleString("en-GB")} or more`
          : `${tier.fromQuantity.toLocaleString("en-GB")} to ${(nextStart - 1).toLocaleString("en-GB")}`,
      price: formatPence(tier.pricePence),
    };
  });
}
