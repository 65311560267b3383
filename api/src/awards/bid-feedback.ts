import type { BidResult } from "../evaluation/evaluation-scores.ts";
import type { LotEvaluation } from "../evaluation/load-evaluation.ts";

export interface ScoreSummary {
  total: number;
  priceScore: number;
  qualityScore: number;
  rank: number;
  criteria: BidResult["criteria"];
}

export interface LotFeedback {
  lotId: string;
  lotNumber: number;
  lotTitle: string;
  successful: boolean;
  yours: ScoreSummary;
  winner: ScoreSummary;
  reasons: string;
  standstillEndsAt: Date;
}

function summary(r: BidResult): ScoreSummary {
  return { total: r.total, priceScore: r.priceScore, qualityScore: r.qualityScore, rank: r.rank, criteria: r.criteria };
}

/** A bidder's feedback for each awarded lot it bid on: its own scores and the winner's, with the reasons. Pure. */
export function buildBidFeedback(
  bidId: string,
  evaluation: readonly LotEvaluation[],
  awards: readonly { lotId: string; bidId: string; reasons: string; standstillEndsAt: Date }[],
): LotFeedback[] {
  return evaluation.flatMap((lot) => {
    const award = awards.find((a) => a.lotId === lot.lotId);
    const yours = lot.results.find((r) => r.bidId === bidId);
    const winner = award && lot.results.find((r) => r.bidId === award.bidId);
    if (!award || !yours || !winner) return [];
    return [
      {
        lotId: lot.lotId,
        lotNumber: lot.lotNumber,
        lotTitle: lot.lotTitle,
        successful: award.bidId === bidId,
        yours: summary(yours),
        winner: summary(winner),
        reasons: award.reasons,
        standstillEndsAt: award.standstillEndsAt,
      },
    ];
  });
}
