import type { MembershipRole, Tender } from "@ccm/prisma";
import { hasRole, isMember, type Viewer } from "../context.ts";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../errors.ts";
import type { Db, Tx } from "../shared/transaction.ts";

// Who may do what with a tender. ADMIN of an organisation can always act for it (hasRole).

/** Buyers change, publish, cancel, open bids and award. */
export const MANAGE_ROLES: readonly MembershipRole[] = ["BUYER"];
/** Evaluators (and buyers) declare conflicts and score. */
export const EVALUATE_ROLES: readonly MembershipRole[] = ["BUYER", "EVALUATOR"];
/** Anyone in the buying council may see a draft. */
export const BUYER_SIDE_ROLES: readonly MembershipRole[] = ["BUYER", "EVALUATOR"];
/** Bidders (and admins) change a supplier's bids, questions and follows; any member may read them. */
export const BID_ROLES: readonly MembershipRole[] = ["BIDDER"];

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** A draft exists only for its council: to anyone else it is not found, so ids reveal nothing. */
export function canSeeTender(viewer: Viewer | null, tender: Pick<Tender, "buyerId" | "publishedAt">): boolean {
  return tender.publishedAt !== null || hasRole(viewer, tender.buyerId, BUYER_SIDE_ROLES) || (viewer?.isPlatformAdmin ?? false);
}

/** Throws NotFound for a tender the viewer cannot see and Forbidden when they may see it but not act. */
export function assertTenderRole(
  viewer: Viewer,
  tender: Pick<Tender, "buyerId" | "publishedAt">,
  roles: readonly MembershipRole[],
  doing = "do that",
): void {
  if (!canSeeTender(viewer, tender)) throw new NotFoundError("The tender");
  if (!hasRole(viewer, tender.buyerId, roles))
    throw new ForbiddenError(`Only the buying council's ${roles.map((r) => r.toLowerCase() + "s").join(" or ")} can ${doing}`);
}

/** The council a new tender is for: the one given, or the viewer's only council. */
export function resolveCouncilId(viewer: Viewer, buyerId: string | null | undefined): string {
  const councils = viewer.memberships.filter((m) => m.organisationKind === "COUNCIL");
  const id = buyerId ?? (councils.length === 1 ? councils[0]!.organisationId : undefined);
  if (!id) throw ValidationError.field("buyerId", "Choose the council this tender is for");
  if (!councils.some((m) => m.organisationId === id)) throw new ForbiddenError("You are not a member of that council");
  if (!hasRole(viewer, id, MANAGE_ROLES)) throw new ForbiddenError("Only the council's buyers can create tenders");
  return id;
}

/** The supplier acting: the one given, or the viewer's only supplier; the viewer must hold one of `roles` there. */
export function resolveSupplierId(
  viewer: Viewer,
  supplierId: string | null | undefined,
  roles: readonly MembershipRole[] = BID_ROLES,
): string {
  const suppliers = viewer.memberships.filter((m) => m.organisationKind === "SUPPLIER");
  const id = supplierId ?? (suppliers.length === 1 ? suppliers[0]!.organisationId : undefined);
  if (!id)
    throw ValidationError.field(
      "supplierId",
      suppliers.length === 0 ? "Register your company as a supplier first" : "Choose which of your suppliers is acting",
    );
  if (!isMember(viewer, id) || !suppliers.some((m) => m.organisationId === id))
    throw new ForbiddenError("You are not a member of that supplier");
  if (!hasRole(viewer, id, roles)) throw new ForbiddenError("Only the supplier's bidders can do that");
  return id;
}

/**
 * Loads a tender with a row lock: FOR UPDATE for changes to the tender itself (amend, publish, close,
 * award), FOR SHARE for changes to its bids, so bids run in parallel with each other but never with an
 * amendment or the closing.
 */
export async function lockTender(tx: Tx, tenderId: string, mode: "UPDATE" | "SHARE"): Promise<Tender> {
  const rows =
    mode === "UPDATE"
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tender WHERE id = ${tenderId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tender WHERE id = ${tenderId} FOR SHARE`;
  if (rows.length === 0) throw new NotFoundError("The tender");
  return tx.tender.findUniqueOrThrow({ where: { id: tenderId } });
}

/** User ids of an organisation's members with any of `roles` (ADMIN always included). */
export async function memberUserIds(
  db: Db,
  organisationIds: readonly string[],
  roles?: readonly MembershipRole[],
): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db.membership.findMany({
    where: {
      organisationId: { in: [...organisationIds] },
      ...(roles ? { role: { in: ["ADMIN", ...roles] } } : {}),
    },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))].sort();
}
