import type { Membership } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { UnauthenticatedError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertRoleFits, lockOrganisationForMemberChange, ROLE_NAMES } from "./membership-access.ts";
import { AlreadyMemberError, NoAccountError } from "./membership.errors.ts";

export const MEMBERSHIP_ROLES = ["ADMIN", "BUYER", "EVALUATOR", "BIDDER"] as const;

export const addMemberSchema = z.object({
  organisationId: z.string(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the email address of the person to add")
    .pipe(z.email("Enter an email address in the correct format, like name@example.org")),
  role: z.enum(MEMBERSHIP_ROLES, { message: "Choose a role" }),
});

/**
 * An organisation's ADMIN adds a colleague who already has an account, by email address, with one role;
 * the colleague is told in the app (and by email).
 */
export async function addMember(
  deps: Pick<Deps, "prisma" | "outbox">,
  viewer: Viewer | null,
  raw: z.input<typeof addMemberSchema>,
): Promise<Membership> {
  if (!viewer) throw new UnauthenticatedError();
  const input = parseInput(addMemberSchema, raw);
  const membership = await deps.prisma.$transaction(async (tx) => {
    const organisation = await lockOrganisationForMemberChange(tx, viewer, input.organisationId);
    assertRoleFits(organisation.kind, input.role);
    // Accounts store the address as it was typed at sign-up; people type a colleague's address in any case.
    const user = await tx.user.findFirst({
      where: { email: { equals: input.email, mode: "insensitive" } },
      select: { id: true, name: true },
    });
    if (!user) throw new NoAccountError(input.email);
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
      select: { id: true },
    });
    if (existing) throw new AlreadyMemberError(user.name, organisation.name);
    const created = await tx.membership.create({
      data: { userId: user.id, organisationId: organisation.id, role: input.role },
    });
    await notify(tx, {
      userIds: [user.id],
      kind: "organisation.member-added",
      title: `You have been added to ${organisation.name}`,
      body: `${viewer.name} added you to ${organisation.name} as ${ROLE_NAMES[input.role]}.`,
      link: `/organisations/${organisation.id}/team`,
      dedupeKey: `member-added:${created.id}`,
    });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: organisation.id,
      action: "organisation.member-added",
      entityType: "Membership",
      entityId: created.id,
      data: { userId: user.id, role: input.role },
    });
    return created;
  });
  deps.outbox.kick();
  return membership;
}
