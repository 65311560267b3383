import type { MembershipRole, OrganisationKind } from "@ccm/prisma";
import type { Deps } from "./deps.ts";

export interface ViewerMembership {
  organisationId: string;
  organisationKind: OrganisationKind;
  role: MembershipRole;
}

/** The signed-in person, loaded once per request from the session cookie. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  memberships: ViewerMembership[];
}

export interface Context {
  deps: Deps;
  viewer: Viewer | null;
  /** The incoming request's headers (the session cookie lives here). */
  headers: Headers;
  /** Set-Cookie values that a resolver wants on the response (sign in, sign out). */
  setCookies: string[];
}

/** Roles that can act for an organisation in a given capacity; ADMIN can do everything its members can. */
export function hasRole(viewer: Viewer | null, organisationId: string, roles: readonly MembershipRole[]): boolean {
  return (
    viewer?.memberships.some((m) => m.organisationId === organisationId && (m.role === "ADMIN" || roles.includes(m.role))) ??
    false
  );
}

export function isMember(viewer: Viewer | null, organisationId: string): boolean {
  return viewer?.memberships.some((m) => m.organisationId === organisationId) ?? false;
}
