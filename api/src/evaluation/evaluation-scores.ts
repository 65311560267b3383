// How bids are scored (documented for buyers and bidders alike; ADR 0008):
//
// - Quality: each evaluator marks each quality criterion independently on the 0-4 scale below, which is
//   stored as 0, 25, 50, 75 or 100. The moderated score of a criterion is the MEDIAN of the evaluators'
//   scores (one outlier cannot swing it), shown with the spread (min, max, mean, median, count). Its
//   weighted score is moderated / 100 x the criterion's weight.
// - Price: for each lot, the lowest valid price scores the full price weight and every other bid
//   scores lowest price / its price x price weight (a bid twice as expensive gets half the marks).
// - Total per bid per lot: price score + the weighted quality scores, out of 100. Rank 1 is the most
//   advantageous tender; equal totals (to two decimals) share a rank.

/** The 0-4 marking scale and the 0-100 score each mark is stored as. */
export const SCORE_SCALE = [
  { mark: 0, score: 0, label: "Unacceptable: does not answer the question" },
  { mark: 1, score: 25, label: "Poor: answers only part of the question, with little evidence" },
  { mark: 2, score: 50, label: "Acceptable: meets the requirement, with some evidence" },
  { mark: 3, score: 75, label: "Good: meets the requirement fully, with clear evidence" },
  { mark: 4, score: 100, label: "Excellent: exceeds the requirement, with strong evidence" },
] as const;

/** The stored 0-100 score for a 0-4 mark. */
export function scoreForMark(mark: number): number {
  const entry = SCORE_SCALE.find((s) => s.mark === mark);
  if (!entry) throw new RangeError(`mark must be 0 to 4, not ${mark}`);
  return entry.score;
}

export interface Spread {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The spread of evaluators' scores; null when nobody has scored. */
export function spreadOf(scores: readonly number[]): Spread | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    mean: round2(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    median: round2(median),
  };
}

export interface CriterionInput {
  id: string;
  kind: "PRICE" | "QUALITY";
  weight: number;
}

export interface BidForLot {
  bidId: string;
  pricePence: bigint;
  scores: readonly { criterionId: string; score: number }[];
}

export interface CriterionResult {
  criterionId: string;
  kind: "PRICE" | "QUALITY";
  weight: number;
  /** 0-100 before weighting: the median of evaluators for quality, lowest/price x 100 for price. */
  moderated: number | null;
  spread: Spread | null;
  /** Contribution to the total (out of the weight). */
  weighted: number;
}

export interface BidResult {
  bidId: string;
  pricePence: bigint;
  priceScore: number;
  qualityScore: number;
  total: number;
  /** True when every quality criterion has at least one evaluator's score. */
  complete: boolean;
  rank: number;
  criteria: CriterionResult[];
}

/** Scores every valid bid on one lot, ranked best first (see the rules at the top of this file). */
export function scoreLot(criteria: readonly CriterionInput[], bids: readonly BidForLot[]): BidResult[] {
  if (bids.length === 0) return [];
  const lowest = bids.reduce((min, b) => (b.pricePence < min ? b.pricePence : min), bids[0]!.pricePence);
  const results = bids.map((bid): Omit<BidResult, "rank"> => {
    const rows = criteria.map((c): CriterionResult => {
      if (c.kind === "PRICE") {
        const ratio = bid.pricePence > 0n ? Number(lowest) / Number(bid.pricePence) : 1;
        return {
          criterionId: c.id,
          kind: c.kind,
          weight: c.weight,
          moderated: round2(ratio * 100),
          spread: null,
          weighted: round2(ratio * c.weight),
        };
      }
      const spread = spreadOf(bid.scores.filter((s) => s.criterionId === c.id).map((s) => s.score));
      return {
        criterionId: c.id,
        kind: c.kind,
        weight: c.weight,
        moderated: spread?.median ?? null,
        spread,
        weighted: spread ? round2((spread.median / 100) * c.weight) : 0,
      };
    });
    const priceScore = round2(rows.filter((r) => r.kind === "PRICE").reduce((s, r) => s + r.weighted, 0));
    const qualityScore = round2(rows.filter((r) => r.kind === "QUALITY").reduce((s, r) => s + r.weighted, 0));
    return {
      bidId: bid.bidId,
      pricePence: bid.pricePence,
      priceScore,
      qualityScore,
      total: round2(priceScore + qualityScore),
      complete: rows.every((r) => r.kind === "PRICE" || r.spread !== null),
      criteria: rows,
    };
  });
  const sorted = results.sort((a, b) => b.total - a.total || a.bidId.localeCompare(b.bidId));
  return sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => o.total > r.total).length }));
}
