import { findCpvCode } from "@ccm/api/cpv/cpv";
import type { ScorePart } from "@ccm/api/matching/matching-config";
import { listRegions } from "@ccm/api/organisations/councils";
import { FLAG_HIGH_GROWTH, FLAG_SME, REGION_CODES, type MatchingIndex } from "./matching-index.ts";
import {
  cpvLevelOf,
  prepareTender,
  scoreCheapParts,
  textCosine,
  type TenderProfile,
  type TenderQuery,
} from "./rank-suppliers.ts";
import {
  LEVELS,
  NO_LEVEL,
  capacityPoints,
  cpvLevelIndex,
  cpvPoints,
  highGrowthPoints,
  regionPoints,
  smePoints,
  textPoints,
  trackRecordPoints,
} from "./score-parts.ts";

// The reasons stored with a match and shown to buyer and supplier: one per part, with the points it
// added. They are computed by the same part functions as the score and summed in the same order, so the
// contributions add up to the stored score exactly.

export interface MatchReason {
  kind: ScorePart;
  /** Plain English, readable by the buyer and the supplier. */
  label: string;
  contribution: number;
  /** The most this part can add (its weight). */
  weight: number;
}

export interface ExplainedMatch {
  score: number;
  reasons: MatchReason[];
}

const LEVEL_WORDS = [
  "the same code as",
  "in the same category as",
  "in the same class as",
  "in the same group as",
  "in the same division as",
];

function codeWithLabel(code: number): string {
  const code8 = String(code).padStart(8, "0");
  const label = findCpvCode(code8)?.label;
  return label ? `${code8} (${label})` : code8;
}

function pounds(pence: number): string {
  return `£${Math.round(pence / 100).toLocaleString("en-GB")}`;
}

function regionName(code: string): string {
  return listRegions().find((r) => r.code === code)?.name ?? code;
}

/** The closest pair of codes, for the CPV reason. */
function closestPair(index: MatchingIndex, query: TenderQuery, i: number): { supplierCode: number; tenderCode: number } | null {
  let best: { supplierCode: number; tenderCode: number; level: number } | null = null;
  for (let j = index.codeStart[i]!; j < index.codeStart[i + 1]!; j += 1)
    for (const t of query.codes) {
      const level = cpvLevelIndex(index.codes[j]!, t);
      if (level < NO_LEVEL && (!best || level < best.level)) best = { supplierCode: index.codes[j]!, tenderCode: t, level };
    }
  return best;
}

/** The words that contribute most to the text similarity. */
function sharedWords(index: MatchingIndex, query: TenderQuery, i: number, limit = 6): string[] {
  const weights = new Map(query.termIds.map((id, k) => [id, query.termWeights[k]!]));
  const shared: { word: string; weight: number }[] = [];
  for (let j = index.termStart[i]!; j < index.termStart[i + 1]!; j += 1) {
    const w = weights.get(index.termIds[j]!);
    if (w !== undefined) shared.push({ word: index.terms[index.termIds[j]!]!, weight: w * index.termWeights[j]! });
  }
  return shared
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((s) => s.word);
}

/**
 * Scores supplier `i` against the tender part by part, with a reason for each part. Pass the prepared
 * query when explaining many matches of one tender, so its text is read once.
 */
export function explainMatch(
  index: MatchingIndex,
  tender: TenderProfile,
  i: number,
  query: TenderQuery = prepareTender(index, tender),
): ExplainedMatch {
  const config = index.config;
  const level = cpvLevelOf(index, query, i);
  const cheap = scoreCheapParts(index, query, i, level);
  const regionsServed = index.regionCount[i]!;
  const serves = query.region < 0 || ((index.regionMask[i]! >> query.region) & 1) === 1;
  const turnover = index.turnover[i]!;
  let same = 0;
  let other = 0;
  for (let a = index.awardStart[i]!; a < index.awardStart[i + 1]!; a += 1) {
    if ((index.awardMask[2 * a]! & query.divisionMask[0]!) !== 0 || (index.awardMask[2 * a + 1]! & query.divisionMask[1]!) !== 0)
      same += 1;
    else other += 1;
  }
  const flags = index.flags[i]!;
  const cosine = textCosine(index, query, i);

  const pair = closestPair(index, query, i);
  const cpvLabel =
    pair && level < NO_LEVEL
      ? `Capability ${codeWithLabel(pair.supplierCode)} is ${LEVEL_WORDS[level]} the tender's ${codeWithLabel(pair.tenderCode)} (${LEVELS[level]} match)`
      : "No capability code shares a CPV division with the tender";

  const words = sharedWords(index, query, i);
  const textLabel = words.length
    ? `Words in common with the tender: ${words.join(", ")} (similarity ${cosine.toFixed(2)})`
    : "No distinctive words in common with the tender";

  const regionLabel =
    query.region < 0
      ? `National tender: serves ${regionsServed} of ${REGION_CODES.length} UK regions`
      : serves
        ? `Serves ${regionName(REGION_CODES[query.region]!)}${regionsServed === 1 ? ", its only region" : ` (one of ${regionsServed} regions it serves)`}`
        : `Does not serve ${regionName(REGION_CODES[query.region]!)}`;

  const capacityLabel =
    !(query.valuePence > 0) || !(turnover > 0)
      ? `${!(query.valuePence > 0) ? "Tender value" : "Turnover"} not known: part of the points`
      : `Tender value ${pounds(query.valuePence)} is ${Math.round((100 * query.valuePence) / turnover)}% of latest turnover ${pounds(turnover)}`;

  const trackLabel =
    same + other === 0
      ? "No contracts won on this marketplace yet"
      : `${same} contract${same === 1 ? "" : "s"} won here in the tender's division, ${other} in others`;

  const isSme = (flags & FLAG_SME) !== 0;
  const isHighGrowth = (flags & FLAG_HIGH_GROWTH) !== 0;
  const parts: MatchReason[] = [
    { kind: "cpv", label: cpvLabel, contribution: cpvPoints(config, level), weight: config.weights.cpv },
    {
      kind: "region",
      label: regionLabel,
      contribution: regionPoints(config, query.region, serves, regionsServed, REGION_CODES.length),
      weight: config.weights.region,
    },
    {
      kind: "capacity",
      label: capacityLabel,
      contribution: capacityPoints(config, query.valuePence, turnover),
      weight: config.weights.capacity,
    },
    {
      kind: "trackRecord",
      label: trackLabel,
      contribution: trackRecordPoints(config, same, other),
      weight: config.weights.trackRecord,
    },
    {
      kind: "sme",
      label: isSme ? "A small or medium-sized enterprise (stated preference)" : "Not an SME on its latest figures",
      contribution: smePoints(config, isSme),
      weight: config.weights.sme,
    },
    {
      kind: "highGrowth",
      label: isHighGrowth ? "A high-growth firm (stated preference)" : "Not high-growth on its figures",
      contribution: highGrowthPoints(config, isHighGrowth),
      weight: config.weights.highGrowth,
    },
  ];
  // The same summation order as scoreCheapParts, then text: the reasons add up to the score exactly.
  let sum = 0;
  for (const p of parts) sum += p.contribution;
  if (sum !== cheap) throw new Error("explanation disagrees with the score");
  const text = textPoints(config, cosine);
  parts.splice(1, 0, { kind: "text", label: textLabel, contribution: text, weight: config.weights.text });
  return { score: cheap + text, reasons: parts };
}
