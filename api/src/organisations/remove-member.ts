import type { Organisation } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertAnotherAdminRemains, lockOrganisationForMemberChange } from "./membership-access.ts";

export const removeMemberSchema = z.object({ membershipId: z.string() });

/**
 * An organisation's ADMIN removes a member (themselves included, if another ADMIN remains). What the member
 * did while they belonged (bids, scores, declarations) stays, as the record of who did it.
 */
export async function removeMember(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: z.input<typeof removeMemberSchema>,
): Promise<Organisation> {
  if (!viewer) throw new UnauthenticatedError();
  const input = parseInput(removeMemberSchema, raw);
  return deps.prisma.$transaction(async (tx) => {
    const found = await tx.membership.findUnique({ where: { id: input.membershipId }, select: { organisationId: true } });
    if (!found) throw new NotFoundError("That member");
    const organisation = await lockOrganisationForMemberChange(tx, viewer, found.organisationId);
    // Read again under the lock: another admin may have removed or changed the member meanwhile.
    const target = await tx.membership.findUnique({ where: { id: input.membershipId } });
    if (!target) throw new NotFoundError("That member");
    if (target.role === "ADMIN") await assertAnotherAdminRemains(tx, organisation, target.id);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: organisation.id,
      action: "organisation.member-removed",
      entityType: "Membership",
      entityId: target.id,
      data: { userId: target.userId, role: target.role },
    });
    return organisation;
  });
}
