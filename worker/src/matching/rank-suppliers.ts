import { CPV_LEVEL_DIGITS } from "@ccm/api/matching/matching-config";
import {
  NO_LEVEL,
  capacityPoints,
  cpvPoints,
  highGrowthPoints,
  regionPoints,
  smePoints,
  textPoints,
  trackRecordPoints,
} from "./score-parts.ts";
import {
  CODE_STRIDE,
  FLAG_HIGH_GROWTH,
  FLAG_SME,
  INFO_FLAGS_SHIFT,
  INFO_HAS_AWARDS,
  INFO_REGION_COUNT_SHIFT,
  REGION_CODES,
  addDivisionBit,
  postingKey,
  ANY_REGION_SLOT,
  type MatchingIndex,
} from "./matching-index.ts";
import { tokeniseText } from "./tokenise-text.ts";

// Scoring a tender against suppliers, two ways that must agree:
// - rankTender: candidates from the index only. Every candidate's CPV part (from the index's lists) and
//   text part (summed through the word postings) are computed; the other parts only where CPV + text +
//   the most those parts could add can still reach the list, and
// - rankTenderByBruteForce: every part of every supplier, the baseline the benchmark compares against.
// Both use scoreCheapParts + textPoints(cosine) in the same order, so their scores are identical numbers.
//
// Eligibility (stated on the algorithm page): a supplier is considered at all only if one of its
// capability codes shares at least the configured CPV level (by default a division) with one of the
// tender's codes, and - when the tender is in one region - it serves that region. An ineligible
// supplier gets no score, however well it would do on the other parts; that is what lets the index
// lose nothing that brute force would rank.

/** What matching knows about one tender version. */
export interface TenderProfile {
  id: string;
  cpvCodes: readonly string[];
  /** ITL1 code, or null for a national tender. */
  region: string | null;
  /** Estimated value in pence, null when not stated. */
  valuePence: number | null;
  /** Title and description. */
  text: string;
}

/** A tender prepared for scoring: codes as numbers, its division mask and its TF-IDF vector. */
export interface TenderQuery {
  tender: TenderProfile;
  codes: number[];
  p5: number[];
  p4: number[];
  p3: number[];
  p2: number[];
  /** Region bit, or -1 for a national tender. */
  region: number;
  valuePence: number;
  divisionMask: Int32Array;
  termIds: number[];
  termWeights: number[];
  /**
   * Part values that depend only on the tender, worked out once by the part functions themselves, so
   * the hot loop looks them up instead of recomputing them (the same numbers, bit for bit).
   */
  cpvPointsByLevel: Float64Array;
  /** Region points by number of regions served, for a supplier that serves the tender's region. */
  regionPointsByCount: Float64Array;
  capacityUnknownPoints: number;
  noTrackRecordPoints: number;
  smePointsByFlag: Float64Array;
  highGrowthPointsByFlag: Float64Array;
  minimumLevelIndex: number;
  /** The most the parts other than CPV and text can add: the bound that lets rankTender skip the rest of a score. */
  mostOtherPoints: number;
}

export interface RankedSupplier {
  index: number;
  id: string;
  score: number;
}

export interface RankOutcome {
  results: RankedSupplier[];
  /** Suppliers the index returned for this tender (each counted once). */
  candidates: number;
  /** Supplier-tender pairs whose score was computed, at least its CPV and text parts (each candidate once). */
  pairsExamined: number;
}

export interface RankOptions {
  /** How many to return; the configuration's keepTop by default. */
  limit?: number;
  /** Supplier positions never to return (e.g. those that marked the tender not relevant). */
  exclude?: ReadonlySet<number>;
}

const MIN_LEVEL_INDEX = { division: 4, group: 3, class: 2 } as const;

