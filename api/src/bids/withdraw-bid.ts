import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { requireViewer } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { assertCanWithdrawBid, deriveBidStatus } from "./bid-status.ts";
import { BID_TRANSACTION, clockNow, lockBid } from "./lock-bid.ts";

/** Withdraws a submitted bid before the deadline; it can be changed and submitted again until then. */
export async function withdrawBid(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  bidId: string,
): Promise<{ bidId: string; withdrawnAt: Date }> {
  const actor = requireViewer(viewer);
  const result = await deps.prisma.$transaction(async (tx) => {
    const { bid, tender } = await lockBid(tx, actor, bidId);
    const now = await clockNow(tx);
    assertCanWithdrawBid(deriveBidStatus(bid), deriveTenderStatus(tender, now), tender.submissionDeadline);
    const [{ withdrawn_at: withdrawnAt }] = await tx.$queryRaw<[{ withdrawn_at: Date }]>`
      UPDATE bid SET withdrawn_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = ${bid.id} RETURNING withdrawn_at`;
    if (withdrawnAt.getTime() >= tender.submissionDeadline.getTime()) throw new DeadlinePassedError(tender.submissionDeadline);
    await notify(tx, {
      userIds: await organisationMemberIds(tx, bid.supplierId, ["BIDDER"]),
      kind: "bid.withdrawn",
      title: `Bid withdrawn: ${tender.title}`,
      body: `Your bid was withdrawn at ${withdrawnAt.toISOString()}. It will not be considered unless you submit it again before ${tender.submissionDeadline.toISOString()}.`,
      link: `/tenders/${tender.id}`,
      dedupeKey: `bid-withdrawn:${bid.id}:${withdrawnAt.getTime()}`,
    });
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: bid.supplierId,
      action: "bid.withdrawn",
      entityType: "Bid",
      entityId: bid.id,
      data: { tenderId: tender.id, withdrawnAt: withdrawnAt.toISOString() },
    });
    return { bidId: bid.id, withdrawnAt };
  }, BID_TRANSACTION);
  deps.outbox.kick();
  return result;
}
