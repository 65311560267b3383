import type { Prisma } from "@ccm/prisma";
import type { Viewer } from "../context.ts";

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

/** Whether the viewer may see this offering (drafts and withdrawn ones only within the supplier). */
export function canSeeOffering(
  viewer: Viewer | null,
  o: { supplierId: string; publishedAt: Date | null; withdrawnAt: Date | null },
): boolean {
  if (deriveOfferingStatus(o) === "PUBLISHED") return true;
  return viewer?.isPlatformAdmin === true || (viewer?.memberships.some((m) => m.organisationId === o.supplierId) ?? false);
}