/** Turns a tender into the numbers that scoring reads; words unknown to every supplier are dropped. */
export function prepareTender(index: MatchingIndex, tender: TenderProfile): TenderQuery {
  const codes = [...new Set(tender.cpvCodes.filter((c) => /^\d{8}$/.test(c)).map(Number))].sort((a, b) => a - b);
  const divisionMask = new Int32Array(2);
  for (const code of codes) addDivisionBit(divisionMask, 0, code);
  const counts = new Map<number, number>();
  for (const word of tokeniseText(tender.text)) {
    const id = index.vocabulary.get(word);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const termIds = [...counts.keys()].sort((a, b) => a - b);
  const termWeights = termIds.map((id) => (1 + Math.log(counts.get(id)!)) * index.idf[id]!);
  const norm = Math.sqrt(termWeights.reduce((sum, w) => sum + w * w, 0));
  return {
    tender,
    codes,
    p5: codes.map((c) => Math.floor(c / 1_000)),
    p4: codes.map((c) => Math.floor(c / 10_000)),
    p3: codes.map((c) => Math.floor(c / 100_000)),
    p2: codes.map((c) => Math.floor(c / 1_000_000)),
    region: tender.region === null ? -1 : REGION_CODES.indexOf(tender.region),
    valuePence: tender.valuePence !== null && tender.valuePence > 0 ? tender.valuePence : Number.NaN,
    divisionMask,
    termIds,
    termWeights: norm > 0 ? termWeights.map((w) => w / norm) : termWeights,
    ...tenderTables(index, tender.region !== null),
  };
}

type TenderTables = ReturnType<typeof buildTenderTables>;
const tablesOfIndex = new WeakMap<MatchingIndex, { national: TenderTables; regional: TenderTables }>();

/** The part values that depend only on the configuration and whether the tender is regional: built once per index. */
function tenderTables(index: MatchingIndex, regional: boolean): TenderTables {
  let tables = tablesOfIndex.get(index);
  if (!tables) {
    // Region points depend on whether the tender is in one region, not on which one.
    tables = { national: buildTenderTables(index, -1), regional: buildTenderTables(index, 0) };
    tablesOfIndex.set(index, tables);
  }
  return regional ? tables.regional : tables.national;
}

function buildTenderTables(index: MatchingIndex, region: number) {
  const config = index.config;
  const regions = REGION_CODES.length;
  return {
    cpvPointsByLevel: Float64Array.from({ length: NO_LEVEL + 1 }, (_, level) => cpvPoints(config, level)),
    regionPointsByCount: Float64Array.from({ length: regions + 1 }, (_, count) =>
      regionPoints(config, region, true, count, regions),
    ),
    capacityUnknownPoints: capacityPoints(config, Number.NaN, Number.NaN),
    noTrackRecordPoints: trackRecordPoints(config, 0, 0),
    smePointsByFlag: Float64Array.from([smePoints(config, false), smePoints(config, true)]),
    highGrowthPointsByFlag: Float64Array.from([highGrowthPoints(config, false), highGrowthPoints(config, true)]),
    minimumLevelIndex: MIN_LEVEL_INDEX[config.eligibility.minimumSharedCpvLevel],
    // The most that region, capacity, track record, SME and high growth can add together (each part's maximum).
    mostOtherPoints:
      Math.max(...Array.from({ length: regions + 1 }, (_, count) => regionPoints(config, region, true, count, regions))) +
      config.weights.capacity +
      config.weights.trackRecord +
      Math.max(smePoints(config, false), smePoints(config, true)) +
      Math.max(highGrowthPoints(config, false), highGrowthPoints(config, true)),
  };
}

/** The tender's candidates: the union of its posting lists at the eligibility level, each supplier once. */
export function findCandidates(index: MatchingIndex, query: TenderQuery): Int32Array {
  const digits = CPV_LEVEL_DIGITS[index.config.eligibility.minimumSharedCpvLevel];
  const slot = query.region >= 0 && index.config.eligibility.requireRegion ? query.region : ANY_REGION_SLOT;
  const divisor = 10 ** (8 - digits);
  const prefixes = [...new Set(query.codes.map((c) => Math.floor(c / divisor)))];
  // One buffer per index, reused: the result is valid until the next query on this index.
  const out = index.candidateBuffer;
  const bits = index.candidateBits;
  const groupBits = index.groupTierBits;
  const classBits = index.classTierBits;
  for (let k = 0; k < index.candidateCount; k += 1) {
    const word = out[k]! >> 5;
    bits[word] = 0;
    groupBits[word] = 0;
    classBits[word] = 0;
  }
  let count = 0;
  for (const prefix of prefixes) {
    const list = index.postings.get(postingKey(slot, digits, prefix));
    if (!list) continue;
    for (let k = 0; k < list.length; k += 1) {
      const s = list[k]!;
      const mask = 1 << (s & 31);
      if ((bits[s >> 5]! & mask) === 0) {
        bits[s >> 5] = bits[s >> 5]! | mask;
        out[count++] = s;
      }
    }
  }
  index.candidateCount = count;
  // The 3- and 4-digit lists tell, without reading a candidate's codes, which candidates share a group or
  // a class with the tender: the rest share only the division (see knownLevel in scoreCheapParts).
  for (const [tierDigits, tierBits] of [
    [3, groupBits],
    [4, classBits],
  ] as const) {
    if (tierDigits <= digits) continue;
    const tierDivisor = 10 ** (8 - tierDigits);
    for (const prefix of new Set(query.codes.map((c) => Math.floor(c / tierDivisor)))) {
      const list = index.postings.get(postingKey(slot, tierDigits, prefix));
      if (!list) continue;
      for (let k = 0; k < list.length; k += 1) tierBits[list[k]! >> 5] = tierBits[list[k]! >> 5]! | (1 << (list[k]! & 31));
    }
  }
  return out.subarray(0, count);
}

/**
 * The closest CPV level between the tender's codes and supplier i's: 0 for the same code ... 4 for the
 * same division, NO_LEVEL when they share no division.
 */
export function cpvLevelOf(index: MatchingIndex, query: TenderQuery, i: number): number {
  const codeData = index.codeData;
  const { codes, p5, p4, p3, p2 } = query;
  const tenderCodes = codes.length;
  let level = NO_LEVEL;
  const end = index.codeStart[i + 1]! * CODE_STRIDE;
  for (let j = index.codeStart[i]! * CODE_STRIDE; j < end && level > 0; j += CODE_STRIDE) {
    for (let t = 0; t < tenderCodes; t += 1) {
      let l: number;
      if (codeData[j] === codes[t]) l = 0;
      else if (codeData[j + 1] === p5[t]) l = 1;
      else if (codeData[j + 2] === p4[t]) l = 2;
      else if (codeData[j + 3] === p3[t]) l = 3;
      else if (codeData[j + 4] === p2[t]) l = 4;
      else continue;
      if (l < level) level = l;
    }
  }
  return level;
}

/** Whether supplier i, at CPV level `level`, may be matched at all (the eligibility rule). */
export function isEligible(index: MatchingIndex, query: TenderQuery, i: number, level: number): boolean {
  return (
    level <= query.minimumLevelIndex &&
    (query.region < 0 || !index.config.eligibility.requireRegion || ((index.regionMask[i]! >> query.region) & 1) === 1)
  );
}

/**
 * Every part but text for supplier `i` at CPV level `level` (cpvLevelOf, or what the index already knows),
 * summed in a fixed order: cpv, region, capacity, track record, SME, high growth.
 */
export function scoreCheapParts(index: MatchingIndex, query: TenderQuery, i: number, level: number): number {
  // One packed word per supplier (region mask, regions served, flags): scoring reads two columns, not five.
  const info = index.supplierInfo[i]!;
  const region = query.region;
  const serves = region < 0 || ((info >> region) & 1) === 1;
  let track = query.noTrackRecordPoints;
  if ((info & INFO_HAS_AWARDS) !== 0) {
    let same = 0;
    let other = 0;
    const lo = query.divisionMask[0]!;
    const hi = query.divisionMask[1]!;
    const awardMask = index.awardMask;
    for (let a = index.awardStart[i]!; a < index.awardStart[i + 1]!; a += 1) {
      if ((awardMask[2 * a]! & lo) !== 0 || (awardMask[2 * a + 1]! & hi) !== 0) same += 1;
      else other += 1;
    }
    track = trackRecordPoints(index.config, same, other);
  }
  const turnover = index.turnover[i]!;
  const value = query.valuePence;
  const capacity = value > 0 && turnover > 0 ? capacityPoints(index.config, value, turnover) : query.capacityUnknownPoints;
  return (
    query.cpvPointsByLevel[level]! +
    (serves ? query.regionPointsByCount[(info >> INFO_REGION_COUNT_SHIFT) & 15]! : 0) +
    capacity +
    track +
    query.smePointsByFlag[(info >> INFO_FLAGS_SHIFT) & FLAG_SME]! +
    query.highGrowthPointsByFlag[((info >> INFO_FLAGS_SHIFT) & FLAG_HIGH_GROWTH) >> 1]!
  );
}

/**
 * The CPV level of a supplier the class lists already place in one of the tender's classes: 0 (a code
 * in common), 1 (a category in common) or 2. The same answer as cpvLevelOf, from two columns.
 */
function levelWithinClass(index: MatchingIndex, query: TenderQuery, i: number): number {
  const { codes, p5 } = index;
  const tenderCodes = query.codes;
  const tenderP5 = query.p5;
  let level = 2;
  for (let j = index.codeStart[i]!; j < index.codeStart[i + 1]!; j += 1) {
    const code = codes[j]!;
    const category = p5[j]!;
    for (let t = 0; t < tenderCodes.length; t += 1) {
      if (code === tenderCodes[t]) return 0;
      if (category === tenderP5[t]) level = 1;
    }
  }
  return level;
}

/** Cosine similarity of the tender's and supplier i's TF-IDF vectors (both unit length). */
export function textCosine(index: MatchingIndex, query: TenderQuery, i: number): number {
  let j = index.termStart[i]!;
  const end = index.termStart[i + 1]!;
  let t = 0;
  const ids = query.termIds;
  let sum = 0;
  // Both term lists are sorted by term id: a merge walk, no lookups.
  while (j < end && t < ids.length) {
    const a = index.termIds[j]!;
    const b = ids[t]!;
    if (a === b) {
      sum += index.termWeights[j]! * query.termWeights[t]!;
      j += 1;
      t += 1;
    } else if (a < b) j += 1;
    else t += 1;
  }
  return sum;
}

/** The full score of supplier i, and whether it is eligible. */
export function scoreSupplier(index: MatchingIndex, query: TenderQuery, i: number): { score: number; eligible: boolean } {
  const level = cpvLevelOf(index, query, i);
  const score = scoreCheapParts(index, query, i, level) + textPoints(index.config, textCosine(index, query, i));
  return { score, eligible: isEligible(index, query, i, level) };
}

/** A bounded list of the best (score, then id order) suppliers: a min-heap with the worst on top. */
class TopList {
  private readonly scores: Float64Array;
  private readonly members: Int32Array;
  size = 0;
  constructor(
    readonly capacity: number,
    private readonly idOrder: Int32Array,
  ) {
    this.scores = new Float64Array(capacity);
    this.members = new Int32Array(capacity);
  }
  /** True when (scoreA, a) ranks below (scoreB, b). */
  private worse(scoreA: number, a: number, scoreB: number, b: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && this.idOrder[a]! > this.idOrder[b]!);
  }
  get worstScore(): number {
    return this.scores[0]!;
  }
  offer(score: number, member: number): void {
    if (this.size < this.capacity) {
      let k = this.size++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!this.worse(score, member, this.scores[parent]!, this.members[parent]!)) break;
        this.scores[k] = this.scores[parent]!;
        this.members[k] = this.members[parent]!;
        k = parent;
      }
      this.scores[k] = score;
      this.members[k] = member;
      return;
    }
    if (this.capacity === 0 || this.worse(score, member, this.scores[0]!, this.members[0]!)) return;
    let k = 0;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= this.size) break;
      const right = left + 1;
      let child = left;
      if (right < this.size && this.worse(this.scores[right]!, this.members[right]!, this.scores[left]!, this.members[left]!))
        child = right;
      if (!this.worse(this.scores[child]!, this.members[child]!, score, member)) break;
      this.scores[k] = this.scores[child]!;
      this.members[k] = this.members[child]!;
      k = child;
    }
    this.scores[k] = score;
    this.members[k] = member;
  }
  /** Best first. */
  sorted(ids: readonly string[]): RankedSupplier[] {
    const out: RankedSupplier[] = [];
    for (let k = 0; k < this.size; k += 1)
      out.push({ index: this.members[k]!, id: ids[this.members[k]!]!, score: this.scores[k]! });
    return out.sort((a, b) => b.score - a.score || this.idOrder[a.index]! - this.idOrder[b.index]!);
  }
}

