import { recordAuditEvent } from "../audit/audit.ts";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { databaseNow } from "../shared/transaction.ts";
import { lockTender, MANAGE_ROLES } from "../tenders/tender-access.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";

export type EndStandstillResult =
  | { outcome: "contracted"; contractId: string; tenderAwarded: boolean }
  | { outcome: "not-due"; standstillEndsAt: Date }
  /** A contract exists already, or the tender was cancelled meanwhile: nothing to do (idempotent). */
  | { outcome: "nothing-to-do"; reason: string };

/**
 * Ends an award's standstill on the database clock: the award becomes a contract at the winning price,
 * and once every lot with a valid bid has a contract the tender is AWARDED. Idempotent; called by the
 * end-standstill job.
 */
export async function endStandstill(deps: Pick<Deps, "prisma" | "outbox">, awardId: string): Promise<EndStandstillResult> {
  const result = await deps.prisma.$transaction(async (tx): Promise<EndStandstillResult> => {
    const found = await tx.award.findUnique({ where: { id: awardId }, select: { tenderId: true } });
    if (!found) return { outcome: "nothing-to-do", reason: "no such award" };
    const tender = await lockTender(tx, found.tenderId, "UPDATE");
    const award = await tx.award.findUniqueOrThrow({
      where: { id: awardId },
      include: { contract: { select: { id: true } }, bid: { select: { supplierId: true, lots: true } }, lot: true },
    });
    if (award.contract) return { outcome: "nothing-to-do", reason: "already a contract" };
    const now = await databaseNow(tx);
    const status = deriveTenderStatus(tender, now);
    if (status !== "AWARD_PENDING") return { outcome: "nothing-to-do", reason: `tender is ${status}` };
    if (now.getTime() < award.standstillEndsAt.getTime()) return { outcome: "not-due", standstillEndsAt: award.standstillEndsAt };

    const price = award.bid.lots.find((l) => l.lotId === award.lotId)!.pricePence;
    const contract = await tx.contract.create({
      data: {
        awardId,
        tenderId: tender.id,
        lotId: award.lotId,
        supplierId: award.bid.supplierId,
        valuePence: price,
        signedAt: now,
      },
    });
    // The tender is awarded when every lot that has a valid bid has its contract.
    const lots = await tx.lot.findMany({
      where: { tenderId: tender.id },
      select: {
        id: true,
        contracts: { select: { id: true } },
        bidLots: { where: { bid: { validatedAt: { not: null } } }, select: { bidId: true } },
      },
    });
    const tenderAwarded = lots.every((l) => l.contracts.length > 0 || l.bidLots.length === 0);
    if (tenderAwarded) await tx.tender.update({ where: { id: tender.id }, data: { awardedAt: now } });

    await notify(tx, {
      userIds: [
        ...(await organisationMemberIds(tx, award.bid.supplierId)),
        ...(await organisationMemberIds(tx, tender.buyerId, MANAGE_ROLES)),
      ],
      kind: "contract.made",
      title: `Contract made: ${tender.title}, lot ${award.lot.number}`,
      body: `The standstill period has ended without challenge, so the award of lot ${award.lot.number} is now a contract.`,
      link: `/tenders/${tender.id}`,
      dedupeKey: `contract:${awardId}`,
    });
    await recordAuditEvent(tx, {
      actorUserId: null,
      organisationId: tender.buyerId,
      action: "award.contracted",
      entityType: "Award",
      entityId: awardId,
      data: { tenderId: tender.id, contractId: contract.id, tenderAwarded },
    });
    return { outcome: "contracted", contractId: contract.id, tenderAwarded };
  });
  if (result.outcome === "contracted") deps.outbox.kick();
  return result;
}
