import type { MatchingConfig } from "@ccm/api/matching/matching-config";
import { listCpvCodes } from "@ccm/api/cpv/cpv";
import { listRegions } from "@ccm/api/organisations/councils";
import { cpvPrefixes } from "./score-parts.ts";
import { tokeniseText } from "./tokenise-text.ts";

// The in-memory index that candidate generation reads (see docs/adr/0010-matching.md).
//
// Postings: for every region a supplier serves, and once more under the "any region" slot used by
// national tenders, the supplier is listed under each distinct 2-, 3- and 4-digit prefix of its capability
// codes (its CPV divisions, groups and classes). A tender's candidates are then the union of a few
// posting lists - one per distinct prefix of its own codes at the configured eligibility level, in its
// region's slot - so the work is proportional to the candidates, never to the number of suppliers. The
// 3- and 4-digit keys let the eligibility level be tightened in configuration without a code change.
//
// Suppliers are held as columns (typed arrays indexed by supplier number) so that scoring a candidate
// touches a few numbers and no objects: CPV codes and their prefixes, a region bit mask, turnover, SME and
// high-growth flags, the divisions of contracts won, and an L2-normalised TF-IDF vector of their text.

/** What matching knows about one supplier. */
export interface SupplierProfile {
  id: string;
  /** Capability CPV codes, 8 digits. */
  cpvCodes: readonly string[];
  /** ITL1 codes of the regions served. */
  regions: readonly string[];
  /** Its description and its published offerings' titles, summaries and descriptions. */
  text: string;
  isSme: boolean;
  isHighGrowth: boolean;
  /** Latest yearly turnover in pence; null when unknown. */
  turnoverPence: number | null;
  /** CPV codes of each contract won on this marketplace, one entry per contract. */
  awardCpvCodes: readonly (readonly string[])[];
}

export const FLAG_SME = 1;
export const FLAG_HIGH_GROWTH = 2;
/** supplierInfo[i]: bits 0-11 the region mask, 12-15 the number of regions served, 16-17 the flags, 18 has awards. */
export const INFO_REGION_COUNT_SHIFT = 12;
export const INFO_FLAGS_SHIFT = 16;
export const INFO_HAS_AWARDS = 1 << 18;

/** The 12 ITL1 region codes in a fixed order: a supplier's regions are a bit mask over it. */
export const REGION_CODES: readonly string[] = listRegions().map((r) => r.code);
/** The posting slot of "any region", used by national tenders; regions use slots 0..11. */
export const ANY_REGION_SLOT = 15;

let divisionBits: Int8Array | undefined;
/** Bit position of each CPV division (index = the division's two digits), -1 where there is none. */
export function divisionBitTable(): Int8Array {
  if (divisionBits) return divisionBits;
  const table = new Int8Array(100).fill(-1);
  let bit = 0;
  for (const c of listCpvCodes()) if (c.level === "division") table[Number(c.code8.slice(0, 2))] = bit++;
  if (bit > 64) throw new Error("more than 64 CPV divisions: widen the division masks");
  divisionBits = table;
  return table;
}

/** Adds a code's division to a [low, high] 64-bit mask held as two 32-bit words. */
export function addDivisionBit(mask: Int32Array, offset: number, code: number): void {
  const bit = divisionBitTable()[Math.floor(code / 1_000_000)] ?? -1;
  if (bit < 0) return;
  if (bit < 32) mask[offset] = (mask[offset] ?? 0) | (1 << bit);
  else mask[offset + 1] = (mask[offset + 1] ?? 0) | (1 << (bit - 32));
}

/** One number per (region slot, prefix length, prefix): prefixes have at most 4 digits. */
export function postingKey(slot: number, digits: number, prefix: number): number {
  return (slot * 8 + digits) * 10_000 + prefix;
}

