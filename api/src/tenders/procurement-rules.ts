import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// The legal and policy figures the readiness check applies, loaded from api/data/procurement-rules.json
// so that a change in the law is a data change, with its source written beside it.

const procedure = z.enum(["OPEN", "COMPETITIVE_FLEXIBLE", "BELOW_THRESHOLD"]);
const rulesFile = z.object({
  threshold: z.object({ valuePence: z.number().int().positive() }),
  submissionPeriods: z.array(
    z.object({
      procedure,
      aboveThreshold: z.boolean(),
      minimumDays: z.number().int().nonnegative(),
      severity: z.enum(["REFUSAL", "WARNING"]),
      source: z.string(),
    }),
  ),
  procedureAllowed: z.record(z.string(), z.object({ maxValuePence: z.number().int().positive(), source: z.string() })),
  lotSplitting: z.object({ warnAboveValuePence: z.number().int().positive() }),
  readability: z.object({ warnBelowFleschReadingEase: z.number() }),
  clarificationPeriod: z.object({ minimumDaysBeforeSubmissionDeadline: z.number().nonnegative() }),
});
export type ProcurementRules = z.infer<typeof rulesFile>;
export type SupportedProcedure = z.infer<typeof procedure>;
export const SUPPORTED_PROCEDURES = procedure.options;

let rules: ProcurementRules | undefined;

/** The rules from api/data/procurement-rules.json (read and checked once). */
export function loadProcurementRules(): ProcurementRules {
  rules ??= rulesFile.parse(
    JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../data/procurement-rules.json"), "utf8")),
  );
  return rules;
}
