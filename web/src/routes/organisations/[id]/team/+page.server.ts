import { error, redirect, type RequestEvent } from "@sveltejs/kit";
import { fromGlobalId, isLocalId, toGlobalId } from "$lib/global-id";
import { ROLE_IN_SENTENCE, roleFor } from "$lib/roles";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text, type ErrorMember } from "$lib/server/forms";
import { requireMembership } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

// An organisation's team: everyone in it sees who belongs and in what role; its administrators add a
// colleague by email address, change a role (?change=<membership>) and remove someone (?remove=<membership>,
// a confirmation first). Each step is its own server-rendered form, so all of it works without JavaScript.

const Team = graphql(`
  query Team($id: ID!) {
    node(id: $id) {
      ... on Organisation {
        id
        kind
        name
        members {
          id
          role
          email
          createdAt
          user {
            id
            name
          }
        }
      }
    }
  }
`);

const AddMember = graphql(
  `
    mutation AddMember($input: AddMemberInput!) {
      addMember(input: $input) {
        __typename
        ... on AddMemberSuccess {
          data {
            role
            user {
              name
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const ChangeMemberRole = graphql(
  `
    mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
      changeMemberRole(input: $input) {
        __typename
        ... on ChangeMemberRoleSuccess {
          data {
            role
            user {
              id
              name
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const RemoveMember = graphql(
  `
    mutation RemoveMember($input: RemoveMemberInput!) {
      removeMember(input: $input) {
        __typename
        ... on RemoveMemberSuccess {
          data {
            name
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** The organisation in the address and the viewer's role in it; anyone outside it finds no such page. */
function currentOrganisation(event: Pick<RequestEvent, "locals" | "url" | "params">) {
  const viewer = requireMembership(event);
  const dbId = event.params.id ?? "";
  if (!isLocalId(dbId)) error(404, "Page not found");
  const id = toGlobalId("Organisation", dbId);
  const membership = viewer.memberships.find((m) => m.organisation.id === id);
  if (!membership) error(404, "Page not found");
  return { id, dbId, viewer, membership, path: `/organisations/${dbId}/team` };
}

async function loadTeam(event: RequestEvent) {
  const current = currentOrganisation(event);
  const { node } = await execute(event, Team, { id: current.id });
  if (!node || !("members" in node)) error(404, "Page not found");
  return { ...current, organisation: node };
}

export const load: PageServerLoad = async (event) => {
  const { organisation, membership, viewer, dbId } = await loadTeam(event);
  const canManage = membership.role === "ADMIN";
  const members = organisation.members.map((m) => ({ ...m, localId: fromGlobalId(m.id, "Membership") ?? "" }));
  // ?change= and ?remove= name a member by database id, as page addresses do.
  const chosen = (param: string) => {
    const value = event.url.searchParams.get(param);
    return value && canManage ? (members.find((m) => m.localId === value) ?? null) : null;
  };
  const changing = chosen("change");
  const removing = changing ? null : chosen("remove");
  return {
    organisation: { id: organisation.id, localId: dbId, kind: organisation.kind, name: organisation.name },
    members,
    viewerUserId: viewer.id,
    canManage,
    changing,
    removing,
  };
};

/** Errors about the person or the role shown beside the field they are about, not only at the top. */
function onField(error: ErrorMember, fields: Record<string, string>): ErrorMember {
  const field = fields[error.__typename];
  return field && !error.issues?.length ? { ...error, issues: [{ path: [field], message: error.message }] } : error;
}

export const actions: Actions = {
  add: async (event) => {
    const { id, organisation, path } = await loadTeam(event);
    const data = await event.request.formData();
    const values = { email: text(data, "email"), role: text(data, "role") };
    const role = roleFor(organisation.kind, values.role);
    if (!role)
      return invalid(values, {
        ...(values.email ? {} : { email: "Enter the email address of the person to add" }),
        role: "Select a role for them",
      });
    const { addMember: result } = await execute(event, AddMember, { input: { organisationId: id, email: values.email, role } });
    if (result.__typename !== "AddMemberSuccess")
      return formFailure(
        onField(result, { NoAccountError: "email", AlreadyMemberError: "email", RoleNotAllowedError: "role" }),
        values,
      );
    setFlash(event.cookies, event.url, {
      title: `${result.data.user.name} has been added as ${ROLE_IN_SENTENCE[result.data.role]}`,
      body: "We have told them in the app and by email.",
    });
    redirect(303, path);
  },

  change: async (event) => {
    const { organisation, viewer, path } = await loadTeam(event);
    const data = await event.request.formData();
    const values = { membershipId: text(data, "membershipId"), role: text(data, "role") };
    const role = roleFor(organisation.kind, values.role);
    if (!role) return invalid(values, { role: "Select a role" });
    const { changeMemberRole: result } = await execute(event, ChangeMemberRole, {
      input: { membershipId: values.membershipId, role },
    });
    if (result.__typename !== "ChangeMemberRoleSuccess")
      return formFailure(onField(result, { LastAdminError: "role", RoleNotAllowedError: "role" }), values);
    const who = result.data.user.id === viewer.id ? "You are" : `${result.data.user.name} is`;
    setFlash(event.cookies, event.url, { title: `${who} now ${ROLE_IN_SENTENCE[result.data.role]}` });
    redirect(303, path);
  },

  remove: async (event) => {
    const { organisation, viewer, path } = await loadTeam(event);
    const data = await event.request.formData();
    const values = { membershipId: text(data, "membershipId") };
    const leaving = organisation.members.find((m) => m.id === values.membershipId);
    const { removeMember: result } = await execute(event, RemoveMember, { input: { membershipId: values.membershipId } });
    if (result.__typename !== "RemoveMemberSuccess") return formFailure(result, values);
    const self = leaving?.user.id === viewer.id;
    setFlash(event.cookies, event.url, {
      title: self
        ? `You have left ${result.data.name}`
        : `${leaving?.user.name ?? "The member"} has been removed from ${result.data.name}`,
    });
    // Someone who removed themselves can no longer see the team: their dashboard, or registering if it was their only organisation.
    redirect(303, !self ? path : viewer.memberships.length > 1 ? "/dashboard" : "/organisations/new");
  },
};
