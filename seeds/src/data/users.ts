import type { MembershipRole, OrganisationKind } from "@ccm/prisma";
import { DEMO_PASSWORDS, demoEmail, PLATFORM_ADMIN_EMAIL } from "../demo-sign-ins.ts";
import { createFaker } from "../random.ts";
import type { CouncilPlan } from "./councils.ts";
import type { SupplierPlan } from "./suppliers.ts";

export const COUNCIL_ROLES: readonly MembershipRole[] = ["ADMIN", "BUYER", "EVALUATOR"];
export const SUPPLIER_ROLES: readonly MembershipRole[] = ["ADMIN", "BIDDER"];

export interface UserPlan {
  email: string;
  /** A generated name: fictional, never from the reference data's real contacts. */
  name: string;
  password: string;
  isPlatformAdmin: boolean;
  membership?: { kind: OrganisationKind; slug: string; role: MembershipRole };
}

/** The platform admin, then every role in every seeded council and supplier. */
export function planUsers(councils: readonly CouncilPlan[], suppliers: readonly SupplierPlan[]): UserPlan[] {
  const platformAdmin: UserPlan = {
    email: PLATFORM_ADMIN_EMAIL,
    name: personName(PLATFORM_ADMIN_EMAIL),
    password: DEMO_PASSWORDS.platform,
    isPlatformAdmin: true,
  };
  const member = (kind: OrganisationKind, slug: string, role: MembershipRole): UserPlan => {
    const email = demoEmail(role, slug);
    return {
      email,
      name: personName(email),
      password: kind === "COUNCIL" ? DEMO_PASSWORDS.council : DEMO_PASSWORDS.supplier,
      isPlatformAdmin: false,
      membership: { kind, slug, role },
    };
  };
  return [
    platformAdmin,
    ...councils.flatMap((c) => COUNCIL_ROLES.map((role) => member("COUNCIL", c.slug, role))),
    ...suppliers.flatMap((s) => SUPPLIER_ROLES.map((role) => member("SUPPLIER", s.slug, role))),
  ];
}

// Seeded by the email, so a person keeps their name whatever else is added to the demo.
function personName(email: string): string {
  return createFaker(`person:${email}`).person.fullName();
}
