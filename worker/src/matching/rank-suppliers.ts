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
  HOT_STRIDE,
  FLAG_HIGH_GROWTH,
  FLAG_SME,
  REGION_CODES,
  addDivisionBit,
  postingKey,
  ANY_REGION_SLOT,
  type MatchingIndex,
} from "./matching-index.ts";
import { tokeniseText } from "./tokenise-text.ts";

// Scoring a tender against suppliers, two ways that must agree:
// - rankTender: candidates from the index only (every candidate's non-text parts are computed; the
//   text part only where it can still change the top list), and
// - rankTenderByBruteForce: every part of every supplier, the baseline the benchmark compares against.
// Both use scoreCheapParts + textPoints(textCosine) in the same order, so their scores are identical numbers.
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
  /** Set by scoreCheapParts: whether the last supplier scored is eligible. */
  eligible: boolean;
  /** Set by scoreCheapParts: the closest CPV level found for the last supplier. */
  level: number;
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
  /** Supplier-tender pairs whose score was (at least partly) computed. */
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
    eligible: false,
    level: NO_LEVEL,
    ...tenderTables(index, tender.region === null ? -1 : REGION_CODES.indexOf(tender.region)),
  };
}

function tenderTables(index: MatchingIndex, region: number) {
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
 * Every part but text for supplier `i`, summed in a fixed order (cpv, region, capacity, track record,
 * SME, high growth); sets query.eligible and query.level. `knownLevel`, when the index already knows the
 * CPV level (a candidate sharing only a division or a group), saves reading the supplier's codes.
 */
export function scoreCheapParts(index: MatchingIndex, query: TenderQuery, i: number, knownLevel = -1): number {
  const config = index.config;
  const hot = index.hot;
  const at = i * HOT_STRIDE;
  const codeData = index.codeData;
  const tenderCodes = query.codes.length;
  let level = knownLevel >= 0 ? knownLevel : NO_LEVEL;
  const end = knownLevel >= 0 ? 0 : hot[at + 5]! * CODE_STRIDE;
  for (let j = hot[at + 4]! * CODE_STRIDE; j < end && level > 0; j += CODE_STRIDE) {
    for (let t = 0; t < tenderCodes; t += 1) {
      let l: number;
      if (codeData[j] === query.codes[t]) l = 0;
      else if (codeData[j + 1] === query.p5[t]) l = 1;
      else if (codeData[j + 2] === query.p4[t]) l = 2;
      else if (codeData[j + 3] === query.p3[t]) l = 3;
      else if (codeData[j + 4] === query.p2[t]) l = 4;
      else continue;
      if (l < level) level = l;
    }
  }
  const serves = query.region < 0 || ((hot[at]! >> query.region) & 1) === 1;
  const awardsFrom = hot[at + 6]!;
  const awardsTo = hot[at + 7]!;
  let track = query.noTrackRecordPoints;
  if (awardsTo > awardsFrom) {
    let same = 0;
    let other = 0;
    const lo = query.divisionMask[0]!;
    const hi = query.divisionMask[1]!;
    for (let a = awardsFrom; a < awardsTo; a += 1) {
      if ((index.awardMask[2 * a]! & lo) !== 0 || (index.awardMask[2 * a + 1]! & hi) !== 0) same += 1;
      else other += 1;
    }
    track = trackRecordPoints(config, same, other);
  }
  const turnover = hot[at + 2]!;
  const capacity =
    query.valuePence > 0 && turnover > 0 ? capacityPoints(config, query.valuePence, turnover) : query.capacityUnknownPoints;
  const flags = hot[at + 3]!;
  query.level = level;
  query.eligible = level <= query.minimumLevelIndex && (serves || !config.eligibility.requireRegion);
  return (
    query.cpvPointsByLevel[level]! +
    (serves ? query.regionPointsByCount[hot[at + 1]!]! : 0) +
    capacity +
    track +
    query.smePointsByFlag[flags & FLAG_SME]! +
    query.highGrowthPointsByFlag[(flags & FLAG_HIGH_GROWTH) >> 1]!
  );
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
  const cheap = scoreCheapParts(index, query, i);
  const eligible = query.eligible;
  return { score: cheap + textPoints(index.config, textCosine(index, query, i)), eligible };
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
  const { wordStart, wordSuppliers, wordWeights, candidateBits, termSeenBits, accumulator } = index;
  const frequentCount = index.frequentCount;
  // A regional tender reads frequent words' lists for its own region only; everything else the division lists.
  const regional = query.region >= 0 && index.config.eligibility.requireRegion;
  const seenList: number[] = [];
  for (let t = 0; t < query.termIds.length; t += 1) {
    const term = query.termIds[t]!;
    const weight = query.termWeights[t]!;
    const frequent = regional ? index.frequentWord[term]! : -1;
    const starts = frequent >= 0 ? index.regionalWordStart : wordStart;
    const suppliers = frequent >= 0 ? index.regionalWordSuppliers : wordSuppliers;
    const weights = frequent >= 0 ? index.regionalWordWeights : wordWeights;
    const keyOf = (d: number) => (frequent >= 0 ? (query.region * 64 + d) * frequentCount + frequent : d * vocabularySize + term);
    if (divisions.length === 1) {
      const key = keyOf(divisions[0]!);
      for (let k = starts[key]!; k < starts[key + 1]!; k += 1) {
        const s = suppliers[k]!;
        if ((candidateBits[s >> 5]! & (1 << (s & 31))) === 0) continue;
        accumulator[s] = accumulator[s]! + weights[k]! * weight;
      }
      continue;
    }
    // A supplier with capabilities in two of the tender's divisions is on two lists: count it once per word.
    for (const d of divisions) {
      const key = keyOf(d);
      for (let k = starts[key]!; k < starts[key + 1]!; k += 1) {
        const s = suppliers[k]!;
        const mask = 1 << (s & 31);
        if ((candidateBits[s >> 5]! & mask) === 0 || (termSeenBits[s >> 5]! & mask) !== 0) continue;
        termSeenBits[s >> 5] = termSeenBits[s >> 5]! | mask;
        seenList.push(s);
        accumulator[s] = accumulator[s]! + weights[k]! * weight;
      }
    }
    for (const s of seenList) termSeenBits[s >> 5] = 0;
    seenList.length = 0;
  }
}

/**
 * Ranks the tender's candidates from the index: every candidate gets its full score (pairs examined =
 * candidates), the text part summed through the word postings, and the best `limit` are returned in
 * score order, ties broken by supplier id. The result is exactly the top of what brute force returns.
 */
export function rankTender(index: MatchingIndex, tender: TenderProfile, options: RankOptions = {}): RankOutcome {
  const config = index.config;
  const query = prepareTender(index, tender);
  const candidates = findCandidates(index, query);
  const top = new TopList(options.limit ?? config.results.keepTop, index.idOrder);
  const minimum = config.results.minimumScore;
  accumulateTextCosines(index, query);
  const accumulator = index.accumulator;
  const minimumDigits = CPV_LEVEL_DIGITS[config.eligibility.minimumSharedCpvLevel];
  const { groupTierBits, classTierBits } = index;
  for (let k = 0; k < candidates.length; k += 1) {
    const i = candidates[k]!;
    const word = i >> 5;
    const bit = 1 << (i & 31);
    // Class or closer: read the codes (class, category or the same code). Otherwise the lists decide.
    const knownLevel =
      minimumDigits >= 4 || (classTierBits[word]! & bit) !== 0
        ? -1
        : minimumDigits === 3 || (groupTierBits[word]! & bit) !== 0
          ? 3
          : 4;
    const score = scoreCheapParts(index, query, i, knownLevel) + textPoints(config, accumulator[i]!);
    accumulator[i] = 0;
    if (query.eligible && score >= minimum && !options.exclude?.has(i)) top.offer(score, i);
  }
  return { results: top.sorted(index.ids), candidates: candidates.length, pairsExamined: candidates.length };
}

/** The baseline: every part of every supplier, then the same eligibility rule and the same ordering. */
export function rankTenderByBruteForce(index: MatchingIndex, tender: TenderProfile, options: RankOptions = {}): RankOutcome {
  const config = index.config;
  const query = prepareTender(index, tender);
  const top = new TopList(options.limit ?? config.results.keepTop, index.idOrder);
  let eligibleCount = 0;
  for (let i = 0; i < index.size; i += 1) {
    const score = scoreCheapParts(index, query, i) + textPoints(config, textCosine(index, query, i));
    if (!query.eligible) continue;
    eligibleCount += 1;
    if (options.exclude?.has(i) || score < config.results.minimumScore) continue;
    top.offer(score, i);
  }
  return { results: top.sorted(index.ids), candidates: eligibleCount, pairsExamined: index.size };
}
