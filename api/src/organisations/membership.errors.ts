import type { MembershipRole } from "@ccm/prisma";
import { ConflictError, DomainError } from "../errors.ts";

/** Nobody has signed up with the email address: people are added to an organisation by an existing account. */
export class NoAccountError extends DomainError {
  override name = "NoAccountError";
  readonly email: string;
  constructor(email: string) {
    super(
      `There is no account with the email address ${email}. Ask them to create an account first, then add them`,
      "NO_ACCOUNT",
    );
    this.email = email;
  }
}

/** The person already belongs to the organisation (each person holds one role there). */
export class AlreadyMemberError extends ConflictError {
  override name = "AlreadyMemberError";
  constructor(who: string, organisationName: string) {
    super(`${who} is already a member of ${organisationName}: change their role instead`, "ALREADY_MEMBER");
  }
}

/** The role is not one this kind of organisation has (councils buy and evaluate, suppliers bid). */
export class RoleNotAllowedError extends ConflictError {
  override name = "RoleNotAllowedError";
  readonly allowedRoles: readonly MembershipRole[];
  constructor(message: string, allowedRoles: readonly MembershipRole[]) {
    super(message, "ROLE_NOT_FOR_KIND");
    this.allowedRoles = allowedRoles;
  }
}

/** The change would leave the organisation with no administrator, and so nobody to manage its members. */
export class LastAdminError extends ConflictError {
  override name = "LastAdminError";
  constructor(organisationName: string) {
    super(`${organisationName} must keep at least one administrator: make someone else an administrator first`, "LAST_ADMIN");
  }
}
