// pnpm bench:matching - the matching engine on 100,000 suppliers and 10,000 open tenders (generated
// deterministically in memory from the real CPV vocabulary, see matching-data.ts).
//
// In one run: (1) 200 single tenders with the indexed matcher, (2) the same 200 by brute force - every
// part of the score computed for every supplier, the baseline - and (3) a full re-match of all 10,000
// tenders, including building the index, as the nightly job does. It fails (exit 1) unless, for every
// benchmarked tender, the indexed top 20 equals the brute-force top 20 and the index's candidates are
// exactly the suppliers that brute force finds eligible. candidate_pairs is counted independently of
// the index, with bit sets per (region, CPV division) built from the generated profiles; pairs_examined
// is what the indexed matcher examined: each candidate's CPV and text parts, and the rest of its score
// wherever it could still enter the list (see rankTender). The last line is the JSON summary.
import { performance } from "node:perf_hooks";
import { loadMatchingConfig } from "@ccm/api/matching/matching-config";
import { buildMatchingIndex, REGION_CODES, type SupplierProfile } from "@ccm/worker/matching/matching-index";
import { rankTender, rankTenderByBruteForce, type TenderProfile } from "@ccm/worker/matching/rank-suppliers";
import { generateSuppliers, generateTenders } from "./matching-data.ts";

const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS ?? 100_000);
const TENDERS = Number(process.env.BENCH_TENDERS ?? 10_000);
const SAMPLE = 200;
const COMPARE_TOP = 20;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Counts each tender's eligible suppliers with bit sets, without the index: the eligibility rule, directly. */
function countEligiblePairs(suppliers: readonly SupplierProfile[], tenders: readonly TenderProfile[]): number {
  const words = Math.ceil(suppliers.length / 32);
  const slots = REGION_CODES.length + 1; // the last slot is "any region", for national tenders
  const sets = new Map<string, Uint32Array>();
  const setFor = (slot: number, division: string) => {
    const key = `${slot}:${division}`;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Uint32Array(words)));
    return set;
  };
  suppliers.forEach((s, i) => {
    const regionSlots = [slots - 1, ...s.regions.map((r) => REGION_CODES.indexOf(r)).filter((r) => r >= 0)];
    for (const code of s.cpvCodes)
      for (const slot of regionSlots) {
        const set = setFor(slot, code.slice(0, 2));
        set[i >> 5] = set[i >> 5]! | (1 << (i & 31));
      }
  });
  const union = new Uint32Array(words);
  let pairs = 0;
  for (const t of tenders) {
    union.fill(0);
    const slot = t.region === null ? slots - 1 : REGION_CODES.indexOf(t.region);
    for (const division of new Set(t.cpvCodes.map((c) => c.slice(0, 2)))) {
      const set = sets.get(`${slot}:${division}`);
      if (set) for (let w = 0; w < words; w += 1) union[w] = union[w]! | set[w]!;
    }
    for (let w = 0; w < words; w += 1) {
      let x = union[w]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      pairs += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
    }
  }
  return pairs;
}

