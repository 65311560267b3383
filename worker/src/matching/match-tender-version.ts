import type { Deps } from "@ccm/api";
import { storeTenderMatches, type StoreTenderMatchesResult } from "@ccm/api/matching/store-tender-matches";
import { NotFoundError } from "@ccm/api/errors";
import { deriveTenderStatus } from "@ccm/api/tenders/tender-status";
import { databaseNow } from "@ccm/api/shared/transaction";
import { explainMatch } from "./explain-match.ts";
import { prepareTender, rankTender, type TenderProfile } from "./rank-suppliers.ts";
import type { SupplierIndexCache } from "./supplier-index-cache.ts";

export type MatchTenderVersionResult = StoreTenderMatchesResult & { candidates?: number };

/**
 * Matches one tender version to suppliers: candidates from the index, scored and explained, the best
 * stored with their reasons and the top ones notified (storeTenderMatches). Suppliers that marked the
 * tender not relevant are left out of the ranking. Running it again stores the same matches.
 */
export async function matchTenderVersion(
  deps: Pick<Deps, "prisma" | "outbox" | "logger">,
  cache: SupplierIndexCache,
  input: { tenderId: string; version: number },
): Promise<MatchTenderVersionResult> {
  const tender = await deps.prisma.tender.findUnique({ where: { id: input.tenderId } });
  if (!tender) throw new NotFoundError("The tender");
  // Cheap early exits; storeTenderMatches checks both again under a lock.
  if (tender.version !== input.version) return { status: "skipped", reason: "stale-version" };
  if (deriveTenderStatus(tender, await databaseNow(deps.prisma)) !== "PUBLISHED")
    return { status: "skipped", reason: "not-open" };

  const { index, positionOf } = await cache.get(deps);
  const dismissed = await deps.prisma.match.findMany({
    where: { tenderId: tender.id, dismissedAt: { not: null } },
    select: { supplierId: true },
  });
  const exclude = new Set(dismissed.map((m) => positionOf.get(m.supplierId)).filter((i): i is number => i !== undefined));
  const profile: TenderProfile = {
    id: tender.id,
    cpvCodes: tender.cpvCodes,
    region: tender.itl1Code,
    valuePence: tender.valuePence === null ? null : Number(tender.valuePence),
    text: `${tender.title}\n${tender.description}`,
  };
  const outcome = rankTender(index, profile, { exclude });
  const query = prepareTender(index, profile);
  const matches = outcome.results.map((r) => {
    const explained = explainMatch(index, profile, r.index, query);
    return { supplierId: r.id, score: explained.score, reasons: explained.reasons };
  });
  const stored = await storeTenderMatches(deps, { tenderId: tender.id, version: tender.version, matches });
  deps.logger.debug(
    { tenderId: tender.id, version: tender.version, candidates: outcome.candidates, ...stored },
    "tender matched",
  );
  return { ...stored, candidates: outcome.candidates };
}
