import { hasRole, isMember, type Context, type Viewer } from "../context.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { BUYER_SIDE_ROLES } from "../tenders/tender-access.ts";

// The seal on bids (DESIGN.md section 3). Every path to a bid's content (GraphQL fields, node lookups,
// and any future export or OCDS release) must ask decideBidRead, and a refusal is recorded in the audit
// trail by guardBidRead. Until the council opens the bids (which it can only do after the tender has
// closed on the database clock), only the bidding supplier's members can read a bid.

export type BidReadDecision =
  | { allowed: true; as: "SUPPLIER" | "BUYER" }
  | { allowed: false; reason: "SIGNED_OUT" | "SEALED" | "CONFLICT_OF_INTEREST" | "NOT_A_PARTY" };

/** Who may read a bid's content (price, answers, even who the bidder is). Pure. */
export function decideBidRead(
  viewer: Viewer | null,
  bid: { supplierId: string },
  tender: { buyerId: string; evaluationStartedAt: Date | null },
  viewerDeclaredConflict: boolean,
): BidReadDecision {
  if (!viewer) return { allowed: false, reason: "SIGNED_OUT" };
  if (isMember(viewer, bid.supplierId)) return { allowed: true, as: "SUPPLIER" };
  if (!hasRole(viewer, tender.buyerId, BUYER_SIDE_ROLES)) return { allowed: false, reason: "NOT_A_PARTY" };
  if (!tender.evaluationStartedAt) return { allowed: false, reason: "SEALED" };
  if (viewerDeclaredConflict) return { allowed: false, reason: "CONFLICT_OF_INTEREST" };
  return { allowed: true, as: "BUYER" };
}

const decisions = new WeakMap<Context, Map<string, Promise<BidReadDecision>>>();

/**
 * Decides whether the viewer may read this bid, once per request, and records every refusal in the
 * audit trail with the path that was tried (e.g. "node", "Tender.bids"). Never logs content.
 */
export function guardBidRead(
  ctx: Context,
  bid: { id: string; supplierId: string; tenderId: string },
  path: string,
): Promise<BidReadDecision> {
  let byBid = decisions.get(ctx);
  if (!byBid) decisions.set(ctx, (byBid = new Map()));
  let decision = byBid.get(bid.id);
  if (!decision) {
    decision = decide(ctx, bid, path);
    byBid.set(bid.id, decision);
  }
  return decision;
}

async function decide(
  ctx: Context,
  bid: { id: string; supplierId: string; tenderId: string },
  path: string,
): Promise<BidReadDecision> {
  // The bidder's own bid needs no look-up (the common case, e.g. every submission's response).
  if (isMember(ctx.viewer, bid.supplierId)) return { allowed: true, as: "SUPPLIER" };
  const { prisma } = ctx.deps;
  const tender = await prisma.tender.findUniqueOrThrow({
    where: { id: bid.tenderId },
    select: { buyerId: true, evaluationStartedAt: true },
  });
  const conflict =
    ctx.viewer && hasRole(ctx.viewer, tender.buyerId, BUYER_SIDE_ROLES)
      ? ((
          await prisma.conflictDeclaration.findUnique({
            where: { tenderId_userId: { tenderId: bid.tenderId, userId: ctx.viewer.userId } },
            select: { hasConflict: true },
          })
        )?.hasConflict ?? false)
      : false;
  const decision = decideBidRead(ctx.viewer, bid, tender, conflict);
  if (!decision.allowed) await recordSealedReadRefused(ctx, bid, path, decision.reason, tender.buyerId);
  return decision;
}

/** Records an attempt to read a bid the viewer may not read. */
export async function recordSealedReadRefused(
  ctx: Pick<Context, "deps" | "viewer">,
  bid: { id: string; tenderId: string },
  path: string,
  reason: string,
  buyerId?: string,
): Promise<void> {
  await ctx.deps.prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      actorUserId: ctx.viewer?.userId ?? null,
      organisationId: buyerId ?? null,
      action: "bid.sealed-read-refused",
      entityType: "Bid",
      entityId: bid.id,
      data: { tenderId: bid.tenderId, path, reason },
    }),
  );
}
