import type { Match, Tender } from "@ccm/prisma";
import { hasRole, isMember, type Viewer } from "../context.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import type { Tx } from "../shared/transaction.ts";
import { BUYER_SIDE_ROLES } from "../tenders/tender-access.ts";

// Who sees a match: the buying council's buyers and evaluators (tender.matches), the matched supplier's
// members (viewer.opportunities), and platform admins. To anyone else a match id names nothing.

export function canSeeMatch(viewer: Viewer | null, match: Pick<Match, "supplierId">, tender: Pick<Tender, "buyerId">): boolean {
  return (
    isMember(viewer, match.supplierId) || hasRole(viewer, tender.buyerId, BUYER_SIDE_ROLES) || (viewer?.isPlatformAdmin ?? false)
  );
}

/** The match and its tender, row-locked, if the viewer may see it; NotFound otherwise. */
export async function lockVisibleMatch(tx: Tx, viewer: Viewer | null, matchId: string): Promise<Match & { tender: Tender }> {
  if (!viewer) throw new UnauthenticatedError();
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM match WHERE id = ${matchId} FOR UPDATE`;
  const match = rows.length ? await tx.match.findUnique({ where: { id: matchId }, include: { tender: true } }) : null;
  if (!match || !canSeeMatch(viewer, match, match.tender)) throw new NotFoundError("That match");
  return match;
}
