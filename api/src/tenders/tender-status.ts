import { ConflictError } from "../errors.ts";

// The tender life cycle (DESIGN.md section 3). There is no status column: the status is derived from
// the timestamps, so a status can never disagree with the facts that produced it. Each transition is
// guarded by one assert function here; operations call the guard inside their transaction after
// locking the tender row, so the check and the write see the same state.

export const TENDER_STATUSES = [
  "DRAFT",
  "PUBLISHED",
  "CLOSED",
  "EVALUATION",
  "AWARD_PENDING",
  "AWARDED",
  "CANCELLED",
  "UNSUCCESSFUL",
] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

/** The timestamps the status is derived from (a Tender row has all of them). */
export interface TenderTimestamps {
  publishedAt: Date | null;
  submissionDeadline: Date;
  closedAt: Date | null;
  evaluationStartedAt: Date | null;
  awardPendingAt: Date | null;
  awardedAt: Date | null;
  cancelledAt: Date | null;
  unsuccessfulAt: Date | null;
}

/**
 * The status of a tender at `now` (the database clock). A published tender whose deadline has passed is
 * CLOSED even before the close job has stamped `closedAt`: no bid is accepted after the deadline, whether
 * or not a worker was running.
 */
export function deriveTenderStatus(tender: TenderTimestamps, now: Date): TenderStatus {
  if (tender.cancelledAt) return "CANCELLED";
  if (tender.unsuccessfulAt) return "UNSUCCESSFUL";
  if (tender.awardedAt) return "AWARDED";
  if (tender.awardPendingAt) return "AWARD_PENDING";
  if (tender.evaluationStartedAt) return "EVALUATION";
  if (tender.closedAt) return "CLOSED";
  if (!tender.publishedAt) return "DRAFT";
  return now.getTime() >= tender.submissionDeadline.getTime() ? "CLOSED" : "PUBLISHED";
}

/** True once the tender has ended one way or another; nothing about it changes after that. */
export function isFinalTenderStatus(status: TenderStatus): boolean {
  return status === "AWARDED" || status === "CANCELLED" || status === "UNSUCCESSFUL";
}

/** A transition that the tender's status does not allow, with both for the client to show. */
export class TenderStateError extends ConflictError {
  override name = "TenderStateError";
  readonly status: TenderStatus;
  constructor(status: TenderStatus, message: string) {
    super(message, "TENDER_STATE");
    this.status = status;
  }
}

const LABEL: Record<TenderStatus, string> = {
  DRAFT: "a draft",
  PUBLISHED: "open for bids",
  CLOSED: "closed",
  EVALUATION: "being evaluated",
  AWARD_PENDING: "in its standstill period",
  AWARDED: "awarded",
  CANCELLED: "cancelled",
  UNSUCCESSFUL: "unsuccessful",
};

function refuse(status: TenderStatus, doing: string): never {
  throw new TenderStateError(status, `You cannot ${doing}: the tender is ${LABEL[status]}`);
}

/** Editing a draft is free; publishing needs the readiness check too (see tender-readiness.ts). */
export function assertCanPublish(status: TenderStatus): void {
  if (status !== "DRAFT") refuse(status, "publish this tender");
}

/** Drafts can be edited; a published tender can be amended (which bumps its version) until its deadline. */
export function assertCanUpdate(status: TenderStatus): void {
  if (status !== "DRAFT" && status !== "PUBLISHED") refuse(status, "change this tender");
}

/** Cancelling is possible from any state that has not ended, up to the contract being made. */
export function assertCanCancel(status: TenderStatus): void {
  if (isFinalTenderStatus(status)) refuse(status, "cancel this tender");
}

/**
 * Closing stamps `closedAt` once the deadline has passed. Returns false (nothing to do) when it is
 * already closed or past closing, so the close job can run twice; throws only for a tender that was
 * never published.
 */
export function assertCanClose(tender: TenderTimestamps, now: Date): boolean {
  const status = deriveTenderStatus(tender, now);
  if (status === "DRAFT") refuse(status, "close this tender");
  if (tender.closedAt || status !== "CLOSED") return false;
  return true;
}

/** Opening the bids (the start of evaluation) happens once, after closing. */
export function assertCanOpenBids(status: TenderStatus, closedAt: Date | null): void {
  if (status !== "CLOSED" || !closedAt) {
    if (status === "CLOSED") throw new TenderStateError(status, "The bids are being closed: try again in a moment");
    refuse(status, "open the bids");
  }
}

/** Conflicts are declared and bids scored only while the tender is being evaluated (or awarding lots). */
export function assertCanEvaluate(status: TenderStatus): void {
  if (status !== "EVALUATION" && status !== "AWARD_PENDING") refuse(status, "evaluate bids");
}

/** Lots are awarded one by one during evaluation; the first award starts the tender's standstill. */
export function assertCanAward(status: TenderStatus): void {
  if (status !== "EVALUATION" && status !== "AWARD_PENDING") refuse(status, "award a lot");
}

/** A standstill ends into a contract only while the tender is still pending award (not cancelled meanwhile). */
export function assertCanEndStandstill(status: TenderStatus): void {
  if (status !== "AWARD_PENDING") refuse(status, "end the standstill");
}

/** Clarification questions can be asked while the tender is open for bids. */
export function assertCanAskClarification(status: TenderStatus): void {
  if (status !== "PUBLISHED") refuse(status, "ask a question");
}

/** The buyer answers questions until the tender has ended. */
export function assertCanAnswerClarification(status: TenderStatus): void {
  if (status === "DRAFT" || isFinalTenderStatus(status)) refuse(status, "answer questions");
}
