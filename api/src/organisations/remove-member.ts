import type { Organisation } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { UnauthenticatedError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertAnotherAdminRemains, lockMemberForChange } from "./membership-access.ts";

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
    const { organisation, target } = await lockMemberForChange(tx, viewer, input.membershipId);
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
