import type { Tender } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "./tender-access.ts";
import { assertCanOpenBids, deriveTenderStatus } from "./tender-status.ts";

/** Opens the sealed bids of a closed tender, which starts the evaluation; only then can the council read them. */
export async function openBids(deps: Pick<Deps, "prisma">, viewer: Viewer | null, tenderId: string): Promise<Tender> {
  const actor = requireViewer(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const tender = await lockTender(tx, tenderId, "UPDATE");
    assertTenderRole(actor, tender, MANAGE_ROLES, "open the bids");
    const now = await databaseNow(tx);
    assertCanOpenBids(deriveTenderStatus(tender, now), tender.closedAt);
    const opened = await tx.tender.update({ where: { id: tenderId }, data: { evaluationStartedAt: now } });
    const validBids = await tx.bid.count({ where: { tenderId, validatedAt: { not: null } } });
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: "tender.bids-opened",
      entityType: "Tender",
      entityId: tenderId,
      data: { validBids },
    });
    return opened;
  });
}
