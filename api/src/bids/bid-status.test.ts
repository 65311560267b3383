import { describe, expect, it } from "vitest";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { TENDER_STATUSES } from "../tenders/tender-status.ts";
import {
  assertCanConfirmBid,
  assertCanSaveBid,
  assertCanSubmitBid,
  assertCanWithdrawBid,
  BID_STATUSES,
  BidStateError,
  deriveBidOutcome,
  deriveBidStatus,
  needsReconfirmation,
  validateBidAtClose,
  type BidStatus,
  type BidTimestamps,
} from "./bid-status.ts";

const at = new Date("2027-01-01T00:00:00Z");
const deadline = new Date("2027-03-01T12:00:00Z");
const draft: BidTimestamps = { submittedAt: null, withdrawnAt: null, validatedAt: null, disqualifiedAt: null };
const submitted = { ...draft, submittedAt: at };

describe("deriveBidStatus", () => {
  it("derives each status", () => {
    expect(deriveBidStatus(draft)).toBe("DRAFT");
    expect(deriveBidStatus(submitted)).toBe("SUBMITTED");
    expect(deriveBidStatus({ ...submitted, withdrawnAt: at })).toBe("WITHDRAWN");
    expect(deriveBidStatus({ ...submitted, validatedAt: at })).toBe("VALID");
    expect(deriveBidStatus({ ...submitted, disqualifiedAt: at })).toBe("DISQUALIFIED");
    expect(deriveBidStatus({ ...submitted, validatedAt: at }, "WON")).toBe("AWARDED");
    expect(deriveBidStatus({ ...submitted, validatedAt: at }, "LOST")).toBe("UNSUCCESSFUL");
    expect(deriveBidStatus(submitted, "LOST")).toBe("UNSUCCESSFUL");
  });
  it("keeps a disqualified bid disqualified whatever the awards", () => {
    expect(deriveBidStatus({ ...submitted, disqualifiedAt: at }, "LOST")).toBe("DISQUALIFIED");
  });
});

describe("deriveBidOutcome", () => {
  const bid = { id: "b1", lotIds: ["l1", "l2"] };
  it("is WON when any lot was awarded to the bid", () => {
    expect(deriveBidOutcome(bid, [{ lotId: "l2", bidId: "b1" }], "AWARD_PENDING")).toBe("WON");
  });
  it("is LOST only when every lot of the bid went to someone else", () => {
    expect(deriveBidOutcome(bid, [{ lotId: "l1", bidId: "b2" }], "AWARD_PENDING")).toBeNull();
    expect(
      deriveBidOutcome(
        bid,
        [
          { lotId: "l1", bidId: "b2" },
          { lotId: "l2", bidId: "b3" },
        ],
        "AWARDED",
      ),
    ).toBe("LOST");
  });
  it("is LOST when the tender was cancelled or unsuccessful", () => {
    expect(deriveBidOutcome(bid, [], "CANCELLED")).toBe("LOST");
    expect(deriveBidOutcome(bid, [], "UNSUCCESSFUL")).toBe("LOST");
  });
});

const statusFixtures: Record<BidStatus, BidTimestamps> = {
  DRAFT: draft,
  SUBMITTED: submitted,
  WITHDRAWN: { ...submitted, withdrawnAt: at },
  VALID: { ...submitted, validatedAt: at },
  DISQUALIFIED: { ...submitted, disqualifiedAt: at },
  AWARDED: { ...submitted, validatedAt: at },
  UNSUCCESSFUL: { ...submitted, validatedAt: at },
};

describe.each([
  ["save", assertCanSaveBid, ["DRAFT", "WITHDRAWN"]],
  ["submit", assertCanSubmitBid, ["DRAFT", "WITHDRAWN"]],
  ["withdraw", assertCanWithdrawBid, ["SUBMITTED"]],
] as const)("guard %s", (_name, guard, legalBidStatuses) => {
  it.each(BID_STATUSES)("bid %s on an open tender", (status) => {
    const run = () => guard(status, "PUBLISHED", deadline);
    if ((legalBidStatuses as readonly string[]).includes(status)) expect(run).not.toThrow();
    else expect(run).toThrow(BidStateError);
  });
  it.each(TENDER_STATUSES.filter((s) => s !== "PUBLISHED"))("refuses on a tender that is %s", (tenderStatus) => {
    const run = () => guard(legalBidStatuses[0], tenderStatus, deadline);
    if (tenderStatus === "CLOSED") {
      expect(run).toThrow(DeadlinePassedError);
      try {
        run();
      } catch (e) {
        expect((e as DeadlinePassedError).deadline).toEqual(deadline);
      }
    } else expect(run).toThrow(BidStateError);
  });
});

describe("saving a brand-new bid", () => {
  it("is allowed while the tender is open", () => {
    expect(() => assertCanSaveBid(null, "PUBLISHED", deadline)).not.toThrow();
    expect(() => assertCanSaveBid(null, "CLOSED", deadline)).toThrow(DeadlinePassedError);
  });
});

describe("re-confirmation after an amendment", () => {
  it("is needed when a submitted bid was made against an older version", () => {
    expect(needsReconfirmation({ ...submitted, confirmedTenderVersion: 1 }, 2)).toBe(true);
    expect(needsReconfirmation({ ...submitted, confirmedTenderVersion: 2 }, 2)).toBe(false);
    expect(needsReconfirmation({ ...draft, confirmedTenderVersion: null }, 2)).toBe(false);
  });
  it("confirms a submitted bid, and does nothing the second time", () => {
    expect(assertCanConfirmBid({ ...submitted, confirmedTenderVersion: 1 }, 2, "PUBLISHED", deadline)).toBe(true);
    expect(assertCanConfirmBid({ ...submitted, confirmedTenderVersion: 2 }, 2, "PUBLISHED", deadline)).toBe(false);
  });
  it.each(BID_STATUSES.filter((s) => s !== "SUBMITTED"))("refuses a bid that is %s", (status) => {
    expect(() => assertCanConfirmBid({ ...statusFixtures[status], confirmedTenderVersion: 1 }, 2, "PUBLISHED", deadline)).toThrow(
      BidStateError,
    );
  });
  it("refuses after the deadline", () => {
    expect(() => assertCanConfirmBid({ ...submitted, confirmedTenderVersion: 1 }, 2, "CLOSED", deadline)).toThrow(
      DeadlinePassedError,
    );
  });
});

describe("validateBidAtClose", () => {
  it("validates a submitted bid confirmed against the final version", () => {
    expect(validateBidAtClose({ ...submitted, confirmedTenderVersion: 3 }, 3)).toEqual({ valid: true });
  });
  it("disqualifies one that was never re-confirmed, with the reason", () => {
    expect(validateBidAtClose({ ...submitted, confirmedTenderVersion: 2 }, 3)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/re-confirmed/),
    });
  });
  it("ignores drafts and withdrawn bids", () => {
    expect(validateBidAtClose({ ...draft, confirmedTenderVersion: null }, 1)).toBeNull();
    expect(validateBidAtClose({ ...statusFixtures.WITHDRAWN, confirmedTenderVersion: 1 }, 1)).toBeNull();
  });
});
