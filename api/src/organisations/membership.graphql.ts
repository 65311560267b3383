import type { Prisma } from "@ccm/prisma";
import { builder } from "../builder.ts";
import { isMember, type Context } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { ErrorInterface } from "../shared/errors.graphql.ts";
import { idFrom } from "../shared/global-id.ts";
import { addMember, addMemberSchema, MEMBERSHIP_ROLES } from "./add-member.ts";
import { changeMemberRole, changeMemberRoleSchema } from "./change-member-role.ts";
import { AlreadyMemberError, LastAdminError, NoAccountError, RoleNotAllowedError } from "./membership.errors.ts";
import { removeMember, removeMemberSchema } from "./remove-member.ts";

export const MembershipRoleEnum = builder.enumType("MembershipRole", { values: MEMBERSHIP_ROLES });

builder.prismaNode("Membership", {
  id: { field: "id" },
  description: "One person's one role in one organisation (ADMIN can do everything the other roles can).",
  // Seen by the person and by the organisation's members: ids of memberships elsewhere name nothing. The
  // lookup itself is limited to those, so node(id) of another organisation's membership answers null
  // exactly as an unknown id does, and does not tell an outsider that the id exists.
  nullable: true,
  findUnique: (id, ctx) => ({ id, AND: [visibleMemberships(ctx)] }),
  authScopes: (m, ctx) =>
    m.userId === ctx.viewer?.userId || isMember(ctx.viewer, m.organisationId) || (ctx.viewer?.isPlatformAdmin ?? false),
  fields: (t) => ({
    role: t.expose("role", { type: MembershipRoleEnum }),
    organisation: t.relation("organisation"),
    user: t.relation("user"),
    email: t.string({
      description: "The member's email address, so colleagues can recognise and reach them (members only, as the type is).",
      select: { user: { select: { email: true } } },
      resolve: (m) => m.user.email,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** The memberships the viewer may see, as a Prisma filter: their own, and those of their organisations. */
function visibleMemberships(ctx: Context): Prisma.MembershipWhereInput {
  const viewer = ctx.viewer;
  if (viewer?.isPlatformAdmin) return {};
  return {
    OR: [{ userId: viewer?.userId ?? "" }, { organisationId: { in: viewer?.memberships.map((m) => m.organisationId) ?? [] } }],
  };
}

builder.objectType(NoAccountError, {
  name: "NoAccountError",
  description: "Nobody has an account with the email address: they create one first, then an administrator adds them.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ email: t.exposeString("email") }),
});

builder.objectType(AlreadyMemberError, {
  name: "AlreadyMemberError",
  description: "The person already belongs to the organisation (change their role instead).",
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(RoleNotAllowedError, {
  name: "RoleNotAllowedError",
  description: "The organisation's kind has no such role: councils have ADMIN, BUYER, EVALUATOR; suppliers ADMIN, BIDDER.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ allowedRoles: t.field({ type: [MembershipRoleEnum], resolve: (e) => [...e.allowedRoles] }) }),
});

builder.objectType(LastAdminError, {
  name: "LastAdminError",
  description: "The change would leave the organisation without an administrator.",
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

/** Only the organisation's ADMINs (from the session's memberships; the operation checks again on the database). */
function adminOf(organisationId: string | number, ctx: Context) {
  if (!ctx.viewer) return { signedIn: true };
  return { roleIn: { organisationId: idFrom(organisationId, "Organisation", "That organisation"), roles: ["ADMIN"] as const } };
}

/** As adminOf, for the organisation of a membership; to anyone outside it, the membership does not exist. */
async function adminOfMembersOrganisation(membershipId: string | number, ctx: Context) {
  if (!ctx.viewer) return { signedIn: true };
  const membership = await ctx.deps.prisma.membership.findUnique({
    where: { id: idFrom(membershipId, "Membership", "That member") },
    select: { organisationId: true },
  });
  if (!membership || !isMember(ctx.viewer, membership.organisationId)) throw new NotFoundError("That member");
  return { roleIn: { organisationId: membership.organisationId, roles: ["ADMIN"] as const } };
}

const AddMemberInput = builder.inputType("AddMemberInput", {
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    email: t.string({ required: true, description: "The email address of an existing account." }),
    role: t.field({
      type: MembershipRoleEnum,
      required: true,
      description: "Councils: ADMIN, BUYER or EVALUATOR. Suppliers: ADMIN or BIDDER.",
    }),
  }),
});

const ChangeMemberRoleInput = builder.inputType("ChangeMemberRoleInput", {
  fields: (t) => ({
    membershipId: t.id({ required: true }),
    role: t.field({ type: MembershipRoleEnum, required: true }),
  }),
});

const RemoveMemberInput = builder.inputType("RemoveMemberInput", {
  fields: (t) => ({ membershipId: t.id({ required: true }) }),
});

builder.mutationField("addMember", (t) =>
  t.prismaField({
    type: "Membership",
    description: "Add a colleague who has an account, by email address, with a role. Only the organisation's ADMINs may.",
    authScopes: (_root, { input }, ctx) => adminOf(input.organisationId, ctx),
    args: { input: t.arg({ type: AddMemberInput, required: true, validate: addMemberSchema }) },
    errors: { types: [NoAccountError, AlreadyMemberError, RoleNotAllowedError, NotFoundError] },
    resolve: async (query, _root, { input }, ctx) => {
      const membership = await addMember(ctx.deps, ctx.viewer, {
        ...input,
        organisationId: idFrom(input.organisationId, "Organisation", "That organisation"),
      });
      return ctx.deps.prisma.membership.findUniqueOrThrow({ ...query, where: { id: membership.id } });
    },
  }),
);

builder.mutationField("changeMemberRole", (t) =>
  t.prismaField({
    type: "Membership",
    description: "Give a member another role; the organisation always keeps an ADMIN. Only its ADMINs may.",
    authScopes: (_root, { input }, ctx) => adminOfMembersOrganisation(input.membershipId, ctx),
    args: { input: t.arg({ type: ChangeMemberRoleInput, required: true, validate: changeMemberRoleSchema }) },
    errors: { types: [RoleNotAllowedError, LastAdminError, NotFoundError] },
    resolve: async (query, _root, { input }, ctx) => {
      const membership = await changeMemberRole(ctx.deps, ctx.viewer, {
        ...input,
        membershipId: idFrom(input.membershipId, "Membership", "That member"),
      });
      return ctx.deps.prisma.membership.findUniqueOrThrow({ ...query, where: { id: membership.id } });
    },
  }),
);

builder.mutationField("removeMember", (t) =>
  t.prismaField({
    type: "Organisation",
    description: "Remove a member (yourself too, if another ADMIN remains) and return the organisation. Only its ADMINs may.",
    authScopes: (_root, { input }, ctx) => adminOfMembersOrganisation(input.membershipId, ctx),
    args: { input: t.arg({ type: RemoveMemberInput, required: true, validate: removeMemberSchema }) },
    errors: { types: [LastAdminError, NotFoundError] },
    resolve: async (query, _root, { input }, ctx) => {
      const organisation = await removeMember(ctx.deps, ctx.viewer, {
        membershipId: idFrom(input.membershipId, "Membership", "That member"),
      });
      return ctx.deps.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: organisation.id } });
    },
  }),
);
