import type { MatchingConfig } from "@ccm/api/matching/matching-config";

// Each part of the match score as a pure function of plain numbers, so that each is unit-tested on its
// own and the indexed matcher and the brute-force scorer cannot disagree. A part returns points: at most
// its weight in the configuration (api/data/matching-weights.json); the score is their sum.

/** CPV closeness levels, closest first; the index in this list is the "level index" used in hot loops. */
export const LEVELS = ["exact", "category", "class", "group", "division"] as const;
export const NO_LEVEL: number = LEVELS.length;

/** Prefixes of an 8-digit CPV code held as numbers: [code, 5 digits, 4, 3, 2]. */
export function cpvPrefixes(code: number): [number, number, number, number, number] {
  return [code, Math.floor(code / 1_000), Math.floor(code / 10_000), Math.floor(code / 100_000), Math.floor(code / 1_000_000)];
}

/**
 * How close two CPV codes are: 0 for the same code, 1 when they share a category (5 digits), 2 a class
 * (4 digits), 3 a group (3), 4 a division (2), and NO_LEVEL otherwise. Because CPV codes pad with
 * zeros below their own level, the length of the shared digit prefix is the depth of their nearest
 * common ancestor in the hierarchy.
 */
export function cpvLevelIndex(a: number, b: number): number {
  if (a === b) return 0;
  if (Math.floor(a / 1_000) === Math.floor(b / 1_000)) return 1;
  if (Math.floor(a / 10_000) === Math.floor(b / 10_000)) return 2;
  if (Math.floor(a / 100_000) === Math.floor(b / 100_000)) return 3;
  if (Math.floor(a / 1_000_000) === Math.floor(b / 1_000_000)) return 4;
  return NO_LEVEL;
}

/** The closest level between any tender code and any supplier code. */
export function bestCpvLevelIndex(tenderCodes: readonly number[], supplierCodes: readonly number[]): number {
  let best = NO_LEVEL;
  for (const t of tenderCodes)
    for (const s of supplierCodes) {
      const level = cpvLevelIndex(t, s);
      if (level < best) best = level;
    }
  return best;
}

/** Points for CPV closeness: the weight times the level's factor; none when no division is shared. */
export function cpvPoints(config: MatchingConfig, levelIndex: number): number {
  const level = LEVELS[levelIndex];
  return level ? config.weights.cpv * config.cpvLevelFactors[level] : 0;
}

/** Points for text similarity: the weight times the cosine similarity scaled so that `saturation` earns it all. */
export function textPoints(config: MatchingConfig, cosine: number): number {
  const share = cosine >= config.text.saturation ? 1 : cosine / config.text.saturation;
  return config.weights.text * (share > 0 ? share : 0);
}

/**
 * Points for region. Regional tender (tenderRegion >= 0): a supplier serving it earns between
 * `allRegionsFactor` (serves every region) and `singleRegionFactor` (serves only this one) of the
 * weight, linearly in how many regions it serves; one not serving it earns nothing. National tender
 * (tenderRegion < 0): the share of regions served.
 */
export function regionPoints(
  config: MatchingConfig,
  tenderRegion: number,
  servesTenderRegion: boolean,
  regionsServed: number,
  totalRegions: number,
): number {
  const w = config.weights.region;
  if (tenderRegion < 0) return regionsServed <= 0 ? 0 : (w * Math.min(regionsServed, totalRegions)) / totalRegions;
  if (!servesTenderRegion) return 0;
  const { singleRegionFactor: single, allRegionsFactor: all } = config.region;
  const breadth = totalRegions <= 1 ? 0 : (Math.min(regionsServed, totalRegions) - 1) / (totalRegions - 1);
  return w * (single - (single - all) * breadth);
}

/**
 * Points for capacity, from the tender's value over the supplier's latest turnover: all of the weight
 * up to `fullUpToRatio`, falling linearly to none at `zeroFromRatio`; `unknownFactor` of it when either
 * figure is missing (NaN or not positive).
 */
export function capacityPoints(config: MatchingConfig, valuePence: number, turnoverPence: number): number {
  const w = config.weights.capacity;
  if (!(valuePence > 0) || !(turnoverPence > 0)) return w * config.capacity.unknownFactor;
  const ratio = valuePence / turnoverPence;
  const { fullUpToRatio: full, zeroFromRatio: zero } = config.capacity;
  if (ratio <= full) return w;
  if (ratio >= zero) return 0;
  return (w * (zero - ratio)) / (zero - full);
}

/** Points for track record: contracts won here in the tender's division count 1, others the configured factor. */
export function trackRecordPoints(config: MatchingConfig, sameDivisionAwards: number, otherAwards: number): number {
  const { awardsForFullPoints, otherDivisionAwardFactor } = config.trackRecord;
  const credit = sameDivisionAwards + otherAwards * otherDivisionAwardFactor;
  return config.weights.trackRecord * Math.min(1, credit / awardsForFullPoints);
}

/** The stated preference for SMEs: the full weight for an SME, none otherwise (unknown size earns none). */
export function smePoints(config: MatchingConfig, isSme: boolean): number {
  return isSme ? config.weights.sme : 0;
}

/** The stated preference for high-growth firms: the full weight for one, none otherwise. */
export function highGrowthPoints(config: MatchingConfig, isHighGrowth: boolean): number {
  return isHighGrowth ? config.weights.highGrowth : 0;
}
