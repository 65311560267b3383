import { Prisma } from "@ccm/prisma";
import type { Db } from "../shared/transaction.ts";
import { deriveHighGrowth, deriveSupplierSize, type SupplierGrowthResult, type SupplierSizeResult } from "./supplier-size.ts";

/**
 * Recomputes the supplier's size, SME and high-growth status from its yearly figures and stores them on
 * the Organisation (and the SME and growth flags on its offerings, for catalogue filters). Every path that
 * changes a supplier's figures calls it, in the same transaction.
 */
export async function refreshSupplierDerivedFigures(
  tx: Db,
  organisationId: string,
): Promise<{ size: SupplierSizeResult | null; growth: SupplierGrowthResult | null }> {
  const years = await tx.supplierYear.findMany({
    where: { organisationId },
    select: { year: true, headcount: true, turnoverPence: true, balanceSheetPence: true },
  });
  const size = deriveSupplierSize(years);
  const growth = deriveHighGrowth(years);
  const isSme = size?.isSme ?? false;
  const isHighGrowth = growth?.isHighGrowth ?? false;
  await tx.organisation.update({
    where: { id: organisationId },
    data: {
      supplierSize: size?.size ?? null,
      isSme,
      isHighGrowth,
      sizeReason: size?.reason ?? null,
      growthReason: growth?.reason ?? null,
    },
  });
  // Raw SQL so that offerings keep their updatedAt: the listing did not change, its supplier's status did.
  await tx.$executeRaw(Prisma.sql`
    UPDATE offering SET supplier_is_sme = ${isSme}, supplier_is_high_growth = ${isHighGrowth}
    WHERE supplier_id = ${organisationId}
      AND (supplier_is_sme IS DISTINCT FROM ${isSme} OR supplier_is_high_growth IS DISTINCT FROM ${isHighGrowth})`);
  return { size, growth };
}