function main(): void {
  const config = loadMatchingConfig();
  if (config.eligibility.minimumSharedCpvLevel !== "division" || !config.eligibility.requireRegion)
    throw new Error("the independent pair count assumes the published eligibility rule (shared division, region served)");

  let t0 = performance.now();
  const suppliers = generateSuppliers(SUPPLIERS, undefined, (done) => log(`  generated ${done} suppliers`));
  const tenders = generateTenders(TENDERS);
  log(`generated ${suppliers.length} suppliers and ${tenders.length} tenders in ${round((performance.now() - t0) / 1000)} s`);

  t0 = performance.now();
  const index = buildMatchingIndex(suppliers, config);
  const buildSeconds = (performance.now() - t0) / 1000;
  log(`built the index in ${round(buildSeconds)} s: ${index.postings.size} posting lists, ${index.terms.length} words`);

  const step = Math.floor(tenders.length / SAMPLE);
  const sample = Array.from({ length: SAMPLE }, (_, k) => tenders[k * step]!);
  // Warm up as a worker that has been running for a while: 200 other tenders, about as many suppliers
  // scored as brute force's one warm-up tender scores (10 tenders left the first measured ones to the JIT).
  for (let k = 0; k < SAMPLE; k += 1) rankTender(index, tenders[k * step + 1]!);

  // Each matcher runs over the whole sample on its own, as a worker runs jobs back to back, so neither
  // finds the other's data in the CPU caches; the results are compared afterwards.
  const indexedMs: number[] = [];
  const candidates: number[] = [];
  const indexedResults = sample.map((tender) => {
    const start = performance.now();
    const outcome = rankTender(index, tender);
    indexedMs.push(performance.now() - start);
    candidates.push(outcome.candidates);
    return outcome;
  });
  log(`  matched ${SAMPLE} tenders with the index (p95 ${round(p95(indexedMs))} ms)`);
  rankTenderByBruteForce(index, sample[0]!); // warm up the JIT for the baseline too
  const bruteMs: number[] = [];
  let mismatches = 0;
  for (const [k, tender] of sample.entries()) {
    const start = performance.now();
    const brute = rankTenderByBruteForce(index, tender);
    bruteMs.push(performance.now() - start);
    const indexed = indexedResults[k]!;
    const a = indexed.results.slice(0, COMPARE_TOP);
    const b = brute.results.slice(0, COMPARE_TOP);
    const same = a.length === b.length && a.every((r, j) => r.id === b[j]!.id && r.score === b[j]!.score);
    if (!same || indexed.candidates !== brute.candidates) {
      mismatches += 1;
      log(
        `MISMATCH on ${tender.id}: candidates ${indexed.candidates} vs eligible ${brute.candidates}; ` +
          `indexed ${a.map((r) => r.id).join(",")} / brute ${b.map((r) => r.id).join(",")}`,
      );
    }
    if ((k + 1) % 50 === 0)
      log(`  brute force and comparison: ${k + 1}/${SAMPLE} tenders (p95 so far ${round(p95(bruteMs))} ms)`);
  }
  const singleP95 = p95(indexedMs);
  const bruteP95 = p95(bruteMs);
  log(
    `single tender: indexed p95 ${round(singleP95)} ms, brute force p95 ${round(bruteP95)} ms (baseline), ` +
      `candidates mean ${Math.round(candidates.reduce((s, c) => s + c, 0) / candidates.length)} p95 ${p95(candidates)} of ${index.size}`,
  );

  log("full re-match of every tender (building a fresh index, as the nightly job does)...");
  t0 = performance.now();
  const fresh = buildMatchingIndex(suppliers, config);
  let pairsExamined = 0;
  let candidatePairsFromIndex = 0;
  let stored = 0;
  for (const [k, tender] of tenders.entries()) {
    const outcome = rankTender(fresh, tender);
    pairsExamined += outcome.pairsExamined;
    candidatePairsFromIndex += outcome.candidates;
    stored += outcome.results.length;
    if ((k + 1) % 2000 === 0) log(`  re-matched ${k + 1}/${tenders.length} tenders`);
  }
  const rematchSeconds = (performance.now() - t0) / 1000;
  const candidatePairs = countEligiblePairs(suppliers, tenders);
  log(
    `re-match: ${round(rematchSeconds)} s, ${pairsExamined} pairs examined, ${stored} matches kept; ` +
      `eligible pairs counted independently: ${candidatePairs} (index said ${candidatePairsFromIndex})`,
  );

  const summary = {
    bench: "matching",
    suppliers: index.size,
    tenders: tenders.length,
    single_p95_ms: round(singleP95, 3),
    bruteforce_p95_ms: round(bruteP95, 3),
    speedup: round(bruteP95 / singleP95, 1),
    rematch_s: round(rematchSeconds, 2),
    pairs_examined: pairsExamined,
    candidate_pairs: candidatePairs,
  };
  const failures: string[] = [];
  if (mismatches > 0) failures.push(`${mismatches} of ${SAMPLE} tenders: indexed top ${COMPARE_TOP} differs from brute force`);
  if (pairsExamined !== candidatePairs || candidatePairsFromIndex !== candidatePairs)
    failures.push(`pairs examined ${pairsExamined} differ from eligible pairs ${candidatePairs}`);
  for (const f of failures) log(`FAILED: ${f}`);
  console.log(JSON.stringify(summary));
  if (failures.length) process.exitCode = 1;
}

main();
