import { describe, expect, it } from "vitest";
import {
  assertCanAnswerClarification,
  assertCanAskClarification,
  assertCanAward,
  assertCanCancel,
  assertCanClose,
  assertCanEndStandstill,
  assertCanEvaluate,
  assertCanOpenBids,
  assertCanPublish,
  assertCanUpdate,
  deriveTenderStatus,
  TENDER_STATUSES,
  TenderStateError,
  type TenderStatus,
  type TenderTimestamps,
} from "./tender-status.ts";

const deadline = new Date("2027-03-01T12:00:00Z");
const before = new Date("2027-02-01T12:00:00Z");
const after = new Date("2027-03-01T12:00:00.001Z");
const t = (ms: number) => new Date(Date.UTC(2027, 0, 1) + ms);

const draft: TenderTimestamps = {
  publishedAt: null,
  submissionDeadline: deadline,
  closedAt: null,
  evaluationStartedAt: null,
  awardPendingAt: null,
  awardedAt: null,
  cancelledAt: null,
  unsuccessfulAt: null,
};
const published = { ...draft, publishedAt: t(1) };
const closed = { ...published, closedAt: after };
const evaluation = { ...closed, evaluationStartedAt: after };
const awardPending = { ...evaluation, awardPendingAt: after };
const awarded = { ...awardPending, awardedAt: after };

describe("deriveTenderStatus", () => {
  it("derives each status from the timestamps", () => {
    expect(deriveTenderStatus(draft, before)).toBe("DRAFT");
    expect(deriveTenderStatus(published, before)).toBe("PUBLISHED");
    expect(deriveTenderStatus(closed, after)).toBe("CLOSED");
    expect(deriveTenderStatus(evaluation, after)).toBe("EVALUATION");
    expect(deriveTenderStatus(awardPending, after)).toBe("AWARD_PENDING");
    expect(deriveTenderStatus(awarded, after)).toBe("AWARDED");
    expect(deriveTenderStatus({ ...published, cancelledAt: t(2) }, before)).toBe("CANCELLED");
    expect(deriveTenderStatus({ ...closed, unsuccessfulAt: after }, after)).toBe("UNSUCCESSFUL");
  });

  it("treats a published tender as CLOSED from the deadline instant, before the close job has run", () => {
    expect(deriveTenderStatus(published, new Date(deadline.getTime() - 1))).toBe("PUBLISHED");
    expect(deriveTenderStatus(published, deadline)).toBe("CLOSED");
  });

  it("keeps a draft a draft whatever the clock says", () => {
    expect(deriveTenderStatus(draft, after)).toBe("DRAFT");
  });

  it("lets cancellation win over every other timestamp", () => {
    expect(deriveTenderStatus({ ...awardPending, cancelledAt: after }, after)).toBe("CANCELLED");
  });
});

// Every guard against every status: the legal moves pass, all others throw TenderStateError.
const legal: Record<string, readonly TenderStatus[]> = {
  publish: ["DRAFT"],
  update: ["DRAFT", "PUBLISHED"],
  cancel: ["DRAFT", "PUBLISHED", "CLOSED", "EVALUATION", "AWARD_PENDING"],
  evaluate: ["EVALUATION", "AWARD_PENDING"],
  award: ["EVALUATION", "AWARD_PENDING"],
  endStandstill: ["AWARD_PENDING"],
  ask: ["PUBLISHED"],
  answer: ["PUBLISHED", "CLOSED", "EVALUATION", "AWARD_PENDING"],
};
const guards: Record<string, (s: TenderStatus) => void> = {
  publish: assertCanPublish,
  update: assertCanUpdate,
  cancel: assertCanCancel,
  evaluate: assertCanEvaluate,
  award: assertCanAward,
  endStandstill: assertCanEndStandstill,
  ask: assertCanAskClarification,
  answer: assertCanAnswerClarification,
};

describe.each(Object.keys(guards))("guard %s", (name) => {
  it.each(TENDER_STATUSES)("from %s", (status) => {
    const run = () => guards[name]!(status);
    if (legal[name]!.includes(status)) expect(run).not.toThrow();
    else {
      expect(run).toThrow(TenderStateError);
      try {
        run();
      } catch (e) {
        expect((e as TenderStateError).status).toBe(status);
        expect((e as TenderStateError).code).toBe("TENDER_STATE");
      }
    }
  });
});

describe("assertCanOpenBids", () => {
  it("opens only a tender that the close job has closed", () => {
    expect(() => assertCanOpenBids("CLOSED", after)).not.toThrow();
    // Past the deadline but not yet stamped closed: the bids are not validated yet.
    expect(() => assertCanOpenBids("CLOSED", null)).toThrow(/being closed/);
  });
  it.each(TENDER_STATUSES.filter((s) => s !== "CLOSED"))("refuses from %s", (status) => {
    expect(() => assertCanOpenBids(status, status === "DRAFT" || status === "PUBLISHED" ? null : after)).toThrow(
      TenderStateError,
    );
  });
});

describe("assertCanClose", () => {
  it("closes a published tender once the deadline has passed", () => {
    expect(assertCanClose(published, after)).toBe(true);
  });
  it("does nothing before the deadline (a job that ran early, or a deadline since extended)", () => {
    expect(assertCanClose(published, before)).toBe(false);
  });
  it("does nothing when already closed or past closing, so the job can run twice", () => {
    for (const tender of [closed, evaluation, awardPending, awarded, { ...published, cancelledAt: t(3) }])
      expect(assertCanClose(tender, after)).toBe(false);
  });
  it("refuses a draft", () => {
    expect(() => assertCanClose(draft, after)).toThrow(TenderStateError);
  });
});