export interface MatchingIndex {
  config: MatchingConfig;
  size: number;
  ids: string[];
  /** Position of each supplier's id in id order: the deterministic tie-break. */
  idOrder: Int32Array;
  /** Supplier i's codes are codes[codeStart[i] .. codeStart[i+1]); p5..p2 hold their prefixes. */
  codeStart: Int32Array;
  codes: Int32Array;
  p5: Int32Array;
  p4: Int32Array;
  p3: Int32Array;
  p2: Int32Array;
  regionMask: Int32Array;
  regionCount: Uint8Array;
  /** Region mask, regions served, flags and whether it won contracts, packed (see INFO_*): what scoring reads. */
  supplierInfo: Int32Array;
  /** Turnover in pence, NaN when unknown. */
  turnover: Float64Array;
  flags: Uint8Array;
  /** Contract j of supplier i (awardStart[i] <= j < awardStart[i+1]) has division mask awardMask[2j], awardMask[2j+1]. */
  awardStart: Int32Array;
  awardMask: Int32Array;
  termStart: Int32Array;
  termIds: Int32Array;
  termWeights: Float32Array;
  vocabulary: Map<string, number>;
  terms: string[];
  idf: Float64Array;
  postings: Map<number, Int32Array>;
  /** Word postings per (division bit d, term t): suppliers and weights in [wordStart[d*V+t], wordStart[d*V+t+1]). */
  wordStart: Int32Array;
  wordSuppliers: Int32Array;
  wordWeights: Float32Array;
  /** Index among frequent words (-1 for a rare word); lists per (region r, division d, frequent word f) at key (r*64+d)*F+f. */
  frequentWord: Int32Array;
  frequentCount: number;
  regionalWordStart: Int32Array;
  regionalWordSuppliers: Int32Array;
  regionalWordWeights: Float32Array;
  /** Division bits of each supplier's capabilities. */
  supplierDivisionStart: Int32Array;
  supplierDivisions: Int32Array;
  /** Code k at k*CODE_STRIDE: the code and its 5-, 4-, 3- and 2-digit prefixes. */
  codeData: Int32Array;
  /** Bit i set while supplier i is a candidate of the current query (12.5 kB per 100,000: stays in L1/L2). */
  candidateBits: Uint32Array;
  candidateCount: number;
  /** Candidates sharing at least a group / a class with the current query (from the 3- and 4-digit lists). */
  groupTierBits: Uint32Array;
  classTierBits: Uint32Array;
  /** Scratch for the candidates of the current query. */
  candidateBuffer: Int32Array;
  /** Scratch for the candidates that rankTender examines after the closest ones. */
  tierBuffer: Int32Array;
  /** Division bits of supplier i's capabilities as a 64-bit mask: low word at 2i, high word at 2i+1. */
  capabilityDivisions: Int32Array;
  accumulator: Float64Array;
}

/** Division bits fit in 64 (there are 45 CPV divisions). */
const DIVISION_SLOTS = 64;
const DIVISORS = [1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 10, 1];

function addPosting(lists: Map<number, number[]>, key: number, supplier: number): void {
  const list = lists.get(key);
  if (!list) lists.set(key, [supplier]);
  else if (list[list.length - 1] !== supplier) list.push(supplier);
}

const EIGHT_DIGITS = /^\d{8}$/;

function parseCode(code: string): number | null {
  return EIGHT_DIGITS.test(code) ? Number(code) : null;
}

/**
 * The suppliers in the order the index numbers them: by first region served, then by the division of the
 * first capability code (the ones they entered first), otherwise as given. A tender's candidates are
 * mostly the suppliers of its region and division, so they get neighbouring numbers, and scoring them
 * reads a few runs of memory instead of a cache line per candidate in every column (a cold single
 * tender spent more time waiting for memory than computing). Ties and results never depend on it:
 * equal scores are ordered by supplier id.
 */
function clusterByRegionAndDivision(suppliers: readonly SupplierProfile[]): SupplierProfile[] {
  const regionBit = new Map(REGION_CODES.map((code, i) => [code, i]));
  const keys = suppliers.map((s) => {
    const region = s.regions.map((r) => regionBit.get(r)).find((bit) => bit !== undefined) ?? REGION_CODES.length;
    const code = s.cpvCodes.find((c) => EIGHT_DIGITS.test(c));
    return region * 100 + (code === undefined ? 99 : Number(code.slice(0, 2)));
  });
  return suppliers
    .map((_, i) => i)
    .sort((a, b) => keys[a]! - keys[b]! || a - b)
    .map((i) => suppliers[i]!);
}

