import type { Match } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import { hasRole, type Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ForbiddenError } from "../errors.ts";
import { databaseNow } from "../shared/transaction.ts";
import { BID_ROLES } from "../tenders/tender-access.ts";
import { lockVisibleMatch } from "./match-access.ts";

/**
 * A supplier says a matched tender is not relevant to it: the match leaves its opportunities and the
 * buyer's list, and later runs neither rank nor notify it (until restored). Marking twice changes nothing.
 */
export async function markOpportunityNotRelevant(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  matchId: string,
): Promise<Match> {
  return setDismissed(deps, viewer, matchId, true);
}

/** Undoes "not relevant": the match is shown again and the next run ranks it again. */
export async function restoreOpportunity(deps: Pick<Deps, "prisma">, viewer: Viewer | null, matchId: string): Promise<Match> {
  return setDismissed(deps, viewer, matchId, false);
}

async function setDismissed(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  matchId: string,
  dismissed: boolean,
): Promise<Match> {
  return deps.prisma.$transaction(async (tx) => {
    const match = await lockVisibleMatch(tx, viewer, matchId);
    if (!hasRole(viewer, match.supplierId, BID_ROLES))
      throw new ForbiddenError("Only the matched supplier's bidders can say whether a tender is relevant to it");
    if ((match.dismissedAt !== null) === dismissed) return match;
    const updated = await tx.match.update({
      where: { id: match.id },
      data: { dismissedAt: dismissed ? await databaseNow(tx) : null },
    });
    await recordAuditEvent(tx, {
      actorUserId: viewer?.userId,
      organisationId: match.supplierId,
      action: dismissed ? "match.marked-not-relevant" : "match.restored",
      entityType: "Match",
      entityId: match.id,
      data: { tenderId: match.tenderId },
    });
    return updated;
  });
}
