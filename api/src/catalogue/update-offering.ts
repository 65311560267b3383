import type { Offering } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertSupplierMember } from "../suppliers/supplier-access.ts";
import { catalogueWordsOf, recordCatalogueWords } from "./catalogue-words.ts";
import { decodeId } from "./ids.ts";
import { updateOfferingSchema, type UpdateOfferingInput } from "./offering-input.ts";
import { resolveOfferingLot } from "./offering-lot.ts";
import { deriveOfferingStatus } from "./offering-status.ts";

/** Changes an offering's details (fields left out stay as they are); a published offering changes in the catalogue at once. */
export async function updateOffering(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: UpdateOfferingInput,
): Promise<Offering> {
  const input = parseInput(updateOfferingSchema, raw);
  const decoded = decodeId(input.id, "Offering", "id");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  if (!viewer) throw new UnauthenticatedError();
  const { id: _, frameworkLotId, priceTiers, ...fields } = input;
  return deps.prisma.$transaction(async (tx) => {
    const existing = await findOwnOffering(tx, viewer, decoded.id);
    const offering = await tx.offering.update({
      where: { id: existing.id },
      data: {
        ...fields,
        ...(priceTiers
          ? { priceTiers: priceTiers.map((t) => ({ fromQuantity: t.fromQuantity, pricePence: Number(t.pricePence) })) }
          : {}),
        ...(frameworkLotId !== undefined
          ? { frameworkLotId: await resolveOfferingLot(tx, existing.supplierId, frameworkLotId) }
          : {}),
      },
    });
    if (deriveOfferingStatus(offering) === "PUBLISHED") await recordCatalogueWords(tx, catalogueWordsOf([offering]));
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: offering.supplierId,
      action: "offering.updated",
      entityType: "Offering",
      entityId: offering.id,
      data: {
        fields: Object.keys(input)
          .filter((k) => k !== "id")
          .sort(),
      },
    });
    return offering;
  });
}

/** The offering, if the viewer belongs to its supplier; someone else's and a missing one get the same answer. */
export async function findOwnOffering(
  tx: Parameters<typeof assertSupplierMember>[0],
  viewer: Viewer,
  offeringId: string,
): Promise<Offering> {
  const offering = await tx.offering.findUnique({ where: { id: offeringId } });
  if (!offering || !viewer.memberships.some((m) => m.organisationId === offering.supplierId))
    throw new ForbiddenError("Only members of this supplier can manage its offerings", "NOT_SUPPLIER_MEMBER");
  await assertSupplierMember(tx, viewer, offering.supplierId);
  return offering;
}
