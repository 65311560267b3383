import type { Prisma } from "@ccm/prisma";
import type { Viewer } from "../context.ts";
import { ForbiddenError } from "../errors.ts";

export type OfferingStatus = "DRAFT" | "PUBLISHED" | "WITHDRAWN";

/** The status, derived from the timestamps (no status column to drift): withdrawn wins, then published. */
export function deriveOfferingStatus(o: { publishedAt: Date | null; withdrawnAt: Date | null }): OfferingStatus {
  if (o.withdrawnAt) return "WITHDRAWN";
  return o.publishedAt ? "PUBLISHED" : "DRAFT";
}

/** Published, not withdrawn: what anyone, signed in or not, may see and search. */
export const LISTED_OFFERING: Prisma.OfferingWhereInput = { publishedAt: { not: null }, withdrawnAt: null };

/** Offerings the viewer may see: listed ones, and every offering of a supplier they belong to. */
export function visibleOfferingWhere(viewer: Viewer | null): Prisma.OfferingWhereInput {
  const own = viewer?.memberships.map((m) => m.organisationId) ?? [];
  if (viewer?.isPlatformAdmin) return {};
  return own.length ? { OR: [LISTED_OFFERING, { supplierId: { in: own } }] } : LISTED_OFFERING;
}

/** What deciding who may see an offering reads of it. */
type OfferingVisibilityFields = { supplierId: string; publishedAt: Date | null; withdrawnAt: Date | null };

/** Whether the viewer may see this offering (drafts and withdrawn ones only within the supplier). */
export function canSeeOffering(viewer: Viewer | null, o: OfferingVisibilityFields): boolean {
  if (deriveOfferingStatus(o) === "PUBLISHED") return true;
  return viewer?.isPlatformAdmin === true || (viewer?.memberships.some((m) => m.organisationId === o.supplierId) ?? false);
}

function isOfferingShaped(value: unknown): value is OfferingVisibilityFields {
  return (
    typeof value === "object" &&
    value !== null &&
    "supplierId" in value &&
    "publishedAt" in value &&
    "withdrawnAt" in value &&
    "pricingUnit" in value
  );
}

/**
 * The GraphQL type Offering's isTypeOf: every field that returns offerings filters them for the viewer
 * already, and this is the second line, checked once per offering as it is completed. A listed offering
 * passes for anyone, so no context is needed for it: graphql-jit, which runs the catalogue search
 * (ADR 0017), calls isTypeOf with the value alone. A draft or withdrawn offering the viewer may not see
 * is refused with a ForbiddenError: a false answer would make GraphQL print the value in its error. So is
 * anything else where an Offering is expected; only while an interface or union is finding out which type
 * a value is (`resolvingAbstractType`) does a value that is not an offering answer false.
 */
export function offeringIsTypeOf(value: unknown, viewer: Viewer | null | undefined, resolvingAbstractType = false): boolean {
  if (isOfferingShaped(value) && canSeeOffering(viewer ?? null, value)) return true;
  if (resolvingAbstractType && !isOfferingShaped(value)) return false;
  throw new ForbiddenError("You do not have permission to see this offering", "OFFERING_NOT_VISIBLE");
}
