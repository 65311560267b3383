import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { requireViewer } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { assertCanConfirmBid } from "./bid-status.ts";
import { BID_TRANSACTION, clockNow, lockBid } from "./lock-bid.ts";

/** Re-confirms a submitted bid against the tender's current version after an amendment (before the deadline). */
export async function confirmBid(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  bidId: string,
): Promise<{ bidId: string; confirmedTenderVersion: number }> {
  const actor = requireViewer(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const { bid, tender } = await lockBid(tx, actor, bidId);
    const now = await clockNow(tx);
    const needed = assertCanConfirmBid(bid, tender.version, deriveTenderStatus(tender, now), tender.submissionDeadline);
    if (!needed) return { bidId: bid.id, confirmedTenderVersion: tender.version };
    const [{ at }] = await tx.$queryRaw<[{ at: Date }]>`
      UPDATE bid SET confirmed_tender_version = ${tender.version}, updated_at = clock_timestamp() WHERE id = ${bid.id} RETURNING updated_at AS at`;
    if (at.getTime() >= tender.submissionDeadline.getTime()) throw new DeadlinePassedError(tender.submissionDeadline);
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: bid.supplierId,
      action: "bid.confirmed",
      entityType: "Bid",
      entityId: bid.id,
      data: { tenderId: tender.id, tenderVersion: tender.version, confirmedAt: at.toISOString() },
    });
    return { bidId: bid.id, confirmedTenderVersion: tender.version };
  }, BID_TRANSACTION);
}
