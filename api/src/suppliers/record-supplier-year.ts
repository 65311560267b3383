import type { Organisation } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import { decodeId } from "../catalogue/ids.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ValidationError } from "../errors.ts";
import { parseInput } from "../shared/parse-input.ts";
import { refreshSupplierDerivedFigures } from "./refresh-supplier-derived-figures.ts";
import { assertSupplierAdmin } from "./supplier-access.ts";
import { recordSupplierYearSchema, type RecordSupplierYearInput } from "./supplier-profile-input.ts";

/** Records (or corrects) one year of a supplier's figures and recomputes its size and growth. */
export async function recordSupplierYear(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: RecordSupplierYearInput,
): Promise<Organisation> {
  const input = parseInput(recordSupplierYearSchema, raw);
  const decoded = decodeId(input.organisationId, "Organisation", "organisationId");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  const organisationId = decoded.id;
  const figures = { headcount: input.headcount, turnoverPence: input.turnoverPence, balanceSheetPence: input.balanceSheetPence };
  return deps.prisma.$transaction(async (tx) => {
    await assertSupplierAdmin(tx, viewer, organisationId);
    await tx.supplierYear.upsert({
      where: { organisationId_year: { organisationId, year: input.year } },
      create: { organisationId, year: input.year, ...figures },
      update: figures,
    });
    const derived = await refreshSupplierDerivedFigures(tx, organisationId);
    await recordAuditEvent(tx, {
      actorUserId: viewer?.userId,
      organisationId,
      action: "supplier.year-recorded",
      entityType: "Organisation",
      entityId: organisationId,
      data: {
        year: input.year,
        ...figures,
        size: derived.size?.size ?? null,
        isHighGrowth: derived.growth?.isHighGrowth ?? false,
      },
    });
    return tx.organisation.findUniqueOrThrow({ where: { id: organisationId } });
  });
}
