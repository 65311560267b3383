import type { Db } from "../shared/transaction.ts";
import { scoreLot, type BidResult } from "./evaluation-scores.ts";

export interface LotEvaluation {
  lotId: string;
  lotNumber: number;
  lotTitle: string;
  /** Valid bids on the lot, best first. */
  results: (BidResult & { supplierId: string })[];
}

/**
 * The scores of every valid bid, lot by lot, from the stored evaluator scores (see evaluation-scores.ts
 * for the formulas). Callers decide who may see it: the bids are open only after evaluation starts.
 */
export async function loadEvaluation(
  db: Db,
  tenderId: string,
  opts: { excludeEvaluatorIds?: string[] } = {},
): Promise<LotEvaluation[]> {
  const [lots, criteria, bids, declarations] = await Promise.all([
    db.lot.findMany({ where: { tenderId }, orderBy: { number: "asc" }, select: { id: true, number: true, title: true } }),
    db.criterion.findMany({ where: { tenderId }, orderBy: { position: "asc" }, select: { id: true, kind: true, weight: true } }),
    db.bid.findMany({
      where: { tenderId, validatedAt: { not: null }, disqualifiedAt: null, withdrawnAt: null },
      select: {
        id: true,
        supplierId: true,
        lots: { select: { lotId: true, pricePence: true } },
        scores: { select: { criterionId: true, score: true, evaluatorUserId: true } },
      },
    }),
    db.conflictDeclaration.findMany({ where: { tenderId, hasConflict: true }, select: { userId: true } }),
  ]);
  // Scores of anyone who has since declared a conflict never count.
  const excluded = new Set([...declarations.map((d) => d.userId), ...(opts.excludeEvaluatorIds ?? [])]);
  return lots.map((lot) => {
    const onLot = bids.flatMap((b) => {
      const price = b.lots.find((l) => l.lotId === lot.id);
      return price
        ? [
            {
              bidId: b.id,
              supplierId: b.supplierId,
              pricePence: price.pricePence,
              scores: b.scores.filter((s) => !excluded.has(s.evaluatorUserId)),
            },
          ]
        : [];
    });
    const supplierOf = new Map(onLot.map((b) => [b.bidId, b.supplierId]));
    return {
      lotId: lot.id,
      lotNumber: lot.number,
      lotTitle: lot.title,
      results: scoreLot(criteria, onLot).map((r) => ({ ...r, supplierId: supplierOf.get(r.bidId)! })),
    };
  });
}