/**
 * Sums the tender's text similarity to every candidate word by word, over the word postings of the
 * tender's divisions only, into index.accumulator. Each candidate's products are added in ascending word
 * order, exactly as textCosine adds them, so the result is the same number, bit for bit.
 */
function accumulateTextCosines(index: MatchingIndex, query: TenderQuery): void {
  const vocabularySize = index.terms.length;
  const divisions: number[] = [];
  for (let bit = 0; bit < 64; bit += 1) if ((query.divisionMask[bit >> 5]! >>> (bit & 31)) & 1) divisions.push(bit);
  const { wordStart, wordSuppliers, wordWeights, candidateBits, capabilityDivisions, accumulator } = index;
  const frequentCount = index.frequentCount;
  // A regional tender reads frequent words' lists for its own region only; everything else the division lists.
  const regional = query.region >= 0 && index.config.eligibility.requireRegion;
  for (let t = 0; t < query.termIds.length; t += 1) {
    const term = query.termIds[t]!;
    const weight = query.termWeights[t]!;
    const frequent = regional ? index.frequentWord[term]! : -1;
    const starts = frequent >= 0 ? index.regionalWordStart : wordStart;
    const suppliers = frequent >= 0 ? index.regionalWordSuppliers : wordSuppliers;
    const weights = frequent >= 0 ? index.regionalWordWeights : wordWeights;
    // List (region, division, frequent word) or (division, word).
    const keyBase = frequent >= 0 ? query.region * 64 * frequentCount + frequent : term;
    const keyStride = frequent >= 0 ? frequentCount : vocabularySize;
    if (divisions.length === 1) {
      const key = keyBase + divisions[0]! * keyStride;
      for (let k = starts[key]!; k < starts[key + 1]!; k += 1) {
        const s = suppliers[k]!;
        if ((candidateBits[s >> 5]! & (1 << (s & 31))) === 0) continue;
        accumulator[s] = accumulator[s]! + weights[k]! * weight;
      }
      continue;
    }
    // A supplier with capabilities in two of the tender's divisions is on both lists: it counts once per
    // word, on the list of the first of them (its capability divisions say whether it was on an earlier list).
    let earlierLow = 0;
    let earlierHigh = 0;
    for (const d of divisions) {
      const key = keyBase + d * keyStride;
      for (let k = starts[key]!; k < starts[key + 1]!; k += 1) {
        const s = suppliers[k]!;
        if ((candidateBits[s >> 5]! & (1 << (s & 31))) === 0) continue;
        if (((capabilityDivisions[2 * s]! & earlierLow) | (capabilityDivisions[2 * s + 1]! & earlierHigh)) !== 0) continue;
        accumulator[s] = accumulator[s]! + weights[k]! * weight;
      }
      if (d < 32) earlierLow |= 1 << d;
      else earlierHigh |= 1 << (d - 32);
    }
  }
}

