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
  };
}

/** The tender's candidates: the union of its posting lists at the eligibility level, each supplier once. */
export function findCandidates(index: MatchingIndex, query: TenderQuery): Int32Array {
  const digits = CPV_LEVEL_DIGITS[index.config.eligibility.minimumSharedCpvLevel];
  const slot = query.region >= 0 && index.config.eligibility.requireRegion ? query.region : ANY_REGION_SLOT;
  const divisor = 10 ** (8 - digits);
  const prefixes = [...new Set(query.codes.map((c) => Math.floor(c / divisor)))];
  index.queryCount = (index.queryCount + 1) >>> 0 || 1;
  const stamp = index.queryCount;
  const out: number[] = [];
  for (const prefix of prefixes) {
    const list = index.postings.get(postingKey(slot, digits, prefix));
    if (!list) continue;
    for (let k = 0; k < list.length; k += 1) {
      const s = list[k]!;
      if (index.stamp[s] !== stamp) {
        index.stamp[s] = stamp;
        out.push(s);
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * Every part but text for supplier `i`, summed in a fixed order (cpv, region, capacity, track record,
 * SME, high growth); sets query.eligible and query.level.
 */
export function scoreCheapParts(index: MatchingIndex, query: TenderQuery, i: number): number {
  const config = index.config;
  let level = NO_LEVEL;
  const end = index.codeStart[i + 1]!;
  for (let j = index.codeStart[i]!; j < end && level > 0; j += 1) {
    for (let t = 0; t < query.codes.length; t += 1) {
      let l: number;
      if (index.codes[j] === query.codes[t]) l = 0;
      else if (index.p5[j] === query.p5[t]) l = 1;
      else if (index.p4[j] === query.p4[t]) l = 2;
      else if (index.p3[j] === query.p3[t]) l = 3;
      else if (index.p2[j] === query.p2[t]) l = 4;
      else continue;
      if (l < level) level = l;
    }
  }
  const serves = query.region < 0 || ((index.regionMask[i]! >> query.region) & 1) === 1;
  let same = 0;
  let other = 0;
  const lo = query.divisionMask[0]!;
  const hi = query.divisionMask[1]!;
  for (let a = index.awardStart[i]!; a < index.awardStart[i + 1]!; a += 1) {
    if ((index.awardMask[2 * a]! & lo) !== 0 || (index.awardMask[2 * a + 1]! & hi) !== 0) same += 1;
    else other += 1;
  }
  const flags = index.flags[i]!;
  query.level = level;
  query.eligible =
    level <= MIN_LEVEL_INDEX[config.eligibility.minimumSharedCpvLevel] && (serves || !config.eligibility.requireRegion);
  return (
    cpvPoints(config, level) +
    regionPoints(config, query.region, serves, index.regionCount[i]!, REGION_CODES.length) +
    capacityPoints(config, query.valuePence, index.turnover[i]!) +
    trackRecordPoints(config, same, other) +
    smePoints(config, (flags & FLAG_SME) !== 0) +
    highGrowthPoints(config, (flags & FLAG_HIGH_GROWTH) !== 0)
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
function accumulateTextCosines(index: MatchingIndex, query: TenderQuery, candidateStamp: number): void {
  const vocabularySize = index.terms.length;
  const divisions: number[] = [];
  for (let bit = 0; bit < 64; bit += 1) if ((query.divisionMask[bit >> 5]! >>> (bit & 31)) & 1) divisions.push(bit);
  const { wordStart, wordSuppliers, wordWeights, stamp, termSeen, accumulator } = index;
  for (let t = 0; t < query.termIds.length; t += 1) {
    const term = query.termIds[t]!;
    const weight = query.termWeights[t]!;
    // A supplier with capabilities in two of the tender's divisions is on two lists: count it once per word.
    index.termCount = (index.termCount + 1) >>> 0 || 1;
    const seen = index.termCount;
    for (const d of divisions) {
      const key = d * vocabularySize + term;
      for (let k = wordStart[key]!; k < wordStart[key + 1]!; k += 1) {
        const s = wordSuppliers[k]!;
        if (stamp[s] !== candidateStamp || termSeen[s] === seen) continue;
        termSeen[s] = seen;
        accumulator[s] = accumulator[s]! + wordWeights[k]! * weight;
      }
    }
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
  const candidateStamp = index.queryCount;
  const top = new TopList(options.limit ?? config.results.keepTop, index.idOrder);
  const minimum = config.results.minimumScore;
  accumulateTextCosines(index, query, candidateStamp);
  const accumulator = index.accumulator;
  for (let k = 0; k < candidates.length; k += 1) {
    const i = candidates[k]!;
    const score = scoreCheapParts(index, query, i) + textPoints(config, accumulator[i]!);
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
