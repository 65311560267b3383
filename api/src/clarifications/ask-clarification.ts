import type { ClarificationQuestion } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { lockTender, MANAGE_ROLES, requireViewer, resolveSupplierId } from "../tenders/tender-access.ts";
import { DeadlinePassedError } from "../tenders/tender.errors.ts";
import { assertCanAskClarification, deriveTenderStatus } from "../tenders/tender-status.ts";

export const askClarificationSchema = z.object({
  tenderId: z.string(),
  supplierId: z.string().nullish(),
  question: z.string().trim().min(5, "Enter your question").max(5000, "Keep your question under 5,000 characters"),
});

/**
 * A supplier asks the buyer a question before the clarification deadline. The asker is stored for the
 * record but never shown: not to the buyer, not in the answer, not in any notification. Asking also
 * follows the tender, so the answer reaches the asker like every other interested supplier.
 */
export async function askClarification(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  raw: z.input<typeof askClarificationSchema>,
): Promise<ClarificationQuestion> {
  const actor = requireViewer(viewer);
  const input = parseInput(askClarificationSchema, raw);
  const supplierId = resolveSupplierId(actor, input.supplierId);
  const question = await deps.prisma.$transaction(async (tx) => {
    const tender = await lockTender(tx, input.tenderId, "SHARE").catch(() => null);
    if (!tender?.publishedAt) throw new NotFoundError("The tender");
    const now = await databaseNow(tx);
    assertCanAskClarification(deriveTenderStatus(tender, now));
    if (now.getTime() >= tender.clarificationDeadline.getTime())
      throw new DeadlinePassedError(tender.clarificationDeadline, "The deadline for questions");
    const created = await tx.clarificationQuestion.create({
      data: { tenderId: tender.id, askedByOrganisationId: supplierId, askedByUserId: actor.userId, question: input.question },
    });
    await tx.tenderFollow.upsert({
      where: { tenderId_organisationId: { tenderId: tender.id, organisationId: supplierId } },
      create: { tenderId: tender.id, organisationId: supplierId },
      update: {},
    });
    await notify(tx, {
      userIds: await organisationMemberIds(tx, tender.buyerId, MANAGE_ROLES),
      kind: "clarification.asked",
      title: `New question: ${tender.title}`,
      body: `A supplier asked: ${input.question}`,
      link: `/tenders/${tender.id}/questions`,
      dedupeKey: `clarification-asked:${created.id}`,
    });
    // The audit trail (platform admins only) keeps who asked, as the legal record; nothing else does.
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: supplierId,
      action: "clarification.asked",
      entityType: "ClarificationQuestion",
      entityId: created.id,
      data: { tenderId: tender.id },
    });
    return created;
  });
  deps.outbox.kick();
  return question;
}
