import { recordAuditEvent } from "../audit/audit.ts";
import { validateBidAtClose } from "../bids/bid-status.ts";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { databaseNow } from "../shared/transaction.ts";
import { lockTender, MANAGE_ROLES } from "./tender-access.ts";
import { assertCanClose, deriveTenderStatus } from "./tender-status.ts";

export type CloseTenderResult =
  | { outcome: "closed"; validBids: number; disqualifiedBids: number; unsuccessful: boolean }
  /** The deadline is still ahead on the database clock (a job that ran early or a deadline since extended). */
  | { outcome: "not-due"; submissionDeadline: Date; version: number }
  /** Already closed (or cancelled, or further on): running twice is harmless. */
  | { outcome: "already-closed" };

/**
 * Closes a tender whose submission deadline has passed on the database clock: each submitted bid
 * becomes VALID, or DISQUALIFIED when it was not re-confirmed after an amendment, and a tender left
 * with no valid bid becomes UNSUCCESSFUL. Idempotent; called by the close-tender job.
 */
export async function closeTender(deps: Pick<Deps, "prisma" | "outbox">, tenderId: string): Promise<CloseTenderResult> {
  const result = await deps.prisma.$transaction(async (tx): Promise<CloseTenderResult> => {
    // FOR UPDATE waits for submissions in flight (they hold FOR SHARE), so every bid that was accepted
    // before the deadline is committed and counted here.
    const tender = await lockTender(tx, tenderId, "UPDATE");
    const now = await databaseNow(tx);
    if (!assertCanClose(tender, now)) {
      return deriveTenderStatus(tender, now) === "PUBLISHED"
        ? { outcome: "not-due", submissionDeadline: tender.submissionDeadline, version: tender.version }
        : { outcome: "already-closed" };
    }
    const bids = await tx.bid.findMany({
      where: { tenderId, submittedAt: { not: null }, withdrawnAt: null },
      select: {
        id: true,
        supplierId: true,
        submittedAt: true,
        withdrawnAt: true,
        validatedAt: true,
        disqualifiedAt: true,
        confirmedTenderVersion: true,
      },
    });
    const valid: string[] = [];
    const disqualified: { id: string; supplierId: string; reason: string }[] = [];
    for (const bid of bids) {
      const verdict = validateBidAtClose(bid, tender.version);
      if (verdict?.valid) valid.push(bid.id);
      else if (verdict) disqualified.push({ id: bid.id, supplierId: bid.supplierId, reason: verdict.reason });
    }
    if (valid.length) await tx.bid.updateMany({ where: { id: { in: valid } }, data: { validatedAt: now } });
    for (const d of disqualified)
      await tx.bid.update({ where: { id: d.id }, data: { disqualifiedAt: now, disqualificationReason: d.reason } });
    const unsuccessful = valid.length === 0;
    await tx.tender.update({
      where: { id: tenderId },
      data: { closedAt: now, ...(unsuccessful ? { unsuccessfulAt: now } : {}) },
    });

    await notify(tx, {
      userIds: await organisationMemberIds(tx, tender.buyerId, MANAGE_ROLES),
      kind: "tender.closed",
      title: unsuccessful
        ? `No valid bids: ${tender.title}`
        : `Closed with ${valid.length} valid bid${valid.length === 1 ? "" : "s"}: ${tender.title}`,
      body: unsuccessful
        ? "The submission deadline has passed with no valid bid, so the tender is unsuccessful."
        : "The submission deadline has passed. Open the bids to start the evaluation.",
      link: `/tenders/${tenderId}`,
      dedupeKey: `tender-closed:${tenderId}`,
    });
    for (const d of disqualified)
      await notify(tx, {
        userIds: await organisationMemberIds(tx, d.supplierId),
        kind: "bid.disqualified",
        title: `Your bid was not accepted: ${tender.title}`,
        body: d.reason,
        link: `/tenders/${tenderId}`,
        dedupeKey: `bid-disqualified:${d.id}`,
      });
    await recordAuditEvent(tx, {
      actorUserId: null,
      organisationId: tender.buyerId,
      action: unsuccessful ? "tender.closed-unsuccessful" : "tender.closed",
      entityType: "Tender",
      entityId: tenderId,
      data: { version: tender.version, validBids: valid.length, disqualifiedBids: disqualified.length },
    });
    return { outcome: "closed", validBids: valid.length, disqualifiedBids: disqualified.length, unsuccessful };
  });
  if (result.outcome === "closed") deps.outbox.kick();
  return result;
}
