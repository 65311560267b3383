import type { ClarificationQuestion } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "../tenders/tender-access.ts";
import { assertCanAnswerClarification, deriveTenderStatus } from "../tenders/tender-status.ts";

export const answerClarificationSchema = z.object({
  questionId: z.string(),
  answer: z.string().trim().min(2, "Enter the answer").max(10000, "Keep the answer under 10,000 characters"),
});

/**
 * The buyer answers a question; question and answer are published on the tender for everyone, and
 * every interested supplier (followers and bidders, the asker among them) is told in the same words,
 * so nothing singles out who asked.
 */
export async function answerClarification(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  raw: z.input<typeof answerClarificationSchema>,
): Promise<ClarificationQuestion> {
  const actor = requireViewer(viewer);
  const input = parseInput(answerClarificationSchema, raw);
  const answered = await deps.prisma.$transaction(async (tx) => {
    const found = await tx.clarificationQuestion.findUnique({ where: { id: input.questionId }, select: { tenderId: true } });
    if (!found) throw new NotFoundError("The question");
    const tender = await lockTender(tx, found.tenderId, "UPDATE");
    assertTenderRole(actor, tender, MANAGE_ROLES, "answer questions");
    const now = await databaseNow(tx);
    assertCanAnswerClarification(deriveTenderStatus(tender, now));
    const question = await tx.clarificationQuestion.findUniqueOrThrow({ where: { id: input.questionId } });
    if (question.answeredAt) throw new ConflictError("This question has already been answered", "ALREADY_ANSWERED");
    const updated = await tx.clarificationQuestion.update({
      where: { id: question.id },
      data: { answer: input.answer, answeredAt: now, answeredByUserId: actor.userId },
    });
    const [follows, bids] = await Promise.all([
      tx.tenderFollow.findMany({ where: { tenderId: tender.id }, select: { organisationId: true } }),
      tx.bid.findMany({ where: { tenderId: tender.id }, select: { supplierId: true } }),
    ]);
    const interested = [...new Set([...follows.map((f) => f.organisationId), ...bids.map((b) => b.supplierId)])];
    await notify(tx, {
      userIds: (await Promise.all(interested.map((id) => organisationMemberIds(tx, id)))).flat(),
      kind: "clarification.answered",
      title: `Question answered: ${tender.title}`,
      body: `Q: ${question.question}\n\nA: ${input.answer}`,
      link: `/tenders/${tender.id}/questions`,
      dedupeKey: `clarification-answered:${question.id}`,
    });
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: "clarification.answered",
      entityType: "ClarificationQuestion",
      entityId: question.id,
      data: { tenderId: tender.id, recipients: interested.length },
    });
    return updated;
  });
  deps.outbox.kick();
  return answered;
}
