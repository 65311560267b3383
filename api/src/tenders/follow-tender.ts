import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import { requireViewer, resolveSupplierId } from "./tender-access.ts";

/** Follows (or unfollows) a published tender for a supplier, so its members hear of answers and changes. */
export async function followTender(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  input: { tenderId: string; supplierId?: string | null; follow: boolean },
): Promise<{ tenderId: string; supplierId: string; following: boolean }> {
  const actor = requireViewer(viewer);
  const supplierId = resolveSupplierId(actor, input.supplierId, ["BIDDER"]);
  const tender = await deps.prisma.tender.findUnique({ where: { id: input.tenderId }, select: { publishedAt: true } });
  if (!tender?.publishedAt) throw new NotFoundError("The tender");
  const key = { tenderId_organisationId: { tenderId: input.tenderId, organisationId: supplierId } };
  if (input.follow)
    await deps.prisma.tenderFollow.upsert({
      where: key,
      create: { tenderId: input.tenderId, organisationId: supplierId },
      update: {},
    });
  else await deps.prisma.tenderFollow.deleteMany({ where: { tenderId: input.tenderId, organisationId: supplierId } });
  return { tenderId: input.tenderId, supplierId, following: input.follow };
}
