import type { Bid } from "@ccm/prisma";
import { recordAuditEvents } from "../audit/audit.ts";
import { hasRole, type Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { DomainError, NotFoundError, ValidationError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { createBatcher } from "../shared/batcher.ts";
import { inOrder, sqlTransaction } from "../shared/transaction.ts";
import { BID_ROLES, requireViewer } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { missingFromBid } from "./bid-completeness.ts";
import { assertCanSubmitBid, BidStateError, deriveBidStatus } from "./bid-status.ts";
import { BID_TRANSACTION, type LockedBid, lockBids } from "./lock-bid.ts";

export interface BidSubmission {
  actor: Viewer;
  bidId: string;
}

export interface SubmittedBid {
  bidId: string;
  receivedAt: Date;
  /** The bid as the submission stored it. */
  bid: Bid;
}

/** Submits bids: a function of the process's deps (see createBidSubmissions). */
export type BidSubmissions = (submission: BidSubmission) => Promise<SubmittedBid>;

/**
 * Submits a draft (or resubmits a withdrawn bid) before the deadline. The database clock decides: the
 * receipt time is taken by the UPDATE itself, after the locks are held, and a bid whose receipt would be
 * at or after the deadline is not changed at all, so a bid racing the deadline is either fully
 * submitted before it or not at all.
 */
export async function submitBid(deps: Pick<Deps, "bidSubmissions">, viewer: Viewer | null, bidId: string): Promise<SubmittedBid> {
  return deps.bidSubmissions({ actor: requireViewer(viewer), bidId });
}

/**
 * Submissions crowd in at a deadline (a thousand in its last second), so they are committed in groups
 * (ADR 0014): a submission made while `maxInFlight` groups are being stored waits and goes with all the
 * others that waited, in one transaction of three round trips. Each answer is the submission's own:
 * one bid's refusal never affects another's.
 */
export function createBidSubmissions(deps: Pick<Deps, "db" | "outbox">): BidSubmissions {
  return createBatcher((batch) => submitBids(deps, batch), {
    // On the embedded PGlite there is one session: one transaction at a time.
    maxInFlight: deps.db.kind === "pglite" ? 1 : 2,
    maxBatchSize: 100,
  });
}

/**
 * Submits a group of bids in one transaction, answering each with its receipt or its own refusal. If the
 * group fails as a whole for a reason of no one bid (the server, not the bids), each bid is tried alone,
 * so one cannot take the others down with it.
 */
export async function submitBids(
  deps: Pick<Deps, "db" | "outbox">,
  batch: readonly BidSubmission[],
): Promise<(SubmittedBid | Error)[]> {
  try {
    return await submitTogether(deps, batch);
  } catch (err) {
    if (batch.length === 1) throw err;
    return Promise.all(
      batch.map((submission) =>
        submitTogether(deps, [submission]).then(
          ([answer]) => answer!,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
  }
}

async function submitTogether(
  deps: Pick<Deps, "db" | "outbox">,
  batch: readonly BidSubmission[],
): Promise<(SubmittedBid | Error)[]> {
  const answers: (SubmittedBid | Error | undefined)[] = Array.from({ length: batch.length });
  // The same bid twice in one group (a double click) is answered as if one came after the other.
  const repeats: { i: number; of: number }[] = [];

  await sqlTransaction(
    deps.db,
    async (tx) => {
      const locked = await lockBids(tx, [...new Set(batch.map((s) => s.bidId))]);
      const submittedBy = new Map<string, number>();
      const candidates: { i: number; locked: LockedBid }[] = [];
      batch.forEach(({ actor, bidId }, i) => {
        try {
          const bid = locked.get(bidId);
          // A bid of another supplier is "not found": its existence is sealed too.
          if (!bid || !hasRole(actor, bid.bid.supplierId, BID_ROLES)) throw new NotFoundError("The bid");
          const earlier = submittedBy.get(bidId);
          if (earlier !== undefined) {
            repeats.push({ i, of: earlier });
            return;
          }
          submittedBy.set(bidId, i);
          candidates.push({ i, locked: checkSubmission(bid) });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          answers[i] = err;
        }
      });
      if (candidates.length === 0) return;

      // Each receipt is the database clock when its row is written (OFFSET 0 keeps clock_timestamp() from
      // being evaluated twice, once for the test and once for the value); a receipt at or after the
      // tender's deadline leaves the bid as it was.
      const stored = await tx.$queryRaw<Bid[]>`
        UPDATE bid SET submitted_at = s.at, withdrawn_at = NULL, confirmed_tender_version = s.version, updated_at = s.at
          FROM (SELECT x.id, x.version, clock_timestamp() AS at
                  FROM unnest(${candidates.map((c) => c.locked.bid.id)}::text[], ${candidates.map((c) => c.locked.tender.version)}::int[])
                       AS x(id, version)
                OFFSET 0) AS s, tender t
         WHERE bid.id = s.id AND t.id = bid.tender_id AND s.at < t.submission_deadline
     RETURNING bid.id, bid.tender_id AS "tenderId", bid.supplier_id AS "supplierId", bid.created_by_user_id AS "createdByUserId",
               bid.created_at AS "createdAt", bid.updated_at AS "updatedAt", bid.submitted_at AS "submittedAt",
               bid.withdrawn_at AS "withdrawnAt", bid.confirmed_tender_version AS "confirmedTenderVersion",
               bid.validated_at AS "validatedAt", bid.disqualified_at AS "disqualifiedAt",
               bid.disqualification_reason AS "disqualificationReason"`;
      const storedById = new Map(stored.map((bid) => [bid.id, bid]));
      const received: { i: number; locked: LockedBid; bid: Bid; receivedAt: Date }[] = [];
      for (const { i, locked: l } of candidates) {
        const bid = storedById.get(l.bid.id);
        if (!bid) answers[i] = new DeadlinePassedError(l.tender.submissionDeadline);
        else received.push({ i, locked: l, bid, receivedAt: new Date(bid.submittedAt!) });
      }
      if (received.length === 0) return;

      await inOrder(tx, [
        () =>
          notify(
            tx,
            ...received.map(({ locked: { bid, tender, bidderUserIds }, receivedAt }) => ({
              userIds: bidderUserIds,
              kind: "bid.received",
              title: `Bid received: ${tender.title}`,
              body: `Your bid was received at ${receivedAt.toISOString()} (the marketplace's clock), before the deadline of ${tender.submissionDeadline.toISOString()}. It stays sealed until the deadline.`,
              link: `/tenders/${tender.id}`,
              dedupeKey: `bid-received:${bid.id}:${receivedAt.getTime()}`,
            })),
          ),
        () =>
          recordAuditEvents(
            tx,
            received.map(({ i, locked: { bid, tender }, receivedAt }) => ({
              actorUserId: batch[i]!.actor.userId,
              organisationId: bid.supplierId,
              action: bid.withdrawnAt ? "bid.resubmitted" : "bid.submitted",
              entityType: "Bid",
              entityId: bid.id,
              data: { tenderId: tender.id, tenderVersion: tender.version, receivedAt: receivedAt.toISOString() },
              occurredAt: receivedAt,
            })),
          ),
      ]);
      for (const { i, bid, receivedAt } of received) answers[i] = { bidId: bid.id, receivedAt, bid };
    },
    BID_TRANSACTION,
  );
  if (answers.some((answer) => answer && !(answer instanceof Error))) deps.outbox.kick();

  for (const { i, of } of repeats) {
    const first = answers[of]!;
    answers[i] = first instanceof Error ? first : new BidStateError("SUBMITTED", "This bid has already been submitted");
  }
  return answers.map((answer) => answer!);
}

/** Whether the locked bid can be submitted now; its refusal if not. */
function checkSubmission(locked: LockedBid): LockedBid {
  const { bid, tender, now } = locked;
  assertCanSubmitBid(deriveBidStatus(bid), deriveTenderStatus(tender, now), tender.submissionDeadline);
  const missing = missingFromBid(locked, locked.qualityCriteria);
  if (missing.length) throw new ValidationError(missing);
  return locked;
}
