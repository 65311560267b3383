import { list, text } from "$lib/server/forms";
import { withTickedCodes } from "../cpv-finder";
import type { OfferingValues } from "./offering-form";

/** The values of a submitted offering form. */
export function readOfferingForm(data: FormData): OfferingValues {
  const quantities = data.getAll("tierFromQuantity").map(String);
  const prices = data.getAll("tierPrice").map(String);
  return {
    title: text(data, "title"),
    summary: text(data, "summary"),
    description: text(data, "description"),
    cpvCodes: withTickedCodes(text(data, "cpvCodes"), list(data, "addCpvCodes")),
    pricingUnit: text(data, "pricingUnit"),
    price: text(data, "price"),
    tiers: quantities.map((fromQuantity, i) => ({ fromQuantity: fromQuantity.trim(), price: (prices[i] ?? "").trim() })),
    regions: list(data, "regions"),
    features: text(data, "features"),
    benefits: text(data, "benefits"),
    frameworkLotId: text(data, "frameworkLotId"),
  };
}