/** Builds the index over every supplier; O(total codes x regions + total words). */
export function buildMatchingIndex(given: readonly SupplierProfile[], config: MatchingConfig): MatchingIndex {
  const suppliers = clusterByRegionAndDivision(given);
  const n = suppliers.length;
  const regionBit = new Map(REGION_CODES.map((code, i) => [code, i]));
  const codeStart = new Int32Array(n + 1);
  const codeList: number[] = [];
  const regionMask = new Int32Array(n);
  const regionCount = new Uint8Array(n);
  const turnover = new Float64Array(n);
  const flags = new Uint8Array(n);
  const awardStart = new Int32Array(n + 1);
  const awardList: number[] = [];
  const termStart = new Int32Array(n + 1);
  const termIdList: number[] = [];
  const termCountList: number[] = [];
  const vocabulary = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const postingLists = new Map<number, number[]>();
  const levelDigits = [4, 3, 2] as const;
  const counts: number[] = [];
  const touched: number[] = [];
  const awardScratch = new Int32Array(2);

  for (let i = 0; i < n; i += 1) {
    const s = suppliers[i]!;
    codeStart[i] = codeList.length;
    const codes: number[] = [];
    for (const raw of s.cpvCodes) {
      const code = parseCode(raw);
      if (code !== null && !codes.includes(code)) codes.push(code);
    }
    codes.sort((a, b) => a - b);
    for (const code of codes) codeList.push(code);

    let mask = 0;
    for (const region of s.regions) {
      const bit = regionBit.get(region);
      if (bit !== undefined) mask |= 1 << bit;
    }
    regionMask[i] = mask;
    let served = 0;
    for (let b = 0; b < REGION_CODES.length; b += 1) if (mask & (1 << b)) served += 1;
    regionCount[i] = served;

    turnover[i] = s.turnoverPence !== null && s.turnoverPence > 0 ? s.turnoverPence : Number.NaN;
    flags[i] = (s.isSme ? FLAG_SME : 0) | (s.isHighGrowth ? FLAG_HIGH_GROWTH : 0);

    awardStart[i] = awardList.length / 2;
    for (const awardCodes of s.awardCpvCodes) {
      awardScratch.fill(0);
      for (const code of awardCodes) {
        const parsed = parseCode(code);
        if (parsed !== null) addDivisionBit(awardScratch, 0, parsed);
      }
      awardList.push(awardScratch[0]!, awardScratch[1]!);
    }

    termStart[i] = termIdList.length;
    touched.length = 0;
    for (const word of tokeniseText(s.text)) {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = terms.length;
        vocabulary.set(word, id);
        terms.push(word);
        df.push(0);
        counts.push(0);
      }
      if (counts[id] === 0) touched.push(id);
      counts[id] = counts[id]! + 1;
    }
    // Sorted term ids: scoring walks a supplier's and a tender's terms in the same order.
    touched.sort((a, b) => a - b);
    for (const id of touched) {
      termIdList.push(id);
      termCountList.push(counts[id]!);
      counts[id] = 0;
      df[id] = df[id]! + 1;
    }

    // Suppliers are added in order, so a list whose last entry is this supplier already has it.
    for (const code of codes)
      for (const digits of levelDigits) {
        const prefix = Math.floor(code / DIVISORS[digits]!);
        addPosting(postingLists, postingKey(ANY_REGION_SLOT, digits, prefix), i);
        for (let b = 0; b < REGION_CODES.length; b += 1)
          if (mask & (1 << b)) addPosting(postingLists, postingKey(b, digits, prefix), i);
      }
  }
  codeStart[n] = codeList.length;
  awardStart[n] = awardList.length / 2;
  termStart[n] = termIdList.length;

  const codes = Int32Array.from(codeList);
  const idf = new Float64Array(terms.length);
  for (let t = 0; t < terms.length; t += 1) idf[t] = Math.log(1 + n / (df[t] ?? 1));
  const termWeights = new Float32Array(termIdList.length);
  for (let i = 0; i < n; i += 1) {
    let norm = 0;
    for (let j = termStart[i]!; j < termStart[i + 1]!; j += 1) {
      const w = (1 + Math.log(termCountList[j]!)) * idf[termIdList[j]!]!;
      termWeights[j] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = termStart[i]!; j < termStart[i + 1]!; j += 1) termWeights[j] = termWeights[j]! / norm;
  }

  const wordPostings = buildWordPostings(n, codes, codeStart, termStart, termIdList, termWeights, terms.length);
  const regionalWordPostings = buildRegionalWordPostings(
    n,
    regionMask,
    wordPostings.supplierDivisionStart,
    wordPostings.supplierDivisions,
    termStart,
    termIdList,
    termWeights,
    df,
  );

  const ids = suppliers.map((s) => s.id);
  const byId = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const idOrder = new Int32Array(n);
  byId.forEach((supplier, position) => (idOrder[supplier] = position));

  const postings = new Map<number, Int32Array>();
  for (const [key, list] of postingLists) postings.set(key, Int32Array.from(list));

  return {
    config,
    size: n,
    ids,
    idOrder,
    codeStart,
    codes,
    p5: codes.map((c) => Math.floor(c / 1_000)),
    p4: codes.map((c) => Math.floor(c / 10_000)),
    p3: codes.map((c) => Math.floor(c / 100_000)),
    p2: codes.map((c) => Math.floor(c / 1_000_000)),
    regionMask,
    regionCount,
    supplierInfo: packInfo(n, regionMask, regionCount, flags, awardStart),
    turnover,
    flags,
    awardStart,
    awardMask: Int32Array.from(awardList),
    termStart,
    termIds: Int32Array.from(termIdList),
    termWeights,
    vocabulary,
    terms,
    idf,
    postings,
    ...wordPostings,
    ...regionalWordPostings,
    codeData: packCodes(codes),
    candidateBits: new Uint32Array(Math.ceil(n / 32)),
    candidateCount: 0,
    groupTierBits: new Uint32Array(Math.ceil(n / 32)),
    classTierBits: new Uint32Array(Math.ceil(n / 32)),
    candidateBuffer: new Int32Array(n),
    tierBuffer: new Int32Array(n),
    capabilityDivisions: packCapabilityDivisions(n, wordPostings.supplierDivisionStart, wordPostings.supplierDivisions),
    accumulator: new Float64Array(n),
  };
}

