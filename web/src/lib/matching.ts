// Small things the matching pages (opportunities, a tender's matches) share: how points read.

/** "29.8" from 29.75, "35" from 35: points to one decimal place, without a trailing ".0". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The most points a match can score: the sum of its parts' weights. */
export function maximumPoints(reasons: readonly { weight: number }[]): number {
  return reasons.reduce((sum, reason) => sum + reason.weight, 0);
}
