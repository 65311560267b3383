import type { Tender } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { databaseNow } from "../shared/transaction.ts";
import { readinessOfTender } from "./get-tender-readiness.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "./tender-access.ts";
import { TenderNotReadyError } from "./tender.errors.ts";
import { scheduleTenderJobs } from "./tender-jobs.ts";
import { assertCanPublish, deriveTenderStatus } from "./tender-status.ts";

/**
 * Publishes a draft once the readiness check finds no refusal (warnings are the buyer's call). Schedules
 * the close job at the submission deadline and matching, through the outbox.
 */
export async function publishTender(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  tenderId: string,
): Promise<Tender> {
  const actor = requireViewer(viewer);
  const tender = await deps.prisma.$transaction(async (tx) => {
    const draft = await lockTender(tx, tenderId, "UPDATE");
    assertTenderRole(actor, draft, MANAGE_ROLES, "publish this tender");
    const now = await databaseNow(tx);
    assertCanPublish(deriveTenderStatus(draft, now));
    const readiness = await readinessOfTender(tx, tenderId, now);
    if (!readiness.canPublish) throw new TenderNotReadyError(readiness.checks.filter((c) => c.severity === "REFUSAL"));
    const published = await tx.tender.update({ where: { id: tenderId }, data: { publishedAt: now } });
    await scheduleTenderJobs(tx, published);
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: published.buyerId,
      action: "tender.published",
      entityType: "Tender",
      entityId: tenderId,
      data: {
        version: published.version,
        submissionDeadline: published.submissionDeadline.toISOString(),
        warnings: readiness.checks.map((c) => c.code),
      },
    });
    return published;
  });
  deps.outbox.kick();
  return tender;
}
