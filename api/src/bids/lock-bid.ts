import type { Bid, Tender } from "@ccm/prisma";
import type { Viewer } from "../context.ts";
import { hasRole } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import type { SqlTx, Tx } from "../shared/transaction.ts";
import { BID_ROLES } from "../tenders/tender-access.ts";

export interface LockedBid {
  bid: Pick<
    Bid,
    "id" | "supplierId" | "submittedAt" | "withdrawnAt" | "validatedAt" | "disqualifiedAt" | "confirmedTenderVersion"
  >;
  tender: Pick<
    Tender,
    | "id"
    | "title"
    | "version"
    | "buyerId"
    | "publishedAt"
    | "submissionDeadline"
    | "closedAt"
    | "evaluationStartedAt"
    | "awardPendingAt"
    | "awardedAt"
    | "cancelledAt"
    | "unsuccessfulAt"
  >;
  lotCount: number;
  answeredCriterionIds: string[];
  qualityCriteria: { id: string; title: string }[];
  /** The supplier's bidders and admins, who are told of the bid's receipt. */
  bidderUserIds: string[];
  /** The database clock as the row was read (receipt times are taken again by the write itself). */
  now: Date;
}

interface Row {
  id: string;
  supplier_id: string;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  validated_at: Date | null;
  disqualified_at: Date | null;
  confirmed_tender_version: number | null;
  tender_id: string;
  title: string;
  version: number;
  buyer_id: string;
  published_at: Date | null;
  submission_deadline: Date;
  closed_at: Date | null;
  evaluation_started_at: Date | null;
  award_pending_at: Date | null;
  awarded_at: Date | null;
  cancelled_at: Date | null;
  unsuccessful_at: Date | null;
  lot_count: number;
  answered: string[];
  quality: { id: string; title: string }[];
  bidders: string[];
  now: Date;
}

/**
 * Locks a bid (FOR UPDATE) and its tender (FOR SHARE: other bids proceed in parallel, an amendment or
 * the closing waits) and loads what the bid transitions need, in one round trip because submissions
 * crowd in at the deadline. A bid of another supplier is "not found": its existence is sealed too.
 */
export async function lockBid(tx: SqlTx, viewer: Viewer, bidId: string): Promise<LockedBid> {
  const locked = (await lockBids(tx, [bidId])).get(bidId);
  if (!locked || !hasRole(viewer, locked.bid.supplierId, BID_ROLES)) throw new NotFoundError("The bid");
  return locked;
}

/**
 * lockBid for many bids in one statement (a batch of submissions), locking them in id order so that two
 * batches never wait for each other in a circle. The caller checks who may act on each.
 */
export async function lockBids(tx: SqlTx, bidIds: readonly string[]): Promise<Map<string, LockedBid>> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT b.id, b.supplier_id, b.submitted_at, b.withdrawn_at, b.validated_at, b.disqualified_at, b.confirmed_tender_version,
           t.id AS tender_id, t.title, t.version, t.buyer_id, t.published_at, t.submission_deadline, t.closed_at,
           t.evaluation_started_at, t.award_pending_at, t.awarded_at, t.cancelled_at, t.unsuccessful_at,
           (SELECT count(*)::int FROM bid_lot bl WHERE bl.bid_id = b.id) AS lot_count,
           ARRAY(SELECT a.criterion_id FROM bid_answer a WHERE a.bid_id = b.id AND a.answer <> '') AS answered,
           (SELECT coalesce(json_agg(json_build_object('id', c.id, 'title', c.title) ORDER BY c.position), '[]'::json)
              FROM criterion c WHERE c.tender_id = t.id AND c.kind = 'QUALITY') AS quality,
           ARRAY(SELECT DISTINCT m.user_id FROM membership m
                  WHERE m.organisation_id = b.supplier_id AND m.role IN ('ADMIN', 'BIDDER') ORDER BY m.user_id) AS bidders,
           clock_timestamp() AS now
      FROM bid b JOIN tender t ON t.id = b.tender_id
     WHERE b.id = ANY(${bidIds}::text[])
     ORDER BY b.id
       FOR UPDATE OF b FOR SHARE OF t`;
  return new Map(rows.map((r) => [r.id, lockedBidOf(r)]));
}

function lockedBidOf(r: Row): LockedBid {
  return {
    bid: {
      id: r.id,
      supplierId: r.supplier_id,
      submittedAt: r.submitted_at,
      withdrawnAt: r.withdrawn_at,
      validatedAt: r.validated_at,
      disqualifiedAt: r.disqualified_at,
      confirmedTenderVersion: r.confirmed_tender_version,
    },
    tender: {
      id: r.tender_id,
      title: r.title,
      version: r.version,
      buyerId: r.buyer_id,
      publishedAt: r.published_at,
      submissionDeadline: r.submission_deadline,
      closedAt: r.closed_at,
      evaluationStartedAt: r.evaluation_started_at,
      awardPendingAt: r.award_pending_at,
      awardedAt: r.awarded_at,
      cancelledAt: r.cancelled_at,
      unsuccessfulAt: r.unsuccessful_at,
    },
    lotCount: r.lot_count,
    answeredCriterionIds: r.answered,
    qualityCriteria: r.quality,
    bidderUserIds: r.bidders,
    now: new Date(r.now),
  };
}

/** The database clock now (not the transaction's start): receipt times are taken after the locks are held. */
export async function clockNow(tx: Tx): Promise<Date> {
  const rows = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return new Date(rows[0]!.now);
}

/**
 * Bid transactions crowd in at a deadline and queue for a pool connection and the audit lock: an
 * overloaded server must answer late rather than fail a submission (Prisma's defaults are 2 s to
 * start and 5 s to finish). The deadline is still decided by the receipt time, not by the wait.
 */
export const BID_TRANSACTION = { maxWait: 120_000, timeout: 60_000 } as const;
