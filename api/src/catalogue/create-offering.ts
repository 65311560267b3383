import type { Offering } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertSupplierMember } from "../suppliers/supplier-access.ts";
import { decodeId } from "./ids.ts";
import { createOfferingSchema, type CreateOfferingInput } from "./offering-input.ts";
import { resolveOfferingLot } from "./offering-lot.ts";

/** Creates a draft offering for the supplier; it is listed in the catalogue once published. */
export async function createOffering(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: CreateOfferingInput,
): Promise<Offering> {
  const input = parseInput(createOfferingSchema, raw);
  const supplier = decodeId(input.supplierId, "Organisation", "supplierId");
  if ("issue" in supplier) throw new ValidationError([supplier.issue]);
  const { supplierId: _, frameworkLotId, priceTiers, ...fields } = input;
  return deps.prisma.$transaction(async (tx) => {
    const organisation = await assertSupplierMember(tx, viewer, supplier.id);
    const offering = await tx.offering.create({
      data: {
        ...fields,
        priceTiers: priceTiers.map((t) => ({ fromQuantity: t.fromQuantity, pricePence: Number(t.pricePence) })),
        supplierId: organisation.id,
        frameworkLotId: await resolveOfferingLot(tx, organisation.id, frameworkLotId),
        supplierIsSme: organisation.isSme,
        supplierIsHighGrowth: organisation.isHighGrowth,
      },
    });
    await recordAuditEvent(tx, {
      actorUserId: viewer?.userId,
      organisationId: organisation.id,
      action: "offering.created",
      entityType: "Offering",
      entityId: offering.id,
      data: { title: offering.title },
    });
    return offering;
  });
}
