import type { Tender } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "./tender-access.ts";
import { assertCanCancel, deriveTenderStatus } from "./tender-status.ts";

export const cancelTenderSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(10, "Explain in a sentence why the tender is cancelled")
    .max(2000, "Keep the reason under 2,000 characters"),
});

/** Cancels a tender that has not ended, with a reason that bidders and followers are told. */
export async function cancelTender(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  tenderId: string,
  raw: { reason: string },
): Promise<Tender> {
  const actor = requireViewer(viewer);
  const { reason } = parseInput(cancelTenderSchema, raw);
  const tender = await deps.prisma.$transaction(async (tx) => {
    const before = await lockTender(tx, tenderId, "UPDATE");
    assertTenderRole(actor, before, MANAGE_ROLES, "cancel this tender");
    const now = await databaseNow(tx);
    const status = deriveTenderStatus(before, now);
    assertCanCancel(status);
    const cancelled = await tx.tender.update({ where: { id: tenderId }, data: { cancelledAt: now, cancellationReason: reason } });
    if (status !== "DRAFT") {
      const [bids, follows] = await Promise.all([
        tx.bid.findMany({ where: { tenderId, withdrawnAt: null }, select: { supplierId: true } }),
        tx.tenderFollow.findMany({ where: { tenderId }, select: { organisationId: true } }),
      ]);
      const organisations = [...new Set([...bids.map((b) => b.supplierId), ...follows.map((f) => f.organisationId)])];
      await notify(tx, {
        userIds: (await Promise.all(organisations.map((id) => organisationMemberIds(tx, id)))).flat(),
        kind: "tender.cancelled",
        title: `Cancelled: ${cancelled.title}`,
        body: `The buyer cancelled this tender. Their reason: ${reason}`,
        link: `/tenders/${tenderId}`,
        dedupeKey: `tender-cancelled:${tenderId}`,
      });
    }
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: cancelled.buyerId,
      action: "tender.cancelled",
      entityType: "Tender",
      entityId: tenderId,
      data: { from: status, reason },
    });
    return cancelled;
  });
  deps.outbox.kick();
  return tender;
}
