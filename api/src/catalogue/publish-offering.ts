import type { Offering } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { databaseNow } from "../shared/transaction.ts";
import { catalogueWordsOf, recordCatalogueWords } from "./catalogue-words.ts";
import { decodeId } from "./ids.ts";
import { deriveOfferingStatus } from "./offering-status.ts";
import { findOwnOffering } from "./update-offering.ts";

/** Lists a draft (or withdrawn) offering in the public catalogue, dated by the database clock. */
export async function publishOffering(deps: Pick<Deps, "prisma">, viewer: Viewer | null, raw: { id: string }): Promise<Offering> {
  const decoded = decodeId(raw.id, "Offering", "id");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  if (!viewer) throw new UnauthenticatedError();
  return deps.prisma.$transaction(async (tx) => {
    const existing = await findOwnOffering(tx, viewer, decoded.id);
    if (deriveOfferingStatus(existing) === "PUBLISHED")
      throw new ConflictError("This offering is already published", "OFFERING_ALREADY_PUBLISHED");
    // A republished offering counts as new in the catalogue's "newest first" order.
    const offering = await tx.offering.update({
      where: { id: existing.id },
      data: { publishedAt: await databaseNow(tx), withdrawnAt: null },
    });
    await recordCatalogueWords(tx, catalogueWordsOf([offering]));
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: offering.supplierId,
      action: "offering.published",
      entityType: "Offering",
      entityId: offering.id,
      data: { title: offering.title },
    });
    return offering;
  });
}
