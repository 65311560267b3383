import type { Membership, MembershipRole, Organisation, OrganisationKind } from "@ccm/prisma";
import type { Viewer } from "../context.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Tx } from "../shared/transaction.ts";
import { LastAdminError, RoleNotAllowedError } from "./membership.errors.ts";

// Who may change an organisation's members: only its ADMINs. The GraphQL layer refuses anyone else from the
// session's memberships (scope-auth roleIn); the operations check again on the database, under a lock, because
// the session's snapshot may be out of date (an admin demoted a moment ago by a colleague).

/** The roles each kind of organisation has: councils buy and evaluate, suppliers bid; ADMIN can do all of it. */
export const ROLES_BY_KIND: Record<OrganisationKind, readonly MembershipRole[]> = {
  COUNCIL: ["ADMIN", "BUYER", "EVALUATOR"],
  SUPPLIER: ["ADMIN", "BIDDER"],
};

/** Role names as people read them in sentences, e.g. "as an evaluator". */
export const ROLE_NAMES: Record<MembershipRole, string> = {
  ADMIN: "an administrator",
  BUYER: "a buyer",
  EVALUATOR: "an evaluator",
  BIDDER: "a bidder",
};

/** Throws RoleNotAllowedError unless the organisation's kind has the role. */
export function assertRoleFits(kind: OrganisationKind, role: MembershipRole): void {
  const allowed = ROLES_BY_KIND[kind];
  if (!allowed.includes(role))
    throw new RoleNotAllowedError(
      kind === "COUNCIL"
        ? "A council's members are administrators, buyers or evaluators"
        : "A supplier's members are administrators or bidders",
      allowed,
    );
}

/**
 * Locks the organisation's row and confirms that the actor is one of its ADMINs now. Every change to an
 * organisation's members takes this lock first, so they run one at a time and the "at least one
 * administrator" check cannot be raced (two admins demoting each other at once).
 */
export async function lockOrganisationForMemberChange(tx: Tx, actor: Viewer, organisationId: string): Promise<Organisation> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organisation WHERE id = ${organisationId} FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError("That organisation");
  const organisation = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId } });
  const own = await tx.membership.findUnique({
    where: { userId_organisationId: { userId: actor.userId, organisationId } },
    select: { role: true },
  });
  if (own?.role !== "ADMIN")
    throw new ForbiddenError(
      `Only an administrator of ${organisation.name} can add, change or remove its members`,
      "NOT_ORGANISATION_ADMIN",
    );
  return organisation;
}

/**
 * Finds a membership, takes its organisation's lock as lockOrganisationForMemberChange does, and reads the
 * membership again under the lock: another admin may have removed or changed it meanwhile.
 */
export async function lockMemberForChange(
  tx: Tx,
  actor: Viewer,
  membershipId: string,
): Promise<{ organisation: Organisation; target: Membership }> {
  const found = await tx.membership.findUnique({ where: { id: membershipId }, select: { organisationId: true } });
  if (!found) throw new NotFoundError("That member");
  const organisation = await lockOrganisationForMemberChange(tx, actor, found.organisationId);
  const target = await tx.membership.findUnique({ where: { id: membershipId } });
  if (!target) throw new NotFoundError("That member");
  return { organisation, target };
}

/** Throws LastAdminError unless an ADMIN other than `membershipId` remains (call under the organisation's lock). */
export async function assertAnotherAdminRemains(tx: Tx, organisation: Organisation, membershipId: string): Promise<void> {
  const others = await tx.membership.count({
    where: { organisationId: organisation.id, role: "ADMIN", id: { not: membershipId } },
  });
  if (others === 0) throw new LastAdminError(organisation.name);
}
