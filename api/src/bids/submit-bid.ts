import type { Bid } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ValidationError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { inOrder, sqlTransaction } from "../shared/transaction.ts";
import { requireViewer } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { missingFromBid } from "./bid-completeness.ts";
import { assertCanSubmitBid, deriveBidStatus } from "./bid-status.ts";
import { BID_TRANSACTION, lockBid } from "./lock-bid.ts";

/**
 * Submits a draft (or resubmits a withdrawn bid) before the deadline. The database clock decides: the
 * receipt time is taken by the UPDATE itself, after the locks are held, and a receipt at or after the
 * deadline rolls the whole transaction back, so a bid racing the deadline is either fully submitted
 * before it or not at all. Submissions crowd in at a deadline, so this is three round trips and the
 * commit: lock and load, stamp the receipt, then the notification, audit lock and audit event together.
 */
export async function submitBid(
  deps: Pick<Deps, "db" | "outbox">,
  viewer: Viewer | null,
  bidId: string,
): Promise<{ bidId: string; receivedAt: Date; /** The bid as the submission stored it. */ bid: Bid }> {
  const actor = requireViewer(viewer);
  const result = await sqlTransaction(
    deps.db,
    async (tx) => {
      const { bid, tender, lotCount, answeredCriterionIds, qualityCriteria, bidderUserIds, now } = await lockBid(
        tx,
        actor,
        bidId,
      );
      assertCanSubmitBid(deriveBidStatus(bid), deriveTenderStatus(tender, now), tender.submissionDeadline);
      const missing = missingFromBid({ lotCount, answeredCriterionIds }, qualityCriteria);
      if (missing.length) throw new ValidationError(missing);

      const [stored] = await tx.$queryRaw<[Bid]>`
        UPDATE bid SET submitted_at = clock_timestamp(), withdrawn_at = NULL, confirmed_tender_version = ${tender.version},
                       updated_at = clock_timestamp()
         WHERE id = ${bid.id}
     RETURNING id, tender_id AS "tenderId", supplier_id AS "supplierId", created_by_user_id AS "createdByUserId",
               created_at AS "createdAt", updated_at AS "updatedAt", submitted_at AS "submittedAt", withdrawn_at AS "withdrawnAt",
               confirmed_tender_version AS "confirmedTenderVersion", validated_at AS "validatedAt",
               disqualified_at AS "disqualifiedAt", disqualification_reason AS "disqualificationReason"`;
      const receivedAt = stored.submittedAt!;
      if (receivedAt.getTime() >= tender.submissionDeadline.getTime()) throw new DeadlinePassedError(tender.submissionDeadline);

      await inOrder(tx, [
        () =>
          notify(tx, {
            userIds: bidderUserIds,
            kind: "bid.received",
            title: `Bid received: ${tender.title}`,
            body: `Your bid was received at ${receivedAt.toISOString()} (the marketplace's clock), before the deadline of ${tender.submissionDeadline.toISOString()}. It stays sealed until the deadline.`,
            link: `/tenders/${tender.id}`,
            dedupeKey: `bid-received:${bid.id}:${receivedAt.getTime()}`,
          }),
        () =>
          recordAuditEvent(tx, {
            actorUserId: actor.userId,
            organisationId: bid.supplierId,
            action: bid.withdrawnAt ? "bid.resubmitted" : "bid.submitted",
            entityType: "Bid",
            entityId: bid.id,
            data: { tenderId: tender.id, tenderVersion: tender.version, receivedAt: receivedAt.toISOString() },
            occurredAt: receivedAt,
          }),
      ]);
      return { bidId: bid.id, receivedAt, bid: stored };
    },
    BID_TRANSACTION,
  );
  deps.outbox.kick();
  return result;
}
