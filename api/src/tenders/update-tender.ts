import type { Tender } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { databaseNow } from "../shared/transaction.ts";
import { assertTenderRole, lockTender, MANAGE_ROLES, requireViewer } from "./tender-access.ts";
import { tenderInputSchema, type ParsedTenderInput, type TenderInput } from "./tender-input.ts";
import { TenderNotReadyError } from "./tender.errors.ts";
import { scheduleTenderJobs } from "./tender-jobs.ts";
import { checkTenderReadiness } from "./tender-readiness.ts";
import { assertCanUpdate, deriveTenderStatus } from "./tender-status.ts";
import { tenderColumns, writeTenderParts } from "./write-tender-parts.ts";

/**
 * Edits a draft, or amends a published tender before its deadline. An amendment bumps the version,
 * which makes every submitted bid need re-confirmation (their suppliers are told), re-schedules the
 * close job for the (possibly changed) deadline and re-runs matching.
 */
export async function updateTender(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  tenderId: string,
  raw: TenderInput,
): Promise<Tender> {
  const actor = requireViewer(viewer);
  const input = parseInput(tenderInputSchema, raw);
  const result = await deps.prisma.$transaction(async (tx) => {
    const before = await lockTender(tx, tenderId, "UPDATE");
    assertTenderRole(actor, before, MANAGE_ROLES, "change this tender");
    const now = await databaseNow(tx);
    const status = deriveTenderStatus(before, now);
    assertCanUpdate(status);
    const amending = status === "PUBLISHED";

    if (amending) {
      // The minimum period runs from publication, so an amendment is checked as if published then, and
      // its deadline must still be ahead on the database clock.
      const readiness = checkTenderReadiness(
        {
          ...tenderColumns(input),
          lots: input.lots.map((l) => ({ title: l.title, valuePence: l.valuePence ?? null })),
          criteria: input.criteria,
        },
        before.publishedAt!,
      );
      const refusals = readiness.checks.filter((c) => c.severity === "REFUSAL");
      if (input.submissionDeadline.getTime() <= now.getTime())
        refusals.push({
          code: "SUBMISSION_DEADLINE_PASSED",
          severity: "REFUSAL",
          path: ["submissionDeadline"],
          message: "The new submission deadline must be in the future",
        });
      if (refusals.length) throw new TenderNotReadyError(refusals);
    }

    const changed = changedFields(before, input);
    const tender = await tx.tender.update({
      where: { id: tenderId },
      data: { ...tenderColumns(input), ...(amending ? { version: { increment: 1 }, amendedAt: now } : {}) },
    });
    await writeTenderParts(tx, tenderId, input);

    if (amending) {
      await scheduleTenderJobs(tx, tender);
      const bids = await tx.bid.findMany({
        where: { tenderId, withdrawnAt: null },
        select: { supplierId: true, submittedAt: true },
      });
      const submitted = [...new Set(bids.filter((b) => b.submittedAt).map((b) => b.supplierId))];
      const follows = await tx.tenderFollow.findMany({ where: { tenderId }, select: { organisationId: true } });
      const others = [...new Set([...follows.map((f) => f.organisationId), ...bids.map((b) => b.supplierId)])].filter(
        (id) => !submitted.includes(id),
      );
      const link = `/tenders/${tenderId}`;
      await notify(tx, {
        userIds: (await Promise.all(submitted.map((id) => organisationMemberIds(tx, id, ["BIDDER"])))).flat(),
        kind: "tender.amended",
        title: `Re-confirm your bid: ${tender.title} has changed`,
        body: `The buyer amended this tender (version ${tender.version}). Check the changes and re-confirm your bid before ${tender.submissionDeadline.toISOString()}, or it will not be evaluated.`,
        link,
        dedupeKey: `tender-amended:${tenderId}:${tender.version}:bidders`,
      });
      await notify(tx, {
        userIds: (await Promise.all(others.map((id) => organisationMemberIds(tx, id)))).flat(),
        kind: "tender.amended",
        title: `${tender.title} has changed`,
        body: `The buyer amended this tender (version ${tender.version}). The submission deadline is ${tender.submissionDeadline.toISOString()}.`,
        link,
        dedupeKey: `tender-amended:${tenderId}:${tender.version}:followers`,
      });
    }

    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: tender.buyerId,
      action: amending ? "tender.amended" : "tender.updated",
      entityType: "Tender",
      entityId: tenderId,
      data: { version: tender.version, changed },
    });
    return tender;
  });
  deps.outbox.kick();
  return result;
}

function changedFields(before: Tender, input: ParsedTenderInput): string[] {
  const after = tenderColumns(input);
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x));
  return (Object.keys(after) as (keyof typeof after)[]).filter((f) => text(before[f]) !== text(after[f]));
}