/**
 * Examines candidate i at CPV level `level`: its text part from the accumulator (then cleared), and the
 * rest of its score unless CPV + text + the most the other parts can add stays below the list's worst
 * score (or below the minimum score): then it could not enter the list, whatever the rest.
 */
function examineCandidate(
  index: MatchingIndex,
  query: TenderQuery,
  top: TopList,
  i: number,
  level: number,
  mostOtherPoints: number,
  exclude: ReadonlySet<number> | undefined,
): void {
  const minimum = index.config.results.minimumScore;
  const text = textPoints(index.config, index.accumulator[i]!);
  index.accumulator[i] = 0;
  const floor = top.size === top.capacity ? top.worstScore : minimum;
  if (query.cpvPointsByLevel[level]! + text + mostOtherPoints < floor) return;
  const score = scoreCheapParts(index, query, i, level) + text;
  if (score >= minimum && !exclude?.has(i)) top.offer(score, i);
}

/**
 * Ranks the tender's candidates from the index: every candidate is examined once (pairs examined =
 * candidates): its CPV and text parts exactly, the rest of its score only if it can still reach the best
 * `limit`, which are returned in score order, ties broken by supplier id. The result is exactly the top
 * of what brute force returns: a supplier is skipped only when an upper bound of its score is below a
 * score already in the list (or below the minimum).
 */
