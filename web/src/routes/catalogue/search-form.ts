// The catalogue search is one GET form: its fields are the page's address, so every search, filter
// and page can be bookmarked, shared and used without JavaScript. This file reads the address into
// the form's values and the API's variables, and writes the addresses of other pages of results.
import { isPricingUnit, type PricingUnit } from "$lib/pricing";
import { parsePounds, poundsInput } from "$lib/pounds";

/** The search form's values, as in the address (the names are the form's field names). */
export interface SearchForm {
  q: string;
  /** CPV codes chosen (checkboxes) ... */
  cpv: string[];
  /** ... and one typed in. */
  cpvCode: string;
  region: string[];
  /** Pounds, as typed. */
  minPrice: string;
  maxPrice: string;
  unit: string[];
  sme: boolean;
  growth: boolean;
  framework: string[];
  /** Cursors: the page after `after`, or the page before `before`. */
  after: string;
  before: string;
}

export interface SearchVariables {
  query: string | null;
  filter: {
    cpvCodes: string[] | null;
    regions: string[] | null;
    minPricePence: number | null;
    maxPricePence: number | null;
    pricingUnits: PricingUnit[] | null;
    smeOnly: boolean | null;
    highGrowthOnly: boolean | null;
    frameworks: string[] | null;
  };
  first: number;
  after: string | null;
  before: string | null;
}

export const PAGE_SIZE = 20;

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/** The form's values from the page's address. */
export function readSearchForm(params: URLSearchParams): SearchForm {
  const one = (name: string) => (params.get(name) ?? "").trim();
  return {
    q: one("q"),
    cpv: unique(params.getAll("cpv")),
    cpvCode: one("cpvCode"),
    region: unique(params.getAll("region")),
    minPrice: one("minPrice"),
    maxPrice: one("maxPrice"),
    unit: unique(params.getAll("unit")),
    sme: params.get("sme") === "true",
    growth: params.get("growth") === "true",
    framework: unique(params.getAll("framework")),
    after: one("after"),
    before: one("before"),
  };
}

/**
 * The searchCatalogue variables for the form, and the fields to point out that the page checks itself:
 * prices that are not amounts of money, which are left out of the search. Everything else the API
 * checks, and `fieldForIssue` puts its messages beside the fields.
 */
export function searchVariables(form: SearchForm): { variables: SearchVariables; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const price = (typed: string, field: string, which: string) => {
    if (!typed) return null;
    const pence = parsePounds(typed);
    if (pence === null) errors[field] = `Enter the ${which} price in pounds, like 100 or 99.50`;
    return pence;
  };
  const cpvCodes = unique([...form.cpv, form.cpvCode]);
  const units = form.unit.filter(isPricingUnit);
  return {
    variables: {
      query: form.q || null,
      filter: {
        cpvCodes: cpvCodes.length ? cpvCodes : null,
        regions: form.region.length ? form.region : null,
        minPricePence: price(form.minPrice, "minPrice", "lowest"),
        maxPricePence: price(form.maxPrice, "maxPrice", "highest"),
        pricingUnits: units.length ? units : null,
        smeOnly: form.sme || null,
        highGrowthOnly: form.growth || null,
        frameworks: form.framework.length ? form.framework : null,
      },
      first: PAGE_SIZE,
      after: form.before ? null : form.after || null,
      before: form.before || null,
    },
    errors,
  };
}

/** The form field an API issue belongs to (a CPV code that is not one: the typed code's box), or null for the page. */
export function fieldForIssue(path: readonly string[]): string | null {
  const [first, second] = path;
  if (first === "query") return "q";
  if (first !== "filter") return null;
  switch (second) {
    case "cpvCodes":
      return "cpvCode";
    case "regions":
      return "region";
    case "minPricePence":
      return "minPrice";
    case "maxPricePence":
      return "maxPrice";
    case "pricingUnits":
      return "unit";
    case "frameworks":
      return "framework";
    default:
      return null;
  }
}

/** The query string ("?q=...", or "") of the search with some values changed (no cursor unless given: the first page). */
export function searchQuery(form: SearchForm, changes: Partial<SearchForm> = {}): string {
  const next = { ...form, after: "", before: "", ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  // A typed code counts as chosen from here on.
  for (const code of unique([...next.cpv, next.cpvCode])) params.append("cpv", code);
  for (const region of next.region) params.append("region", region);
  if (next.minPrice) params.set("minPrice", next.minPrice);
  if (next.maxPrice) params.set("maxPrice", next.maxPrice);
  for (const unit of next.unit) params.append("unit", unit);
  if (next.sme) params.set("sme", "true");
  if (next.growth) params.set("growth", "true");
  for (const framework of next.framework) params.append("framework", framework);
  if (next.after) params.set("after", next.after);
  if (next.before) params.set("before", next.before);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The price range of a price band as the form's pound fields. */
export function bandPrices(band: {
  minPricePence: number;
  maxPricePence: number | null;
}): Pick<SearchForm, "minPrice" | "maxPrice"> {
  return { minPrice: poundsInput(band.minPricePence), maxPrice: poundsInput(band.maxPricePence) };
}
