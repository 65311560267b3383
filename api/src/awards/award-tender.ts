import type { Award } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { loadEvaluation } from "../evaluation/load-evaluation.ts";
import { enqueueJob } from "../jobs/outbox.ts";
import { jobIds } from "../jobs/queues.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "../tenders/tender-access.ts";
import { assertCanAward, deriveTenderStatus } from "../tenders/tender-status.ts";
import { STANDSTILL_WORKING_DAYS, workingDaysPeriodEnd } from "./working-days.ts";

export const awardTenderSchema = z.object({
  tenderId: z.string(),
  lotId: z.string(),
  bidId: z.string(),
  reasons: z
    .string()
    .trim()
    .min(20, "Explain why this bid is the most advantageous: every bidder is told")
    .max(10000, "Keep the reasons under 10,000 characters"),
});

/**
 * Awards one lot to its most advantageous valid bid once every valid bid on it is fully scored. This
 * is the intention to award: it starts an 8-working-day standstill (England and Wales bank holidays),
 * tells each bidder on the lot its own scores and the winner's with the reasons, and schedules the end
 * of standstill, when the award becomes a contract.
 */
export async function awardTender(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  raw: z.input<typeof awardTenderSchema>,
): Promise<Award> {
  const actor = requireViewer(viewer);
  const input = parseInput(awardTenderSchema, raw);
  const award = await deps.prisma.$transaction(async (tx) => {
    const tender = await lockTender(tx, input.tenderId, "UPDATE");
    assertTenderRole(actor, tender, MANAGE_ROLES, "award this tender");
    const now = await databaseNow(tx);
    assertCanAward(deriveTenderStatus(tender, now));
    const evaluation = await loadEvaluation(tx, tender.id);
    const lot = evaluation.find((l) => l.lotId === input.lotId);
    if (!lot) throw ValidationError.field("lotId", "Choose a lot of this tender");
    if (await tx.award.findUnique({ where: { lotId: lot.lotId } }))
      throw new ConflictError(`Lot ${lot.lotNumber} has already been awarded`, "LOT_ALREADY_AWARDED");
    const chosen = lot.results.find((r) => r.bidId === input.bidId);
    if (!chosen) throw ValidationError.field("bidId", "Choose a valid bid for this lot");
    const incomplete = lot.results.filter((r) => !r.complete).length;
    if (incomplete)
      throw new ConflictError(
        `${incomplete} bid${incomplete === 1 ? " is" : "s are"} not fully scored on every quality criterion yet`,
        "EVALUATION_INCOMPLETE",
      );
    if (chosen.rank !== 1)
      throw new ConflictError(
        `This bid ranks ${chosen.rank} on lot ${lot.lotNumber}: award the most advantageous bid (rank 1)`,
        "NOT_MOST_ADVANTAGEOUS",
      );

    const standstillEndsAt = workingDaysPeriodEnd(now, STANDSTILL_WORKING_DAYS);
    const created = await tx.award.create({
      data: {
        tenderId: tender.id,
        lotId: lot.lotId,
        bidId: chosen.bidId,
        decidedByUserId: actor.userId,
        decidedAt: now,
        standstillEndsAt,
        reasons: input.reasons,
      },
    });
    if (!tender.awardPendingAt) await tx.tender.update({ where: { id: tender.id }, data: { awardPendingAt: now } });
    await enqueueJob(tx, {
      queue: "deadlines",
      name: "end-standstill",
      jobId: jobIds.endStandstill(created.id),
      payload: { tenderId: tender.id, awardId: created.id },
      runAt: standstillEndsAt,
    });
    // Each bidder hears only its own outcome here; its scores and the winner's are on its bid's feedback.
    for (const result of lot.results) {
      const won = result.bidId === chosen.bidId;
      await notify(tx, {
        userIds: await organisationMemberIds(tx, result.supplierId),
        kind: won ? "award.won" : "award.lost",
        title: `${won ? "Successful" : "Unsuccessful"}: ${tender.title}, lot ${lot.lotNumber}`,
        body: won
          ? `The council intends to award lot ${lot.lotNumber} to you. Your score: ${result.total} out of 100. The standstill period ends at ${standstillEndsAt.toISOString()}; the contract follows if nobody challenges the decision.`
          : `The council intends to award lot ${lot.lotNumber} to another bidder. Your score: ${result.total} out of 100 (rank ${result.rank}); the winning score: ${chosen.total}. Your feedback shows the scores for each criterion and the reasons. The standstill period ends at ${standstillEndsAt.toISOString()}.`,
        link: `/tenders/${tender.id}/bid`,
        dedupeKey: `award:${created.id}:${result.bidId}`,
      });
    }
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: "tender.lot-awarded",
      entityType: "Award",
      entityId: created.id,
      data: {
        tenderId: tender.id,
        lotId: lot.lotId,
        bidId: chosen.bidId,
        total: chosen.total,
        standstillEndsAt: standstillEndsAt.toISOString(),
      },
    });
    return created;
  });
  deps.outbox.kick();
  return award;
}
