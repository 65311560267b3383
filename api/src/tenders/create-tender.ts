import type { Tender } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { parseInput } from "../shared/parse-input.ts";
import { uuidV7 } from "../shared/uuid-v7.ts";
import { requireViewer, resolveCouncilId } from "./tender-access.ts";
import { tenderInputSchema, type TenderInput } from "./tender-input.ts";
import { tenderColumns, writeTenderParts } from "./write-tender-parts.ts";

/** The OCDS identifier prefix of this marketplace's releases (ocid = prefix + tender id). */
export const OCID_PREFIX = "ocds-ccmkt1-";

/** Drafts a tender for one of the viewer's councils; only its buyers (and admins) can. */
export async function createTender(deps: Pick<Deps, "prisma">, viewer: Viewer | null, raw: TenderInput): Promise<Tender> {
  const actor = requireViewer(viewer);
  const input = parseInput(tenderInputSchema, raw);
  const buyerId = resolveCouncilId(actor, input.buyerId);
  return deps.prisma.$transaction(async (tx) => {
    const id = uuidV7();
    const tender = await tx.tender.create({
      data: { id, ocid: `${OCID_PREFIX}${id}`, buyerId, createdByUserId: actor.userId, ...tenderColumns(input) },
    });
    await writeTenderParts(tx, tender.id, input);
    await recordAuditEvent(tx, {
      actorUserId: actor.userId,
      organisationId: buyerId,
      action: "tender.drafted",
      entityType: "Tender",
      entityId: tender.id,
      data: { title: tender.title, procedure: tender.procedure },
    });
    return tender;
  });
}
