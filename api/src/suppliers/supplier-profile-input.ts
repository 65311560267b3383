import { z } from "zod";
import { normaliseCpvCode } from "../cpv/cpv.ts";
import { isRegionCode } from "../organisations/councils.ts";
import { normaliseAccreditation } from "./accreditations.ts";

// Input rules for the supplier profile forms. Paths of the issues are the input's field names
// (regionsServed.1, capabilityCpvCodes.0), so a form shows each message beside its field.

export const regionCodesSchema = z
  .array(z.string().trim().toUpperCase().refine(isRegionCode, "Choose a region from the list"))
  .max(12, "There are only 12 regions")
  .transform((codes) => [...new Set(codes)].sort());

export const cpvCodesSchema = (max: number) =>
  z
    .array(
      z.string().transform((raw, ctx) => {
        const code = normaliseCpvCode(raw);
        if (!code) {
          ctx.addIssue({ code: "custom", message: `${raw.trim() || "This"} is not a CPV code: use 8 digits, like 72212000` });
          return z.NEVER;
        }
        return code;
      }),
    )
    .max(max, `Choose at most ${max} CPV codes`)
    .transform((codes) => [...new Set(codes)]);

export const updateSupplierProfileSchema = z.object({
  organisationId: z.string(),
  name: z.string().trim().min(1, "Enter your company's name").max(200, "Name must be 200 characters or fewer").optional(),
  description: z.string().trim().max(1000, "Description must be 1,000 characters or fewer").optional(),
  website: z
    .union([z.url({ protocol: /^https?$/, message: "Enter a web address starting with https://" }), z.literal("")])
    .optional(),
  regionsServed: regionCodesSchema.optional(),
  capabilityCpvCodes: cpvCodesSchema(30).optional(),
  accreditations: z
    .array(z.string().trim().min(1, "Enter the accreditation's name").max(100, "Keep each accreditation under 100 characters"))
    .max(20, "List at most 20 accreditations")
    .transform((names) => [...new Map(names.map((n) => normaliseAccreditation(n)).map((n) => [n.toLowerCase(), n])).values()])
    .optional(),
});

export type UpdateSupplierProfileInput = z.input<typeof updateSupplierProfileSchema>;

const M = 100n * 1_000_000n;

export const recordSupplierYearSchema = z.object({
  organisationId: z.string(),
  year: z
    .number()
    .int("Enter a year like 2025")
    .min(1990, "Enter a year from 1990")
    .refine((y) => y <= new Date().getUTCFullYear(), "Enter a year that has started"),
  headcount: z
    .number()
    .int("Enter a whole number of staff")
    .min(0, "Staff cannot be negative")
    .max(10_000_000, "Enter fewer staff"),
  turnoverPence: z
    .bigint()
    .min(0n, "Turnover cannot be negative")
    .max(1_000_000n * M, "Enter a smaller turnover"),
  balanceSheetPence: z
    .bigint()
    .min(0n, "Balance sheet total cannot be negative")
    .max(1_000_000n * M, "Enter a smaller total"),
});

export type RecordSupplierYearInput = z.input<typeof recordSupplierYearSchema>;

export const removeSupplierYearSchema = z.object({ id: z.string() });
