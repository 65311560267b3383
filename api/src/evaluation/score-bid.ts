import type { Score } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, EVALUATE_ROLES, lockTender, requireViewer } from "../tenders/tender-access.ts";
import { assertCanEvaluate, deriveTenderStatus } from "../tenders/tender-status.ts";
import { scoreForMark } from "./evaluation-scores.ts";

export const scoreBidSchema = z.object({
  bidId: z.string(),
  criterionId: z.string(),
  mark: z.number().int("Choose a mark from 0 to 4").min(0, "Choose a mark from 0 to 4").max(4, "Choose a mark from 0 to 4"),
  comment: z
    .string()
    .trim()
    .min(3, "Give a reason for the mark: bidders are told why")
    .max(5000, "Keep the comment under 5,000 characters"),
});

/** Thrown when someone scores without a declaration of no conflict (or with a declared conflict). */
export class ConflictOfInterestError extends ConflictError {
  override name = "ConflictOfInterestError";
  constructor(message: string, code: "DECLARATION_REQUIRED" | "CONFLICT_OF_INTEREST") {
    super(message, code);
  }
}

/**
 * An evaluator marks one quality criterion of one valid bid on the 0-4 scale (stored as 0-100), on
 * their own: each evaluator has one score per bid and criterion, which they may revise until a lot of
 * the bid is awarded. Requires a declaration of no conflict of interest.
 */
export async function scoreBid(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: z.input<typeof scoreBidSchema>,
): Promise<Score> {
  const actor = requireViewer(viewer);
  const input = parseInput(scoreBidSchema, raw);
  return deps.prisma.$transaction(async (tx) => {
    const bid = await tx.bid.findUnique({
      where: { id: input.bidId },
      select: { id: true, tenderId: true, validatedAt: true, disqualifiedAt: true, lots: { select: { lotId: true } } },
    });
    if (!bid) throw new NotFoundError("The bid");
    const tender = await lockTender(tx, bid.tenderId, "SHARE");
    assertTenderRole(actor, tender, EVALUATE_ROLES, "score bids");
    const now = await databaseNow(tx);
    assertCanEvaluate(deriveTenderStatus(tender, now));
    const declaration = await tx.conflictDeclaration.findUnique({
      where: { tenderId_userId: { tenderId: tender.id, userId: actor.userId } },
    });
    if (!declaration)
      throw new ConflictOfInterestError("Declare whether you have a conflict of interest before scoring", "DECLARATION_REQUIRED");
    if (declaration.hasConflict)
      throw new ConflictOfInterestError(
        "You declared a conflict of interest, so you cannot score this tender",
        "CONFLICT_OF_INTEREST",
      );
    if (!bid.validatedAt || bid.disqualifiedAt) throw new ConflictError("Only valid bids are scored", "BID_NOT_VALID");
    const criterion = await tx.criterion.findUnique({ where: { id: input.criterionId } });
    if (!criterion || criterion.tenderId !== tender.id || criterion.kind !== "QUALITY")
      throw ValidationError.field("criterionId", "Choose a quality criterion of this tender");
    const awarded = await tx.award.count({ where: { tenderId: tender.id, lotId: { in: bid.lots.map((l) => l.lotId) } } });
    // Scores are frozen once a lot the bid is on has been awarded: its feedback must not change afterwards.
    if (awarded > 0)
      throw new ConflictError("A lot this bid is for has been awarded: its scores can no longer change", "LOT_AWARDED");

    const key = {
      bidId_criterionId_evaluatorUserId: { bidId: bid.id, criterionId: criterion.id, evaluatorUserId: actor.userId },
    };
    const score = await tx.score.upsert({
      where: key,
      create: {
        bidId: bid.id,
        criterionId: criterion.id,
        evaluatorUserId: actor.userId,
        score: scoreForMark(input.mark),
        comment: input.comment,
        scoredAt: now,
      },
      update: { score: scoreForMark(input.mark), comment: input.comment, scoredAt: now },
    });
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: "bid.scored",
      entityType: "Bid",
      entityId: bid.id,
      data: { tenderId: tender.id, criterionId: criterion.id, mark: input.mark },
    });
    return score;
  });
}
