import type { Organisation } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import { decodeId } from "../catalogue/ids.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { assertSupplierAdmin } from "./supplier-access.ts";
import { updateSupplierProfileSchema, type UpdateSupplierProfileInput } from "./supplier-profile-input.ts";

/** Changes a supplier's name, description, website, regions, CPV capabilities and accreditations (fields left out stay as they are). */
export async function updateSupplierProfile(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: UpdateSupplierProfileInput,
): Promise<Organisation> {
  const input = parseInput(updateSupplierProfileSchema, raw);
  const decoded = decodeId(input.organisationId, "Organisation", "organisationId");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  const { organisationId: _, ...fields } = input;
  const data = {
    ...fields,
    ...(fields.description !== undefined ? { description: fields.description || null } : {}),
    ...(fields.website !== undefined ? { website: fields.website || null } : {}),
  };
  return deps.prisma.$transaction(async (tx) => {
    await assertSupplierAdmin(tx, viewer, decoded.id);
    const organisation = await tx.organisation.update({ where: { id: decoded.id }, data });
    await recordAuditEvent(tx, {
      actorUserId: viewer?.userId,
      organisationId: organisation.id,
      action: "supplier.profile-updated",
      entityType: "Organisation",
      entityId: organisation.id,
      data: { fields: Object.keys(data).sort() },
    });
    return organisation;
  });
}
