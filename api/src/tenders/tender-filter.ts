import type { Prisma } from "@ccm/prisma";
import { isMember, type Viewer } from "../context.ts";
import { isCpvDescendant, listCpvCodes, normaliseCpvCode } from "../cpv/cpv.ts";
import { BUYER_SIDE_ROLES } from "./tender-access.ts";
import type { TenderStatus } from "./tender-status.ts";

// The tender list's filters as a Prisma where clause. Status is derived, so each status becomes the
// condition on the timestamps that deriveTenderStatus would map to it at `now`.

export interface TenderFilter {
  search?: string | null;
  /** A code matches tenders coded with it or anything below it in the CPV hierarchy. */
  cpvCodes?: readonly string[] | null;
  minValuePence?: bigint | null;
  maxValuePence?: bigint | null;
  deadlineFrom?: Date | null;
  deadlineTo?: Date | null;
  suitableForSme?: boolean | null;
  statuses?: readonly TenderStatus[] | null;
  buyerId?: string | null;
  /** Tenders this supplier follows; only its members get any (to anyone else the filter matches nothing). */
  followedBy?: string | null;
}

const open = { cancelledAt: null, unsuccessfulAt: null } satisfies Prisma.TenderWhereInput;

/** The where clause matching tenders whose derived status at `now` is `status`. */
export function tenderStatusWhere(status: TenderStatus, now: Date): Prisma.TenderWhereInput {
  switch (status) {
    case "DRAFT":
      return { ...open, publishedAt: null };
    case "PUBLISHED":
      return {
        ...open,
        publishedAt: { not: null },
        closedAt: null,
        evaluationStartedAt: null,
        awardPendingAt: null,
        awardedAt: null,
        submissionDeadline: { gt: now },
      };
    case "CLOSED":
      return {
        ...open,
        evaluationStartedAt: null,
        awardPendingAt: null,
        awardedAt: null,
        OR: [{ closedAt: { not: null } }, { publishedAt: { not: null }, submissionDeadline: { lte: now } }],
      };
    case "EVALUATION":
      return { ...open, evaluationStartedAt: { not: null }, awardPendingAt: null, awardedAt: null };
    case "AWARD_PENDING":
      return { ...open, awardPendingAt: { not: null }, awardedAt: null };
    case "AWARDED":
      return { ...open, awardedAt: { not: null } };
    case "CANCELLED":
      return { cancelledAt: { not: null } };
    case "UNSUCCESSFUL":
      return { cancelledAt: null, unsuccessfulAt: { not: null } };
  }
}

/**
 * Every vocabulary code at or below any of `codes` (so `hasSome` finds descendants with an index). A
 * code that is not in the vocabulary matches nothing.
 */
export function cpvCodesWithDescendants(codes: readonly string[]): string[] {
  const roots = codes.map((raw) => normaliseCpvCode(raw)).filter((c): c is string => c !== null);
  return listCpvCodes()
    .map((c) => c.code8)
    .filter((code) => roots.some((root) => isCpvDescendant(code, root)));
}

/** Which tenders the viewer may list: published ones, plus drafts of their own councils. */
export function visibleTendersWhere(viewer: Viewer | null): Prisma.TenderWhereInput {
  const councils =
    viewer?.memberships.filter((m) => m.role === "ADMIN" || BUYER_SIDE_ROLES.includes(m.role)).map((m) => m.organisationId) ?? [];
  return viewer?.isPlatformAdmin ? {} : { OR: [{ publishedAt: { not: null } }, { buyerId: { in: councils } }] };
}

/** The where clause for a filter, within what the viewer may see. */
export function tenderListWhere(filter: TenderFilter, viewer: Viewer | null, now: Date): Prisma.TenderWhereInput {
  const and: Prisma.TenderWhereInput[] = [visibleTendersWhere(viewer)];
  const words = (filter.search ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words)
    and.push({
      OR: [{ title: { contains: word, mode: "insensitive" } }, { description: { contains: word, mode: "insensitive" } }],
    });
  if (filter.cpvCodes?.length) and.push({ cpvCodes: { hasSome: cpvCodesWithDescendants(filter.cpvCodes) } });
  if (filter.minValuePence != null) and.push({ valuePence: { gte: filter.minValuePence } });
  if (filter.maxValuePence != null) and.push({ valuePence: { lte: filter.maxValuePence } });
  if (filter.deadlineFrom) and.push({ submissionDeadline: { gte: filter.deadlineFrom } });
  if (filter.deadlineTo) and.push({ submissionDeadline: { lte: filter.deadlineTo } });
  if (filter.suitableForSme != null) and.push({ suitableForSme: filter.suitableForSme });
  if (filter.statuses?.length) and.push({ OR: filter.statuses.map((s) => tenderStatusWhere(s, now)) });
  if (filter.buyerId) and.push({ buyerId: filter.buyerId });
  if (filter.followedBy)
    // Whom a supplier follows is its own business: for anyone else the list is empty, not an error.
    and.push(
      isMember(viewer, filter.followedBy) ? { follows: { some: { organisationId: filter.followedBy } } } : { id: { in: [] } },
    );
  return { AND: and };
}