function packInfo(
  n: number,
  regionMask: Int32Array,
  regionCount: Uint8Array,
  flags: Uint8Array,
  awardStart: Int32Array,
): Int32Array {
  const info = new Int32Array(n);
  for (let i = 0; i < n; i += 1)
    info[i] =
      regionMask[i]! |
      (regionCount[i]! << INFO_REGION_COUNT_SHIFT) |
      (flags[i]! << INFO_FLAGS_SHIFT) |
      (awardStart[i + 1]! > awardStart[i]! ? INFO_HAS_AWARDS : 0);
  return info;
}

function packCapabilityDivisions(n: number, start: Int32Array, divisions: Int32Array): Int32Array {
  const masks = new Int32Array(2 * n);
  for (let i = 0; i < n; i += 1)
    for (let k = start[i]!; k < start[i + 1]!; k += 1) {
      const bit = divisions[k]!;
      if (bit < 32) masks[2 * i] = masks[2 * i]! | (1 << bit);
      else masks[2 * i + 1] = masks[2 * i + 1]! | (1 << (bit - 32));
    }
  return masks;
}

export const CODE_STRIDE = 5;

function packCodes(codes: Int32Array): Int32Array {
  const data = new Int32Array(codes.length * CODE_STRIDE);
  codes.forEach((code, k) => {
    const [c, p5, p4, p3, p2] = cpvPrefixes(code);
    data.set([c, p5, p4, p3, p2], k * CODE_STRIDE);
  });
  return data;
}

/**
 * The inverted word index: for each (CPV division, word), the suppliers with a capability in that
 * division whose text has the word, with the word's weight in their vector. A tender's text similarity
 * to all its candidates is then summed word by word over only the lists of its own divisions and words.
 */
