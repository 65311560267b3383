import type { Match } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, MANAGE_ROLES, requireViewer } from "../tenders/tender-access.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { lockVisibleMatch } from "./match-access.ts";

/**
 * The buyer invites a matched supplier to bid: the supplier's bidders are told (in the app and by email)
 * and the match shows the invitation. Only while the tender is open; inviting twice sends nothing more.
 */
export async function inviteMatchedSupplier(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  matchId: string,
): Promise<Match> {
  const actor = requireViewer(viewer);
  const { match, invited } = await deps.prisma.$transaction(async (tx) => {
    const match = await lockVisibleMatch(tx, actor, matchId);
    assertTenderRole(actor, match.tender, MANAGE_ROLES, "invite suppliers to bid");
    const now = await databaseNow(tx);
    if (deriveTenderStatus(match.tender, now) !== "PUBLISHED")
      throw new ConflictError("Suppliers can be invited only while the tender is open for bids", "TENDER_NOT_OPEN");
    if (match.dismissedAt) throw new ConflictError("The supplier has said this tender is not relevant to it", "MATCH_DISMISSED");
    if (match.invitedAt) return { match, invited: false };
    const updated = await tx.match.update({ where: { id: match.id }, data: { invitedAt: now } });
    const buyer = await tx.organisation.findUniqueOrThrow({ where: { id: match.tender.buyerId }, select: { name: true } });
    await notify(tx, {
      userIds: await organisationMemberIds(tx, match.supplierId, ["BIDDER"]),
      kind: "tender.invited",
      title: `${buyer.name} invites you to bid: ${match.tender.title}`,
      body: `${buyer.name} saw that your company matches this tender and invites you to bid before ${match.tender.submissionDeadline.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      link: `/tenders/${match.tenderId}`,
      dedupeKey: `tender-invited:${match.tenderId}:${match.supplierId}`,
    });
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: match.tender.buyerId,
      action: "match.supplier-invited",
      entityType: "Match",
      entityId: match.id,
      data: { tenderId: match.tenderId, supplierId: match.supplierId },
    });
    return { match: updated, invited: true };
  });
  if (invited) deps.outbox.kick();
  return match;
}
