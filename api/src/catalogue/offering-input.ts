import { z } from "zod";
import { cpvCodesSchema, regionCodesSchema } from "../suppliers/supplier-profile-input.ts";

// Input rules for the offering form; issue paths are the input's field names (priceTiers.1.fromQuantity).

export const PRICING_UNITS = ["PER_USER_PER_MONTH", "PER_MONTH", "PER_YEAR", "PER_DAY", "PER_UNIT", "FIXED"] as const;

const MAX_PRICE_PENCE = 10_000_000_000_000n; // GBP 100bn: beyond any catalogue price, inside a safe JSON integer

const pence = (what: string) => z.bigint().min(0n, `${what} cannot be negative`).max(MAX_PRICE_PENCE, `${what} is too large`);

const lines = (what: string) =>
  z
    .array(
      z.string().trim().min(1, `Enter the ${what} or remove the empty line`).max(200, `Keep each ${what} under 200 characters`),
    )
    .max(10, `List at most 10 ${what}s`);

const priceTiers = z
  .array(
    z.object({
      fromQuantity: z.number().int("Enter a whole number").min(2, "A volume tier starts from 2 or more"),
      pricePence: pence("The tier price"),
    }),
  )
  .max(10, "Use at most 10 volume tiers")
  .superRefine((tiers, ctx) => {
    tiers.forEach((tier, i) => {
      const before = tiers[i - 1];
      if (before && tier.fromQuantity <= before.fromQuantity)
        ctx.addIssue({ code: "custom", path: [i, "fromQuantity"], message: "Each tier must start above the one before" });
    });
  });

export const offeringFieldsSchema = z.object({
  title: z.string().trim().min(3, "Enter a title of at least 3 characters").max(120, "Title must be 120 characters or fewer"),
  summary: z
    .string()
    .trim()
    .min(10, "Enter a summary of at least 10 characters")
    .max(300, "Summary must be 300 characters or fewer"),
  description: z
    .string()
    .trim()
    .min(20, "Enter a description of at least 20 characters")
    .max(5000, "Description must be 5,000 characters or fewer"),
  cpvCodes: cpvCodesSchema(10).refine((codes) => codes.length > 0, "Choose at least one CPV code"),
  pricingUnit: z.enum(PRICING_UNITS, { message: "Choose how the price is charged" }),
  pricePence: pence("The price"),
  priceTiers: priceTiers.default([]),
  regions: regionCodesSchema.refine((codes) => codes.length > 0, "Choose at least one region"),
  features: lines("feature").default([]),
  benefits: lines("benefit").default([]),
  /** Global ID of a FrameworkLot, or empty for none. */
  frameworkLotId: z.string().nullish(),
});

export const createOfferingSchema = offeringFieldsSchema.extend({ supplierId: z.string() });
export type CreateOfferingInput = z.input<typeof createOfferingSchema>;

export const updateOfferingSchema = offeringFieldsSchema.partial().extend({
  id: z.string(),
  priceTiers: priceTiers.optional(),
  features: lines("feature").optional(),
  benefits: lines("benefit").optional(),
});
export type UpdateOfferingInput = z.input<typeof updateOfferingSchema>;
