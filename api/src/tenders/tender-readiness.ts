import type { ReadinessCheck } from "./tender.errors.ts";
import { findJargon, measureReadability, type JargonEntry, type JargonFinding, type Readability } from "./plain-english.ts";
import { loadJargon } from "./plain-english.ts";
import { loadProcurementRules, type ProcurementRules } from "./procurement-rules.ts";

// The plain-English and SME-barrier check that a buyer sees before publishing (issue 3). Pure: the
// caller passes the tender, the database clock's `now` and the rules. REFUSAL findings block
// publishing; WARNING findings are advice.

export interface ReadinessInput {
  title: string;
  description: string;
  procedure: string;
  cpvCodes: readonly string[];
  valuePence: bigint | null;
  clarificationDeadline: Date;
  submissionDeadline: Date;
  lots: readonly { title: string; valuePence: bigint | null }[];
  criteria: readonly { kind: "PRICE" | "QUALITY"; title: string; weight: number }[];
}

export interface TenderReadiness {
  /** True when no finding is a REFUSAL. */
  canPublish: boolean;
  checks: ReadinessCheck[];
  readability: Readability;
  jargon: JargonFinding[];
  /** Whole days from `now` to the submission deadline, as the period rule counts them. */
  submissionPeriodDays: number;
  /** The legal (or policy) minimum for this procedure and value, from the rules file. */
  minimumSubmissionDays: number;
  aboveThreshold: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function pounds(pence: number | bigint): string {
  return `£${(Number(pence) / 100).toLocaleString("en-GB", { maximumFractionDigits: 0 })}`;
}

/** Runs every check on a tender (draft) as it would be published at `now`. */
export function checkTenderReadiness(
  tender: ReadinessInput,
  now: Date,
  rules: ProcurementRules = loadProcurementRules(),
  jargonList: readonly JargonEntry[] = loadJargon(),
): TenderReadiness {
  const checks: ReadinessCheck[] = [];
  const refuse = (code: string, path: string, message: string) =>
    checks.push({ code, severity: "REFUSAL", message, path: [path] });
  const warn = (code: string, path: string, message: string) => checks.push({ code, severity: "WARNING", message, path: [path] });

  // Completeness
  if (!tender.title.trim()) refuse("TITLE_MISSING", "title", "Enter a title");
  if (!tender.description.trim()) refuse("DESCRIPTION_MISSING", "description", "Describe what you want to buy");
  if (tender.cpvCodes.length === 0) refuse("CPV_MISSING", "cpvCodes", "Choose at least one CPV code so suppliers can find it");
  if (tender.lots.length === 0) refuse("LOTS_MISSING", "lots", "Add at least one lot");

  // Value and procedure
  const value =
    tender.valuePence ??
    tender.lots.reduce<bigint | null>((sum, l) => (l.valuePence === null ? sum : (sum ?? 0n) + l.valuePence), null);
  const aboveThreshold = value === null || value >= BigInt(rules.threshold.valuePence);
  if (value === null) warn("VALUE_MISSING", "valuePence", "Give an estimated value: suppliers use it to decide whether to bid");
  const allowed = rules.procedureAllowed[tender.procedure];
  if (allowed && (value === null || value > BigInt(allowed.maxValuePence)))
    refuse(
      "PROCEDURE_NOT_ALLOWED",
      "procedure",
      `The below-threshold procedure is only for contracts under ${pounds(allowed.maxValuePence)}: use the open procedure`,
    );
  if (tender.lots.length <= 1 && value !== null && value > BigInt(rules.lotSplitting.warnAboveValuePence))
    warn(
      "NOT_SPLIT_INTO_LOTS",
      "lots",
      `A contract worth ${pounds(value)} in one lot is hard for small suppliers to bid for: consider splitting it into lots, or record why not`,
    );

  // Periods, counted on the database clock from publication (now)
  const submissionPeriodDays = Math.floor((tender.submissionDeadline.getTime() - now.getTime()) / DAY_MS);
  const rule = rules.submissionPeriods.find((r) => r.procedure === tender.procedure && r.aboveThreshold === aboveThreshold);
  const minimumSubmissionDays = rule?.minimumDays ?? 0;
  if (tender.submissionDeadline.getTime() <= now.getTime())
    refuse("SUBMISSION_DEADLINE_PASSED", "submissionDeadline", "The submission deadline must be in the future");
  else if (rule && submissionPeriodDays < rule.minimumDays) {
    const message = `Suppliers must have at least ${rule.minimumDays} days to bid for ${
      aboveThreshold ? "a contract above the threshold" : "this contract"
    } under this procedure; the deadline gives ${submissionPeriodDays}`;
    if (rule.severity === "REFUSAL") refuse("SUBMISSION_PERIOD_TOO_SHORT", "submissionDeadline", message);
    else warn("SUBMISSION_PERIOD_SHORT", "submissionDeadline", message);
  }
  if (tender.clarificationDeadline.getTime() >= tender.submissionDeadline.getTime())
    refuse(
      "CLARIFICATION_AFTER_SUBMISSION",
      "clarificationDeadline",
      "The clarification deadline must be before the submission deadline",
    );
  else if (tender.clarificationDeadline.getTime() <= now.getTime())
    refuse("CLARIFICATION_DEADLINE_PASSED", "clarificationDeadline", "The clarification deadline must be in the future");
  else if (
    tender.submissionDeadline.getTime() - tender.clarificationDeadline.getTime() <
    rules.clarificationPeriod.minimumDaysBeforeSubmissionDeadline * DAY_MS
  )
    warn(
      "CLARIFICATION_TOO_CLOSE",
      "clarificationDeadline",
      `Leave at least ${rules.clarificationPeriod.minimumDaysBeforeSubmissionDeadline} days between the clarification and submission deadlines so answers reach every supplier`,
    );

  // Criteria and weights
  if (tender.criteria.length === 0) refuse("CRITERIA_MISSING", "criteria", "Add evaluation criteria with weights");
  else {
    const total = tender.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) refuse("WEIGHTS_NOT_100", "criteria", `The criteria weights must add up to 100; they add up to ${total}`);
    if (!tender.criteria.some((c) => c.kind === "PRICE"))
      warn("PRICE_CRITERION_MISSING", "criteria", "There is no price criterion: bids will be judged on quality alone");
    if (!tender.criteria.some((c) => c.kind === "QUALITY"))
      warn("QUALITY_CRITERION_MISSING", "criteria", "There is no quality criterion: the cheapest bid will win");
    if (tender.criteria.some((c) => c.weight === 0))
      warn("WEIGHT_MISSING", "criteria", "A criterion has no weight, so it will not count: give it a weight or remove it");
  }

  // Plain English
  const readability = measureReadability(tender.description);
  const jargon = findJargon(`${tender.title}\n${tender.description}`, jargonList);
  if (readability.words > 0 && readability.fleschReadingEase < rules.readability.warnBelowFleschReadingEase)
    warn(
      "HARD_TO_READ",
      "description",
      `The description is hard to read (Flesch reading ease ${readability.fleschReadingEase}, ${readability.band.toLowerCase()}): use shorter sentences and everyday words`,
    );
  if (jargon.length > 0)
    warn(
      "JARGON",
      "description",
      `Replace jargon with plain words: ${jargon
        .slice(0, 5)
        .map((j) => `"${j.term}" (try "${j.alternatives[0]}")`)
        .join(", ")}${jargon.length > 5 ? ` and ${jargon.length - 5} more` : ""}`,
    );

  return {
    canPublish: !checks.some((c) => c.severity === "REFUSAL"),
    checks,
    readability,
    jargon,
    submissionPeriodDays,
    minimumSubmissionDays,
    aboveThreshold,
  };
}
