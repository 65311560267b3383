// How tenders and bids are named on the pages: statuses as GOV.UK tags in plain words, procedures, and
// the deadline written out in full with the time zone, so nobody misreads when a tender closes.
import { formatDateTime } from "$lib/format";

export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export type TenderStatus =
  "DRAFT" | "PUBLISHED" | "CLOSED" | "EVALUATION" | "AWARD_PENDING" | "AWARDED" | "CANCELLED" | "UNSUCCESSFUL";
export type BidStatus = "DRAFT" | "SUBMITTED" | "WITHDRAWN" | "VALID" | "DISQUALIFIED" | "AWARDED" | "UNSUCCESSFUL";
export type Procedure = "OPEN" | "COMPETITIVE_FLEXIBLE" | "BELOW_THRESHOLD" | "FRAMEWORK_COMPETITION" | "DIRECT_AWARD";

export const TENDER_STATUS: Record<TenderStatus, { text: string; colour: TagColour }> = {
  DRAFT: { text: "Draft", colour: "grey" },
  PUBLISHED: { text: "Open for bids", colour: "green" },
  CLOSED: { text: "Closed", colour: "yellow" },
  EVALUATION: { text: "Being evaluated", colour: "purple" },
  AWARD_PENDING: { text: "Standstill", colour: "orange" },
  AWARDED: { text: "Awarded", colour: "blue" },
  CANCELLED: { text: "Cancelled", colour: "red" },
  UNSUCCESSFUL: { text: "No award made", colour: "pink" },
};

export const BID_STATUS: Record<BidStatus, { text: string; colour: TagColour }> = {
  DRAFT: { text: "Draft", colour: "grey" },
  SUBMITTED: { text: "Submitted", colour: "blue" },
  WITHDRAWN: { text: "Withdrawn", colour: "grey" },
  VALID: { text: "Being evaluated", colour: "purple" },
  DISQUALIFIED: { text: "Not accepted", colour: "red" },
  AWARDED: { text: "Successful", colour: "green" },
  UNSUCCESSFUL: { text: "Unsuccessful", colour: "orange" },
};

/** The order a council's dashboard lists its tenders in, most in need of attention first. */
export const TENDER_STATUS_ORDER: TenderStatus[] = [
  "DRAFT",
  "CLOSED",
  "EVALUATION",
  "PUBLISHED",
  "AWARD_PENDING",
  "AWARDED",
  "UNSUCCESSFUL",
  "CANCELLED",
];

export const PROCEDURES: Record<Procedure, { text: string; hint: string }> = {
  OPEN: { text: "Open procedure", hint: "Any supplier may bid. For contracts above the threshold." },
  COMPETITIVE_FLEXIBLE: {
    text: "Competitive flexible procedure",
    hint: "Any supplier may bid; you may run it in stages. Run here as one round of bids.",
  },
  BELOW_THRESHOLD: { text: "Below-threshold contract", hint: "A simpler process for contracts under £214,904 including VAT." },
  FRAMEWORK_COMPETITION: { text: "Framework competition", hint: "Only suppliers on a framework may bid." },
  DIRECT_AWARD: { text: "Direct award", hint: "Awarded without a competition." },
};

/** The procedures a buyer can choose when drafting a tender (the others come with frameworks). */
export const DRAFTABLE_PROCEDURES = ["OPEN", "COMPETITIVE_FLEXIBLE", "BELOW_THRESHOLD"] as const satisfies readonly Procedure[];

/** "27 November 2026 at 12pm (UK time)". */
export function formatDeadline(iso: string): string {
  return `${formatDateTime(iso).replace(/:00(am|pm)$/, "$1")} (UK time)`;
}

/** A score out of 100 with at most two decimals: "87.5". */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}