export function rankTender(index: MatchingIndex, tender: TenderProfile, options: RankOptions = {}): RankOutcome {
  const config = index.config;
  const query = prepareTender(index, tender);
  const candidates = findCandidates(index, query);
  const top = new TopList(options.limit ?? config.results.keepTop, index.idOrder);
  accumulateTextCosines(index, query);
  const minimumDigits = CPV_LEVEL_DIGITS[config.eligibility.minimumSharedCpvLevel];
  const { groupTierBits, classTierBits } = index;
  // A margin far above rounding error, so that the bound never drops a supplier that could tie its way in.
  const mostOtherPoints = query.mostOtherPoints + 1e-9;
  const exclude = options.exclude;
  // Closest tier first (a shared class, then a shared group, then only the division), so the list fills
  // with strong scores early and the bound in examineCandidate rules out most of the looser tiers. One
  // pass examines the class tier and sets the others aside: the group tier from the front of a scratch
  // buffer, the division tier from its back.
  const later = index.tierBuffer;
  let groupEnd = 0;
  let divisionStart = later.length;
  for (let k = 0; k < candidates.length; k += 1) {
    const i = candidates[k]!;
    const word = i >> 5;
    const bit = 1 << (i & 31);
    if (minimumDigits >= 4) examineCandidate(index, query, top, i, cpvLevelOf(index, query, i), mostOtherPoints, exclude);
    else if ((classTierBits[word]! & bit) !== 0)
      examineCandidate(index, query, top, i, levelWithinClass(index, query, i), mostOtherPoints, exclude);
    else if (minimumDigits === 3 || (groupTierBits[word]! & bit) !== 0) later[groupEnd++] = i;
    else later[--divisionStart] = i;
  }
  for (let k = 0; k < groupEnd; k += 1) examineCandidate(index, query, top, later[k]!, 3, mostOtherPoints, exclude);
  for (let k = later.length - 1; k >= divisionStart; k -= 1)
    examineCandidate(index, query, top, later[k]!, 4, mostOtherPoints, exclude);
  return { results: top.sorted(index.ids), candidates: candidates.length, pairsExamined: candidates.length };
}

/** The baseline: every part of every supplier, then the same eligibility rule and the same ordering. */
export function rankTenderByBruteForce(index: MatchingIndex, tender: TenderProfile, options: RankOptions = {}): RankOutcome {
  const config = index.config;
  const query = prepareTender(index, tender);
  const top = new TopList(options.limit ?? config.results.keepTop, index.idOrder);
  let eligibleCount = 0;
  for (let i = 0; i < index.size; i += 1) {
    const level = cpvLevelOf(index, query, i);
    const score = scoreCheapParts(index, query, i, level) + textPoints(config, textCosine(index, query, i));
    if (!isEligible(index, query, i, level)) continue;
    eligibleCount += 1;
    if (options.exclude?.has(i) || score < config.results.minimumScore) continue;
    top.offer(score, i);
  }
  return { results: top.sorted(index.ids), candidates: eligibleCount, pairsExamined: index.size };
}
