import type { ConflictDeclaration } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, EVALUATE_ROLES, lockTender, requireViewer } from "../tenders/tender-access.ts";
import { TenderStateError, deriveTenderStatus } from "../tenders/tender-status.ts";

export const declareConflictSchema = z
  .object({
    tenderId: z.string(),
    hasConflict: z.boolean(),
    details: z.string().trim().max(5000, "Keep the details under 5,000 characters").default(""),
  })
  .refine((d) => !d.hasConflict || d.details.length >= 5, {
    path: ["details"],
    message: "Say what the conflict of interest is",
  });

/**
 * An evaluator declares, once the tender has closed, whether they have a conflict of interest with any
 * bidder; a declaration is required before scoring. Declaring a conflict later withdraws the person's
 * scores; a declared conflict cannot be taken back.
 */
export async function declareConflict(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: z.input<typeof declareConflictSchema>,
): Promise<ConflictDeclaration> {
  const actor = requireViewer(viewer);
  const input = parseInput(declareConflictSchema, raw);
  return deps.prisma.$transaction(async (tx) => {
    const tender = await lockTender(tx, input.tenderId, "SHARE");
    assertTenderRole(actor, tender, EVALUATE_ROLES, "declare conflicts of interest on this tender");
    const now = await databaseNow(tx);
    const status = deriveTenderStatus(tender, now);
    if (status !== "CLOSED" && status !== "EVALUATION" && status !== "AWARD_PENDING")
      throw new TenderStateError(status, "Conflicts of interest are declared after the tender closes, before scoring");
    const key = { tenderId_userId: { tenderId: tender.id, userId: actor.userId } };
    const previous = await tx.conflictDeclaration.findUnique({ where: key });
    if (previous?.hasConflict && !input.hasConflict)
      throw new ConflictError(
        "You have declared a conflict of interest on this tender; it cannot be withdrawn",
        "CONFLICT_DECLARED",
      );
    const declaration = await tx.conflictDeclaration.upsert({
      where: key,
      create: {
        tenderId: tender.id,
        userId: actor.userId,
        hasConflict: input.hasConflict,
        details: input.details,
        declaredAt: now,
      },
      update: { hasConflict: input.hasConflict, details: input.details, declaredAt: now },
    });
    const withdrawn = input.hasConflict
      ? (await tx.score.deleteMany({ where: { evaluatorUserId: actor.userId, bid: { tenderId: tender.id } } })).count
      : 0;
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: input.hasConflict ? "conflict.declared" : "conflict.declared-none",
      entityType: "Tender",
      entityId: tender.id,
      data: { hasConflict: input.hasConflict, withdrawnScores: withdrawn },
    });
    return declaration;
  });
}
