import { ConflictError } from "../errors.ts";

/** A deadline has passed on the database clock; `deadline` says which instant decided it. */
export class DeadlinePassedError extends ConflictError {
  override name = "DeadlinePassedError";
  readonly deadline: Date;
  constructor(deadline: Date, what = "The submission deadline") {
    super(`${what} passed at ${deadline.toISOString()}`, "DEADLINE_PASSED");
    this.deadline = deadline;
  }
}

/** One finding of the plain-English and SME-barrier check, in the shape a form can show beside a field. */
export interface ReadinessCheck {
  /** Stable machine-readable code, e.g. SUBMISSION_PERIOD_TOO_SHORT. */
  code: string;
  /** REFUSAL blocks publishing; WARNING is advice the buyer may overrule. */
  severity: "REFUSAL" | "WARNING";
  message: string;
  /** The input field the finding is about, e.g. ["submissionDeadline"] or ["criteria"]. */
  path: string[];
}

/** Publishing was refused because the readiness check found refusals; each is listed. */
export class TenderNotReadyError extends ConflictError {
  override name = "TenderNotReadyError";
  readonly checks: ReadinessCheck[];
  constructor(checks: ReadinessCheck[]) {
    super(
      `This tender cannot be published yet: ${checks
        .filter((c) => c.severity === "REFUSAL")
        .map((c) => c.message)
        .join("; ")}`,
      "TENDER_NOT_READY",
    );
    this.checks = checks;
  }
}
