import { describe, expect, it } from "vitest";
import { scoreForMark, scoreLot, spreadOf } from "./evaluation-scores.ts";

const criteria = [
  { id: "price", kind: "PRICE" as const, weight: 40 },
  { id: "q1", kind: "QUALITY" as const, weight: 35 },
  { id: "q2", kind: "QUALITY" as const, weight: 25 },
];

describe("scoring a lot", () => {
  it("gives the lowest price the full price weight and others in proportion", () => {
    const [a, b] = scoreLot(criteria, [
      { bidId: "a", pricePence: 100_000n, scores: [] },
      { bidId: "b", pricePence: 200_000n, scores: [] },
    ]);
    expect(a).toMatchObject({ bidId: "a", priceScore: 40, qualityScore: 0, complete: false, rank: 1 });
    expect(b).toMatchObject({ bidId: "b", priceScore: 20, rank: 2 });
  });

  it("moderates quality by the median of independent evaluators and shows the spread", () => {
    const [result] = scoreLot(criteria, [
      {
        bidId: "a",
        pricePence: 100n,
        scores: [
          { criterionId: "q1", score: 25 },
          { criterionId: "q1", score: 75 },
          { criterionId: "q1", score: 100 },
          { criterionId: "q2", score: 50 },
        ],
      },
    ]);
    const q1 = result!.criteria.find((c) => c.criterionId === "q1")!;
    expect(q1.moderated).toBe(75);
    expect(q1.spread).toEqual({ count: 3, min: 25, max: 100, mean: 66.67, median: 75 });
    expect(q1.weighted).toBe(26.25);
    expect(result!.qualityScore).toBe(38.75);
    expect(result!.total).toBe(78.75);
    expect(result!.complete).toBe(true);
  });

  it("ranks by total, sharing a rank on a tie", () => {
    const ranks = scoreLot(criteria, [
      { bidId: "a", pricePence: 100n, scores: [] },
      { bidId: "b", pricePence: 100n, scores: [] },
      { bidId: "c", pricePence: 400n, scores: [] },
    ]).map((r) => [r.bidId, r.rank]);
    expect(ranks).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 3],
    ]);
  });

  it("maps the 0-4 marking scale to 0-100", () => {
    expect([0, 1, 2, 3, 4].map(scoreForMark)).toEqual([0, 25, 50, 75, 100]);
    expect(() => scoreForMark(5)).toThrow(RangeError);
  });

  it("has no spread without scores, and an even count's median is the middle pair's mean", () => {
    expect(spreadOf([])).toBeNull();
    expect(spreadOf([50, 100])?.median).toBe(75);
  });
});
