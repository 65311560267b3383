import type { Offering } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { databaseNow } from "../shared/transaction.ts";
import { decodeId } from "./ids.ts";
import { deriveOfferingStatus } from "./offering-status.ts";
import { findOwnOffering } from "./update-offering.ts";

/** Takes a published offering out of the catalogue; the supplier can still see, edit and republish it. */
export async function withdrawOffering(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: { id: string },
): Promise<Offering> {
  const decoded = decodeId(raw.id, "Offering", "id");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  if (!viewer) throw new UnauthenticatedError();
  return deps.prisma.$transaction(async (tx) => {
    const existing = await findOwnOffering(tx, viewer, decoded.id);
    if (deriveOfferingStatus(existing) !== "PUBLISHED")
      throw new ConflictError("Only a published offering can be withdrawn", "OFFERING_NOT_PUBLISHED");
    const offering = await tx.offering.update({ where: { id: existing.id }, data: { withdrawnAt: await databaseNow(tx) } });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: offering.supplierId,
      action: "offering.withdrawn",
      entityType: "Offering",
      entityId: offering.id,
      data: { title: offering.title },
    });
    return offering;
  });
}