function buildWordPostings(
  n: number,
  codes: Int32Array,
  codeStart: Int32Array,
  termStart: Int32Array,
  termIds: readonly number[],
  termWeights: Float32Array,
  vocabularySize: number,
): Pick<MatchingIndex, "wordStart" | "wordSuppliers" | "wordWeights" | "supplierDivisions" | "supplierDivisionStart"> {
  const bits = divisionBitTable();
  const supplierDivisionStart = new Int32Array(n + 1);
  const divisionList: number[] = [];
  for (let i = 0; i < n; i += 1) {
    supplierDivisionStart[i] = divisionList.length;
    let last = -1;
    // Codes are sorted, so a supplier's codes in one division are adjacent.
    for (let j = codeStart[i]!; j < codeStart[i + 1]!; j += 1) {
      const bit = bits[Math.floor(codes[j]! / 1_000_000)] ?? -1;
      if (bit < 0 || bit === last) continue;
      last = bit;
      divisionList.push(bit);
    }
  }
  supplierDivisionStart[n] = divisionList.length;
  const supplierDivisions = Int32Array.from(divisionList);
  // Counting sort into one flat array: list (d, t) is wordSuppliers[wordStart[d*V+t] .. wordStart[d*V+t+1]).
  const keys = DIVISION_SLOTS * vocabularySize;
  const wordStart = new Int32Array(keys + 1);
  for (let i = 0; i < n; i += 1)
    for (let k = supplierDivisionStart[i]!; k < supplierDivisionStart[i + 1]!; k += 1) {
      const base = supplierDivisions[k]! * vocabularySize;
      for (let j = termStart[i]!; j < termStart[i + 1]!; j += 1) wordStart[base + termIds[j]! + 1]! += 1;
    }
  for (let k = 0; k < keys; k += 1) wordStart[k + 1]! += wordStart[k]!;
  const fill = wordStart.slice(0, keys);
  const wordSuppliers = new Int32Array(wordStart[keys]!);
  const wordWeights = new Float32Array(wordStart[keys]!);
  for (let i = 0; i < n; i += 1)
    for (let k = supplierDivisionStart[i]!; k < supplierDivisionStart[i + 1]!; k += 1) {
      const base = supplierDivisions[k]! * vocabularySize;
      for (let j = termStart[i]!; j < termStart[i + 1]!; j += 1) {
        const at = fill[base + termIds[j]!]!++;
        wordSuppliers[at] = i;
        wordWeights[at] = termWeights[j]!;
      }
    }
  return { wordStart, wordSuppliers, wordWeights, supplierDivisions, supplierDivisionStart };
}

/** Words on at least this many suppliers also get lists per region (long lists are where a region filter pays). */
export const REGIONAL_WORD_MIN_SUPPLIERS = 64;

/**
 * For frequent words only: lists per (region, division, word), so that a regional tender's text similarity
 * visits only suppliers in its region. Rare words keep using the division lists (they are short anyway).
 */
function buildRegionalWordPostings(
  n: number,
  regionMask: Int32Array,
  supplierDivisionStart: Int32Array,
  supplierDivisions: Int32Array,
  termStart: Int32Array,
  termIds: readonly number[],
  termWeights: Float32Array,
  df: readonly number[],
): Pick<MatchingIndex, "frequentWord" | "frequentCount" | "regionalWordStart" | "regionalWordSuppliers" | "regionalWordWeights"> {
  const frequentWord = new Int32Array(df.length).fill(-1);
  let frequent = 0;
  df.forEach((count, term) => {
    if (count >= REGIONAL_WORD_MIN_SUPPLIERS) frequentWord[term] = frequent++;
  });
  const regions = REGION_CODES.length;
  // Key ((region * 64 + division) * F + frequent word index).
  const keys = regions * DIVISION_SLOTS * frequent;
  const regionalWordStart = new Int32Array(keys + 1);
  const visit = (emit: (key: number, j: number, i: number) => void) => {
    for (let i = 0; i < n; i += 1) {
      const mask = regionMask[i]!;
      if (mask === 0) continue;
      for (let r = 0; r < regions; r += 1) {
        if ((mask & (1 << r)) === 0) continue;
        for (let k = supplierDivisionStart[i]!; k < supplierDivisionStart[i + 1]!; k += 1) {
          const base = (r * DIVISION_SLOTS + supplierDivisions[k]!) * frequent;
          for (let j = termStart[i]!; j < termStart[i + 1]!; j += 1) {
            const f = frequentWord[termIds[j]!]!;
            if (f >= 0) emit(base + f, j, i);
          }
        }
      }
    }
  };
  visit((key) => (regionalWordStart[key + 1]! += 1));
  for (let k = 0; k < keys; k += 1) regionalWordStart[k + 1]! += regionalWordStart[k]!;
  const fill = regionalWordStart.slice(0, keys);
  const regionalWordSuppliers = new Int32Array(regionalWordStart[keys]!);
  const regionalWordWeights = new Float32Array(regionalWordStart[keys]!);
  visit((key, j, i) => {
    const at = fill[key]!++;
    regionalWordSuppliers[at] = i;
    regionalWordWeights[at] = termWeights[j]!;
  });
  return { frequentWord, frequentCount: frequent, regionalWordStart, regionalWordSuppliers, regionalWordWeights };
}
