import type { Bid } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { NotFoundError, ValidationError, type FieldIssue } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { lockTender, requireViewer, resolveSupplierId } from "../tenders/tender-access.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { BID_TRANSACTION } from "./lock-bid.ts";
import { saveBidSchema, type SaveBidInput } from "./bid-input.ts";
import { assertCanSaveBid, deriveBidStatus } from "./bid-status.ts";

/**
 * Creates or replaces a supplier's draft bid: the lots it bids for with a price each, and its answers
 * to the quality criteria. Saving a withdrawn bid makes it a draft again. Prices and answers are
 * sealed: they appear in no audit event, log line or notification.
 */
export async function saveBid(deps: Pick<Deps, "prisma">, viewer: Viewer | null, raw: SaveBidInput): Promise<Bid> {
  const actor = requireViewer(viewer);
  const input = parseInput(saveBidSchema, raw);
  const supplierId = resolveSupplierId(actor, input.supplierId);
  return deps.prisma.$transaction(async (tx) => {
    const tender = await lockTender(tx, input.tenderId, "SHARE").catch(() => null);
    if (!tender?.publishedAt) throw new NotFoundError("The tender");
    const now = await databaseNow(tx);
    const existing = await tx.bid.findUnique({ where: { tenderId_supplierId: { tenderId: tender.id, supplierId } } });
    assertCanSaveBid(existing ? deriveBidStatus(existing) : null, deriveTenderStatus(tender, now), tender.submissionDeadline);

    const [lots, criteria] = await Promise.all([
      tx.lot.findMany({ where: { tenderId: tender.id }, select: { id: true } }),
      tx.criterion.findMany({ where: { tenderId: tender.id }, select: { id: true, kind: true } }),
    ]);
    const issues: FieldIssue[] = [];
    const lotIds = new Set(lots.map((l) => l.id));
    const seenLots = new Set<string>();
    input.lots.forEach((l, i) => {
      if (!lotIds.has(l.lotId)) issues.push({ path: ["lots", String(i), "lotId"], message: "Choose a lot of this tender" });
      else if (seenLots.has(l.lotId))
        issues.push({ path: ["lots", String(i), "lotId"], message: "You have priced this lot twice" });
      seenLots.add(l.lotId);
    });
    const quality = new Set(criteria.filter((c) => c.kind === "QUALITY").map((c) => c.id));
    input.answers.forEach((a, i) => {
      if (!quality.has(a.criterionId))
        issues.push({ path: ["answers", String(i), "criterionId"], message: "Answer a quality question of this tender" });
    });
    if (issues.length) throw new ValidationError(issues);

    const bid = existing
      ? await tx.bid.update({
          where: { id: existing.id },
          data: { submittedAt: null, withdrawnAt: null, confirmedTenderVersion: null },
        })
      : await tx.bid.create({ data: { tenderId: tender.id, supplierId, createdByUserId: actor.userId } });
    await tx.bidLot.deleteMany({ where: { bidId: bid.id } });
    await tx.bidAnswer.deleteMany({ where: { bidId: bid.id } });
    if (input.lots.length)
      await tx.bidLot.createMany({ data: input.lots.map((l) => ({ bidId: bid.id, lotId: l.lotId, pricePence: l.pricePence })) });
    const answers = input.answers.filter((a) => a.answer.length > 0);
    if (answers.length)
      await tx.bidAnswer.createMany({
        data: answers.map((a) => ({ bidId: bid.id, criterionId: a.criterionId, answer: a.answer })),
      });

    // Only changes of state are audited (creating the draft, or a withdrawn bid becoming a draft again).
    if (!existing || existing.withdrawnAt)
      await recordAuditEvent(tx, {
        actorUserId: actor.userId,
        organisationId: supplierId,
        action: existing ? "bid.redrafted" : "bid.drafted",
        entityType: "Bid",
        entityId: bid.id,
        data: { tenderId: tender.id },
      });
    return bid;
  }, BID_TRANSACTION);
}
