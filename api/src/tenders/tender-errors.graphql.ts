import { builder } from "../builder.ts";
import { BidStateError, BID_STATUSES } from "../bids/bid-status.ts";
import { ConflictOfInterestError } from "../evaluation/score-bid.ts";
import { ErrorInterface } from "../shared/errors.graphql.ts";
import { DeadlinePassedError, TenderNotReadyError, type ReadinessCheck } from "./tender.errors.ts";
import { TENDER_STATUSES, TenderStateError } from "./tender-status.ts";

export const TenderStatusEnum = builder.enumType("TenderStatus", {
  description: "Derived from the tender's timestamps and the database clock (DESIGN.md section 3).",
  values: TENDER_STATUSES,
});

export const BidStatusEnum = builder.enumType("BidStatus", {
  description: "Derived from the bid's timestamps and the awards.",
  values: BID_STATUSES,
});

export const ReadinessSeverityEnum = builder.enumType("ReadinessSeverity", {
  values: {
    REFUSAL: { description: "Blocks publishing until fixed." },
    WARNING: { description: "Advice: the buyer may publish anyway." },
  },
});

export const ReadinessCheckRef = builder.objectRef<ReadinessCheck>("ReadinessCheck").implement({
  description: "One finding of the plain-English and SME-barrier check, shown beside the field it is about.",
  fields: (t) => ({
    code: t.exposeString("code"),
    severity: t.field({ type: ReadinessSeverityEnum, resolve: (c) => c.severity }),
    message: t.exposeString("message"),
    path: t.exposeStringList("path", { description: 'The input field, e.g. ["submissionDeadline"].' }),
  }),
});

builder.objectType(TenderStateError, {
  name: "TenderStateError",
  description: "The tender's status does not allow this (e.g. changing a closed tender).",
  interfaces: [ErrorInterface],
  fields: (t) => ({ status: t.field({ type: TenderStatusEnum, resolve: (e) => e.status }) }),
});

builder.objectType(BidStateError, {
  name: "BidStateError",
  description: "The bid's status does not allow this (e.g. changing a submitted bid without withdrawing it).",
  interfaces: [ErrorInterface],
  fields: (t) => ({ status: t.field({ type: BidStatusEnum, resolve: (e) => e.status }) }),
});

builder.objectType(DeadlinePassedError, {
  name: "DeadlinePassedError",
  description: "A deadline has passed on the marketplace's (database) clock.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ deadline: t.field({ type: "DateTime", resolve: (e) => e.deadline }) }),
});

builder.objectType(TenderNotReadyError, {
  name: "TenderNotReadyError",
  description: "Publishing (or amending) was refused by the readiness check; `checks` lists the refusals.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ checks: t.field({ type: [ReadinessCheckRef], resolve: (e) => e.checks }) }),
});

builder.objectType(ConflictOfInterestError, {
  name: "ConflictOfInterestError",
  description: "Scoring needs a declaration of no conflict of interest (code DECLARATION_REQUIRED or CONFLICT_OF_INTEREST).",
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
