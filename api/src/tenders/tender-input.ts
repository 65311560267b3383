import { z } from "zod";
import { normaliseCpvCode } from "../cpv/cpv.ts";
import { isRegionCode } from "../organisations/councils.ts";
import { SUPPORTED_PROCEDURES } from "./procurement-rules.ts";

// The shape of a tender as a buyer edits it in a form: createTender and updateTender take the whole
// tender each time (lots and criteria included), so a form posts what it shows. Issue paths match the
// input field names (e.g. ["lots", "1", "title"]). Draft rules are lenient; publishing runs the
// readiness check on top (tender-readiness.ts).

const lotInput = z.object({
  /** An existing lot to keep (update) or absent for a new one. */
  id: z.string().nullish(),
  title: z.string().trim().min(1, "Enter a title for the lot").max(200, "Lot title must be 200 characters or fewer"),
  description: z.string().trim().max(5000, "Lot description must be 5,000 characters or fewer").default(""),
  valuePence: z.bigint().nonnegative("Value cannot be negative").nullish(),
});

const criterionInput = z.object({
  id: z.string().nullish(),
  kind: z.enum(["PRICE", "QUALITY"]),
  title: z.string().trim().min(1, "Enter a title for the criterion").max(200, "Criterion title must be 200 characters or fewer"),
  description: z.string().trim().max(5000, "Criterion description must be 5,000 characters or fewer").default(""),
  weight: z
    .number()
    .int("Weight must be a whole number")
    .min(0, "Weight cannot be negative")
    .max(100, "Weight cannot be more than 100"),
});

export const tenderInputSchema = z
  .object({
    buyerId: z.string().nullish(),
    title: z.string().trim().min(1, "Enter a title").max(200, "Title must be 200 characters or fewer"),
    description: z.string().trim().max(20000, "Description must be 20,000 characters or fewer").default(""),
    procedure: z.enum(SUPPORTED_PROCEDURES, { message: "Choose the open, competitive flexible or below-threshold procedure" }),
    cpvCodes: z
      .array(z.string())
      .max(20, "Choose at most 20 CPV codes")
      .transform((codes, ctx) => {
        const out: string[] = [];
        codes.forEach((raw, i) => {
          const code = normaliseCpvCode(raw);
          if (!code) ctx.addIssue({ code: "custom", path: [i], message: `${raw} is not a CPV 2008 code` });
          else if (!out.includes(code)) out.push(code);
        });
        return out;
      }),
    itl1Code: z
      .string()
      .nullish()
      .refine((c) => !c || isRegionCode(c), "Choose a UK region"),
    valuePence: z.bigint().nonnegative("Value cannot be negative").nullish(),
    suitableForSme: z.boolean().default(true),
    clarificationDeadline: z.date({ message: "Enter the clarification deadline" }),
    submissionDeadline: z.date({ message: "Enter the submission deadline" }),
    lots: z.array(lotInput).min(1, "Add at least one lot").max(50, "A tender can have at most 50 lots"),
    criteria: z.array(criterionInput).max(30, "A tender can have at most 30 criteria").default([]),
  })
  .superRefine((t, ctx) => {
    if (t.clarificationDeadline.getTime() >= t.submissionDeadline.getTime())
      ctx.addIssue({
        code: "custom",
        path: ["clarificationDeadline"],
        message: "The clarification deadline must be before the submission deadline",
      });
    const ids = t.lots.map((l) => l.id).filter(Boolean);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["lots"], message: "A lot appears twice" });
  });

export type TenderInput = z.input<typeof tenderInputSchema>;
export type ParsedTenderInput = z.output<typeof tenderInputSchema>;
