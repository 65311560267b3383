import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { databaseNow, type Db } from "../shared/transaction.ts";
import { assertTenderRole, BUYER_SIDE_ROLES, requireViewer } from "./tender-access.ts";
import { checkTenderReadiness, type TenderReadiness } from "./tender-readiness.ts";
import { NotFoundError } from "../errors.ts";

/** Loads a tender with its parts and runs the readiness check as if publishing now (database clock). */
export async function readinessOfTender(db: Db, tenderId: string, now?: Date): Promise<TenderReadiness> {
  const tender = await db.tender.findUnique({
    where: { id: tenderId },
    include: { lots: { orderBy: { number: "asc" } }, criteria: { orderBy: { position: "asc" } } },
  });
  if (!tender) throw new NotFoundError("The tender");
  return checkTenderReadiness(tender, now ?? (await databaseNow(db)));
}

/** The plain-English and SME-barrier check of a tender, for its council's people. */
export async function getTenderReadiness(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  tenderId: string,
): Promise<TenderReadiness> {
  const actor = requireViewer(viewer);
  const tender = await deps.prisma.tender.findUnique({ where: { id: tenderId }, select: { buyerId: true, publishedAt: true } });
  if (!tender) throw new NotFoundError("The tender");
  assertTenderRole(actor, tender, BUYER_SIDE_ROLES, "check this tender");
  return readinessOfTender(deps.prisma, tenderId);
}
