import { ConflictError } from "../errors.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import type { TenderStatus } from "../tenders/tender-status.ts";

// The bid life cycle (DESIGN.md section 3): DRAFT -> SUBMITTED -> (WITHDRAWN | VALID | DISQUALIFIED) ->
// (AWARDED | UNSUCCESSFUL). Derived from the bid's timestamps plus the outcome of the awards; each move
// is guarded by one function below. A withdrawn bid can be submitted again before the deadline.

export const BID_STATUSES = ["DRAFT", "SUBMITTED", "WITHDRAWN", "VALID", "DISQUALIFIED", "AWARDED", "UNSUCCESSFUL"] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export interface BidTimestamps {
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  validatedAt: Date | null;
  disqualifiedAt: Date | null;
}

/**
 * What the awards mean for this bid: WON when it was awarded any lot, LOST when every lot it bid for went
 * to someone else or the tender ended without an award, null while undecided.
 */
export type BidOutcome = "WON" | "LOST" | null;

/** The status of a bid, from its timestamps and the outcome of the awards. */
export function deriveBidStatus(bid: BidTimestamps, outcome: BidOutcome = null): BidStatus {
  if (bid.withdrawnAt) return "WITHDRAWN";
  if (bid.disqualifiedAt) return "DISQUALIFIED";
  if (bid.validatedAt) return outcome === "WON" ? "AWARDED" : outcome === "LOST" ? "UNSUCCESSFUL" : "VALID";
  if (bid.submittedAt) return outcome === "LOST" ? "UNSUCCESSFUL" : "SUBMITTED";
  return "DRAFT";
}

/** The outcome for a bid given the tender's awards and status (see BidOutcome). */
export function deriveBidOutcome(
  bid: { id: string; lotIds: readonly string[] },
  awards: readonly { lotId: string; bidId: string }[],
  tenderStatus: TenderStatus,
): BidOutcome {
  if (awards.some((a) => a.bidId === bid.id)) return "WON";
  if (tenderStatus === "CANCELLED" || tenderStatus === "UNSUCCESSFUL") return "LOST";
  const decided = new Set(awards.map((a) => a.lotId));
  return bid.lotIds.length > 0 && bid.lotIds.every((lotId) => decided.has(lotId)) ? "LOST" : null;
}

/** A submitted bid made against an older version of the tender must be re-confirmed before the deadline. */
export function needsReconfirmation(
  bid: BidTimestamps & { confirmedTenderVersion: number | null },
  tenderVersion: number,
): boolean {
  return deriveBidStatus(bid) === "SUBMITTED" && (bid.confirmedTenderVersion ?? 0) < tenderVersion;
}

/** A move the bid's status does not allow. */
export class BidStateError extends ConflictError {
  override name = "BidStateError";
  readonly status: BidStatus;
  constructor(status: BidStatus, message: string) {
    super(message, "BID_STATE");
    this.status = status;
  }
}

/** While the tender is open, only a PUBLISHED tender takes changes to bids; after its deadline, none. */
function assertTenderOpen(tenderStatus: TenderStatus, deadline: Date): void {
  if (tenderStatus === "PUBLISHED") return;
  if (tenderStatus === "DRAFT") throw new BidStateError("DRAFT", "This tender is not open for bids");
  if (tenderStatus === "CLOSED") throw new DeadlinePassedError(deadline);
  throw new BidStateError("DRAFT", "This tender is no longer open for bids");
}

/** Saving (creating or editing) a draft; a withdrawn bid becomes a draft again when saved. */
export function assertCanSaveBid(bid: BidStatus | null, tenderStatus: TenderStatus, deadline: Date): void {
  assertTenderOpen(tenderStatus, deadline);
  if (bid === "SUBMITTED") throw new BidStateError(bid, "Your bid has been submitted: withdraw it before changing it");
  if (bid !== null && bid !== "DRAFT" && bid !== "WITHDRAWN") throw new BidStateError(bid, "This bid can no longer be changed");
}

/** Submitting a draft, or resubmitting a withdrawn bid, before the deadline. */
export function assertCanSubmitBid(bid: BidStatus, tenderStatus: TenderStatus, deadline: Date): void {
  assertTenderOpen(tenderStatus, deadline);
  if (bid === "SUBMITTED") throw new BidStateError(bid, "This bid has already been submitted");
  if (bid !== "DRAFT" && bid !== "WITHDRAWN") throw new BidStateError(bid, "This bid can no longer be submitted");
}

/** Withdrawing a submitted bid before the deadline. */
export function assertCanWithdrawBid(bid: BidStatus, tenderStatus: TenderStatus, deadline: Date): void {
  assertTenderOpen(tenderStatus, deadline);
  if (bid !== "SUBMITTED") throw new BidStateError(bid, "Only a submitted bid can be withdrawn");
}

/**
 * Re-confirming a submitted bid against the current tender version after an amendment. Returns false
 * when it is already confirmed against this version (nothing to do, so a double click is harmless).
 */
export function assertCanConfirmBid(
  bid: BidTimestamps & { confirmedTenderVersion: number | null },
  tenderVersion: number,
  tenderStatus: TenderStatus,
  deadline: Date,
): boolean {
  const status = deriveBidStatus(bid);
  assertTenderOpen(tenderStatus, deadline);
  if (status !== "SUBMITTED") throw new BidStateError(status, "Only a submitted bid can be confirmed");
  return needsReconfirmation(bid, tenderVersion);
}

/**
 * At closing, each submitted bid is VALID if it stands against the final tender version, and
 * DISQUALIFIED (with the reason) if it was never re-confirmed after an amendment. Drafts and withdrawn
 * bids are not bids at all at closing: null.
 */
export function validateBidAtClose(
  bid: BidTimestamps & { confirmedTenderVersion: number | null },
  tenderVersion: number,
): { valid: true } | { valid: false; reason: string } | null {
  if (deriveBidStatus(bid) !== "SUBMITTED") return null;
  if ((bid.confirmedTenderVersion ?? 0) < tenderVersion)
    return {
      valid: false,
      reason: `Not re-confirmed after the tender was amended (version ${tenderVersion}) before the deadline`,
    };
  return { valid: true };
}
