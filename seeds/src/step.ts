import type { Faker } from "@faker-js/faker";
import type { Deps } from "@ccm/api";
import type { MembershipRole, PrismaClient } from "@ccm/prisma";
import { demoEmail } from "./demo-sign-ins.ts";

/**
 * One part of the demo data. Steps run in the order of SEED_STEPS (steps/seed-steps.ts) and must be
 * idempotent: find rows by their natural key (email, GSS code, Companies House number, ...) and create
 * only what is missing, so running the seed again changes nothing.
 */
export interface SeedStep {
  /** Stable and kebab-case: it seeds the step's Faker, so renaming a step changes what it generates. */
  name: string;
  /** What the progress display shows. */
  title: string;
  run(ctx: SeedContext): Promise<void>;
}

export interface SeedContext {
  deps: Deps;
  prisma: PrismaClient;
  /** A Faker seeded from the step's name: the same values on every run. */
  faker: Faker;
  /** The ids of what earlier steps seeded (or found already there). */
  refs: SeedRefs;
  /** Reports progress within the step. */
  progress(done: number, total: number): void;
  /** Counts rows the step created (the summary shows them; a second run creates none). */
  created(entity: string, count: number): void;
}

export interface OrganisationRef {
  id: string;
  slug: string;
  name: string;
}

export interface CouncilRef extends OrganisationRef {
  gssCode: string;
  itl1Code: string;
}

export interface SupplierRef extends OrganisationRef {
  companiesHouseNumber: string;
}

export interface ConsortiumRef {
  id: string;
  name: string;
  leadCouncilId: string;
  /** Every member council's id, the lead's included. */
  councilIds: string[];
}

export interface UserRef {
  id: string;
  email: string;
}

/** Lookups by natural key, filled by the core steps for the steps after them. */
export class SeedRefs {
  readonly councils = new Map<string, CouncilRef>();
  readonly suppliers = new Map<string, SupplierRef>();
  readonly consortia = new Map<string, ConsortiumRef>();
  readonly users = new Map<string, UserRef>();

  council(slug: string): CouncilRef {
    return found(this.councils.get(slug), `council ${slug}`);
  }

  supplier(slug: string): SupplierRef {
    return found(this.suppliers.get(slug), `supplier ${slug}`);
  }

  consortium(name: string): ConsortiumRef {
    return found(this.consortia.get(name), `consortium ${name}`);
  }

  user(email: string): UserRef {
    return found(this.users.get(email), `user ${email}`);
  }

  /** The demo user holding `role` in the organisation with this slug, e.g. member("leeds", "BUYER"). */
  member(organisationSlug: string, role: MembershipRole): UserRef {
    return this.user(demoEmail(role, organisationSlug));
  }
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed: no ${what} (is the step that seeds it earlier in SEED_STEPS?)`);
  return value;
}
