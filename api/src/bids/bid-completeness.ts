import type { FieldIssue } from "../errors.ts";

/**
 * What a bid still lacks before it can be submitted, with paths a form can show: at least one lot with
 * a price, and an answer to every quality criterion. Pure.
 */
export function missingFromBid(
  bid: { lotCount: number; answeredCriterionIds: readonly string[] },
  qualityCriteria: readonly { id: string; title: string }[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (bid.lotCount === 0) issues.push({ path: ["lots"], message: "Bid for at least one lot, with a price" });
  for (const c of qualityCriteria)
    if (!bid.answeredCriterionIds.includes(c.id)) issues.push({ path: ["answers", c.id], message: `Answer "${c.title}"` });
  return issues;
}
