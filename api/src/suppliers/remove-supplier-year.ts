import type { Organisation } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import { decodeId } from "../catalogue/ids.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { refreshSupplierDerivedFigures } from "./refresh-supplier-derived-figures.ts";
import { assertSupplierAdmin } from "./supplier-access.ts";
import { removeSupplierYearSchema } from "./supplier-profile-input.ts";

/** Removes one year of a supplier's figures (e.g. entered by mistake) and recomputes its size and growth. */
export async function removeSupplierYear(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: { id: string },
): Promise<Organisation> {
  const input = parseInput(removeSupplierYearSchema, raw);
  const decoded = decodeId(input.id, "SupplierYear", "id");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  if (!viewer) throw new UnauthenticatedError();
  return deps.prisma.$transaction(async (tx) => {
    const year = await tx.supplierYear.findUnique({ where: { id: decoded.id } });
    // Someone else's figures and figures that do not exist get the same answer.
    if (!year) throw new ForbiddenError("Only an administrator of this supplier can change its profile", "NOT_SUPPLIER_ADMIN");
    await assertSupplierAdmin(tx, viewer, year.organisationId);
    await tx.supplierYear.delete({ where: { id: year.id } });
    const derived = await refreshSupplierDerivedFigures(tx, year.organisationId);
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: year.organisationId,
      action: "supplier.year-removed",
      entityType: "Organisation",
      entityId: year.organisationId,
      data: { year: year.year, size: derived.size?.size ?? null, isHighGrowth: derived.growth?.isHighGrowth ?? false },
    });
    return tx.organisation.findUniqueOrThrow({ where: { id: year.organisationId } });
  });
}
