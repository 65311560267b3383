import type { Membership } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { UnauthenticatedError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { MEMBERSHIP_ROLES } from "./add-member.ts";
import { assertAnotherAdminRemains, assertRoleFits, lockMemberForChange } from "./membership-access.ts";

export const changeMemberRoleSchema = z.object({
  membershipId: z.string(),
  role: z.enum(MEMBERSHIP_ROLES, { message: "Choose a role" }),
});

/** An organisation's ADMIN gives a member another role; the organisation always keeps an ADMIN. */
export async function changeMemberRole(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: z.input<typeof changeMemberRoleSchema>,
): Promise<Membership> {
  if (!viewer) throw new UnauthenticatedError();
  const input = parseInput(changeMemberRoleSchema, raw);
  return deps.prisma.$transaction(async (tx) => {
    const { organisation, target } = await lockMemberForChange(tx, viewer, input.membershipId);
    assertRoleFits(organisation.kind, input.role);
    if (target.role === input.role) return target;
    if (target.role === "ADMIN") await assertAnotherAdminRemains(tx, organisation, target.id);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: organisation.id,
      action: "organisation.member-role-changed",
      entityType: "Membership",
      entityId: target.id,
      data: { userId: target.userId, from: target.role, to: input.role },
    });
    return updated;
  });
}
