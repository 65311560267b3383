// The offering form, shared by "create" and "edit" (and by the form component, so nothing server-only
// here): adding and removing volume-tier rows (submit buttons, so it works without JavaScript), turning
// the values into the API's input, and putting the API's issues beside the fields they are about.
import { isPricingUnit, type PricingUnit } from "$lib/pricing";
import { parsePounds, poundsInput } from "$lib/pounds";
import type { ErrorMember } from "$lib/server/forms";
import { issuesOnFields, lines } from "../issue-fields";

export interface TierValues {
  fromQuantity: string;
  price: string;
}

/** The form's values as typed: what a failed submission sends back to fill the form again. */
export interface OfferingValues {
  title: string;
  summary: string;
  description: string;
  /** One CPV code a line. */
  cpvCodes: string;
  pricingUnit: string;
  /** Pounds. */
  price: string;
  tiers: TierValues[];
  regions: string[];
  /** One a line. */
  features: string;
  benefits: string;
  /** A FrameworkLot's global ID, or "" for none. */
  frameworkLotId: string;
}

export interface OfferingFields {
  title: string;
  summary: string;
  description: string;
  cpvCodes: string[];
  pricingUnit: PricingUnit;
  pricePence: number;
  priceTiers: { fromQuantity: number; pricePence: number }[];
  regions: string[];
  features: string[];
  benefits: string[];
  frameworkLotId: string;
}

export const MAX_TIERS = 10;

/** The form's values for an offering as the API gives it. */
export function offeringValues(o: {
  title: string;
  summary: string;
  description: string;
  cpvCodes: readonly { code8: string }[];
  pricingUnit: string;
  pricePence: number;
  priceTiers: readonly { fromQuantity: number; pricePence: number }[];
  regions: readonly { code: string }[];
  features: readonly string[];
  benefits: readonly string[];
  frameworkLot: { id: string } | null;
}): OfferingValues {
  return {
    title: o.title,
    summary: o.summary,
    description: o.description,
    cpvCodes: o.cpvCodes.map((c) => c.code8).join("\n"),
    pricingUnit: o.pricingUnit,
    price: poundsInput(o.pricePence),
    tiers: o.priceTiers.map((t) => ({ fromQuantity: String(t.fromQuantity), price: poundsInput(t.pricePence) })),
    regions: o.regions.map((r) => r.code),
    features: o.features.join("\n"),
    benefits: o.benefits.join("\n"),
    frameworkLotId: o.frameworkLot?.id ?? "",
  };
}

export const emptyOffering: OfferingValues = {
  title: "",
  summary: "",
  description: "",
  cpvCodes: "",
  pricingUnit: "",
  price: "",
  tiers: [],
  regions: [],
  features: "",
  benefits: "",
  frameworkLotId: "",
};

/** The values with one more (empty) tier row, up to the most the API takes. */
export function withTierAdded(values: OfferingValues): OfferingValues {
  if (values.tiers.length >= MAX_TIERS) return values;
  return { ...values, tiers: [...values.tiers, { fromQuantity: "", price: "" }] };
}

/** The values without the tier row at `index`. */
export function withTierRemoved(values: OfferingValues, index: number): OfferingValues {
  return { ...values, tiers: values.tiers.filter((_, i) => i !== index) };
}

/** The id of a tier row's field, as API issues name it: priceTiers-1-fromQuantity. */
export const tierFieldName = (index: number, field: "fromQuantity" | "pricePence") => `priceTiers.${index}.${field}`;

/**
 * The API input for the values, or the fields to correct first: amounts that are not money and
 * quantities that are not whole numbers. Empty tier rows are left out; `tierRows` maps each tier sent
 * to its row on the form, so the API's issues about tiers land on the right row.
 */
export function offeringInput(
  values: OfferingValues,
):
  | { input: OfferingFields; tierRows: number[]; problems: null }
  | { input: null; tierRows: number[]; problems: Record<string, string> } {
  // In the order of the form, so the error summary reads top to bottom. Empty fields are pointed out
  // here too (in the API's words), so that a form sent empty lists every problem at once.
  const problems: Record<string, string> = {};
  if (!values.title) problems.title = "Enter a title of at least 3 characters";
  if (!values.summary) problems.summary = "Enter a summary of at least 10 characters";
  if (!values.description) problems.description = "Enter a description of at least 20 characters";
  if (!values.cpvCodes.trim()) problems.cpvCodes = "Choose at least one CPV code";
  if (!isPricingUnit(values.pricingUnit)) problems.pricingUnit = "Choose how the price is charged";
  const pricePence = parsePounds(values.price);
  if (pricePence === null)
    problems.price = values.price ? "Enter the price in pounds, like 450 or 9.50" : "Enter the price in pounds";

  const tierRows: number[] = [];
  const priceTiers: OfferingFields["priceTiers"] = [];
  values.tiers.forEach((tier, row) => {
    if (!tier.fromQuantity && !tier.price) return;
    const fromQuantity = /^\d+$/.test(tier.fromQuantity.replace(/,/g, "")) ? Number(tier.fromQuantity.replace(/,/g, "")) : null;
    const tierPence = parsePounds(tier.price);
    if (fromQuantity === null)
      problems[tierFieldName(row, "fromQuantity")] = tier.fromQuantity
        ? "Enter the quantity as a whole number, like 100"
        : "Enter the quantity the tier starts from";
    if (tierPence === null)
      problems[tierFieldName(row, "pricePence")] = tier.price
        ? "Enter the tier price in pounds, like 8.50"
        : "Enter the price for this tier";
    if (fromQuantity !== null && tierPence !== null) {
      tierRows.push(row);
      priceTiers.push({ fromQuantity, pricePence: tierPence });
    }
  });
  if (values.regions.length === 0) problems.regions = "Choose at least one region";
  if (Object.keys(problems).length || pricePence === null || !isPricingUnit(values.pricingUnit))
    return { input: null, tierRows, problems };
  return {
    input: {
      title: values.title,
      summary: values.summary,
      description: values.description,
      cpvCodes: values.cpvCodes.split(/[\s,;]+/).filter(Boolean),
      pricingUnit: values.pricingUnit,
      pricePence,
      priceTiers,
      regions: values.regions,
      features: lines(values.features),
      benefits: lines(values.benefits),
      frameworkLotId: values.frameworkLotId,
    },
    tierRows,
    problems: null,
  };
}

/** The API's error with its issues on the form's fields (list items on their list, tiers on their rows). */
export function onOfferingFields<E extends ErrorMember>(error: E, tierRows: number[]): E {
  const moved = issuesOnFields(error, {
    cpvCodes: "cpvCodes",
    regions: "regions",
    features: "features",
    benefits: "benefits",
    pricePence: "price",
  });
  if (!moved.issues) return moved;
  return {
    ...moved,
    issues: moved.issues.map((issue) => {
      const [first, index, field] = issue.path;
      if (first !== "priceTiers") return issue;
      const row = tierRows[Number(index)];
      // A problem with the tiers as a whole goes on the first row.
      if (row === undefined || !field) return { ...issue, path: ["priceTiers", String(tierRows[0] ?? 0), "fromQuantity"] };
      return { ...issue, path: ["priceTiers", String(row), field] };
    }),
  };
}
