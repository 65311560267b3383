import { ValidationError } from "../errors.ts";
import type { Db } from "../shared/transaction.ts";
import { decodeId } from "./ids.ts";

/**
 * The framework lot an offering is listed under: none when empty, otherwise a lot the supplier holds a
 * signed agreement for (a supplier cannot claim a framework it has not been admitted to).
 */
export async function resolveOfferingLot(db: Db, supplierId: string, raw: string | null | undefined): Promise<string | null> {
  if (!raw) return null;
  const decoded = decodeId(raw, "FrameworkLot", "frameworkLotId");
  if ("issue" in decoded) throw new ValidationError([decoded.issue]);
  const agreement = await db.frameworkAgreement.findUnique({
    where: { frameworkLotId_supplierId: { frameworkLotId: decoded.id, supplierId } },
    select: { id: true },
  });
  if (!agreement)
    throw ValidationError.field("frameworkLotId", "Choose a framework lot your organisation has signed an agreement for");
  return decoded.id;
}
