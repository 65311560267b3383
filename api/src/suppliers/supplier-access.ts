import type { Organisation } from "@ccm/prisma";
import { hasRole, isMember, type Viewer } from "../context.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors.ts";
import type { Db } from "../shared/transaction.ts";

// Who may change what (ADR 0009): a supplier's profile and yearly figures decide its SME and high-growth
// status, which buyers rely on, so only its ADMINs change them. Its offerings are its catalogue listings,
// which any member (ADMIN or BIDDER) may manage. Platform admins verify organisations but do not edit them.

/** The supplier, if the viewer is one of its ADMINs; otherwise the error to show (the same whether it exists or not). */
export async function assertSupplierAdmin(db: Db, viewer: Viewer | null, organisationId: string): Promise<Organisation> {
  if (!viewer) throw new UnauthenticatedError();
  if (!hasRole(viewer, organisationId, [])) {
    throw new ForbiddenError("Only an administrator of this supplier can change its profile", "NOT_SUPPLIER_ADMIN");
  }
  return assertSupplier(db, organisationId);
}

/** The supplier, if the viewer is one of its members (ADMIN or BIDDER). */
export async function assertSupplierMember(db: Db, viewer: Viewer | null, organisationId: string): Promise<Organisation> {
  if (!viewer) throw new UnauthenticatedError();
  if (!isMember(viewer, organisationId)) {
    throw new ForbiddenError("Only members of this supplier can manage its offerings", "NOT_SUPPLIER_MEMBER");
  }
  return assertSupplier(db, organisationId);
}

async function assertSupplier(db: Db, organisationId: string): Promise<Organisation> {
  const organisation = await db.organisation.findUnique({ where: { id: organisationId } });
  if (!organisation) throw new NotFoundError("That supplier");
  if (organisation.kind !== "SUPPLIER")
    throw new ConflictError("Only suppliers have a supplier profile and offerings", "NOT_A_SUPPLIER");
  return organisation;
}
