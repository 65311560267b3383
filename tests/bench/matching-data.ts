import { listCpvCodes, type CpvCode } from "@ccm/api/cpv/cpv";
import { listRegions } from "@ccm/api/organisations/councils";
import type { SupplierProfile } from "@ccm/worker/matching/matching-index";
import type { TenderProfile } from "@ccm/worker/matching/rank-suppliers";

// Deterministic suppliers and tenders for the matching benchmark, from the real CPV 2008 vocabulary.
//
// At 100,000 suppliers the marketplace would hold the bulk of the UK's public-sector supplier base, so
// what they do follows public procurement as a whole: how often each CPV division appears is counted
// from the 100 real UK Contracts Finder notices in shared/data/ocds/samples (add-one smoothed so every
// division occurs). 74% of
// real notices carry one CPV code; the rest several, mostly in one group. Regions follow the number of
// councils in each ITL1 region; small firms serve one or two regions, large ones most of the UK.

/** Notices per CPV division in the 100 Contracts Finder samples (a notice counts once per division). */
const CONTRACTS_FINDER_DIVISIONS: Record<string, number> = {
  "45": 16, "79": 15, "85": 15, "71": 10, "72": 9, "50": 8, "80": 7, "09": 5, "98": 5, "33": 4, "60": 4, "73": 4,
  "77": 4, "90": 3, "44": 3, "39": 3, "75": 3, "22": 2, "92": 2, "66": 2, "34": 2, "32": 2, "38": 2, "42": 2, "31": 1,
  "18": 1, "03": 1, "16": 1, "24": 1, "37": 1, "30": 1, "48": 1, "19": 1, "51": 1,
}; // prettier-ignore

const GENERIC_WORDS = `accessible residents delivery quality experienced local support management maintenance digital training
reporting compliance safeguarding sustainable value responsive flexible partnership community specialist professional
innovative reliable efficient secure integrated outcomes planning monitoring assessment consultancy design installation
inspection repair cleaning supply equipment staff qualified accredited certified rapid emergency scheduled annual
framework lot schools housing highways parks libraries leisure waste transport social care health education youth adult
children older families carers tenants estates buildings depots vehicles fleet systems data records cloud software
network devices telephony website portal payments licences hosting migration upgrade testing security audit
carbon energy heating lighting water drainage grounds trees play sports events culture museums archives markets
procurement finance payroll revenues benefits council borough district county unitary metropolitan regional`.split(/\s+/);

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same data on every machine. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  items: T[];
  cumulative: number[];
}

function weighted<T>(entries: [T, number][]): Weighted<T> {
  let total = 0;
  return { items: entries.map((e) => e[0]), cumulative: entries.map((e) => (total += e[1])) };
}

function pickWeighted<T>(random: () => number, w: Weighted<T>): T {
  const x = random() * w.cumulative[w.cumulative.length - 1]!;
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return w.items[lo]!;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function logUniform(random: () => number, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min))));
}

interface Vocabulary {
  divisions: Weighted<string>;
  byDivision: Map<string, CpvCode[]>;
  byGroup: Map<string, CpvCode[]>;
  labels: Map<string, string>;
  regions: Weighted<string>;
  regionCodes: string[];
}

function loadVocabulary(): Vocabulary {
  const codes = listCpvCodes();
  const byDivision = new Map<string, CpvCode[]>();
  const byGroup = new Map<string, CpvCode[]>();
  for (const c of codes) {
    const d = c.code8.slice(0, 2);
    const g = c.code8.slice(0, 3);
    if (!byDivision.has(d)) byDivision.set(d, []);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byDivision.get(d)!.push(c);
    byGroup.get(g)!.push(c);
  }
  const divisions = weighted(
    [...byDivision.keys()].map((d) => [d, (CONTRACTS_FINDER_DIVISIONS[d] ?? 0) + 1] as [string, number]),
  );
  const regionRows = listRegions();
  // Councils per region, from the same register the product uses.
  const councilsPerRegion: Record<string, number> = {
    TLC: 15, TLD: 38, TLE: 21, TLF: 38, TLG: 35, TLH: 51, TLI: 34, TLJ: 70, TLK: 30, TLL: 22, TLM: 32, TLN: 11,
  }; // prettier-ignore
  return {
    divisions,
    byDivision,
    byGroup,
    labels: new Map(codes.map((c) => [c.code8, c.label])),
    regions: weighted(regionRows.map((r) => [r.code, councilsPerRegion[r.code] ?? 10] as [string, number])),
    regionCodes: regionRows.map((r) => r.code),
  };
}

function nearbyCode(random: () => number, v: Vocabulary, anchor: string): string {
  const roll = random();
  if (roll < 0.6) return pick(random, v.byGroup.get(anchor.slice(0, 3))!).code8;
  if (roll < 0.85) return pick(random, v.byDivision.get(anchor.slice(0, 2))!).code8;
  return pick(random, v.byDivision.get(pickWeighted(random, v.divisions))!).code8;
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k += 1) out.push(pick(random, GENERIC_WORDS));
  return out.join(" ");
}

type Size = "MICRO" | "SMALL" | "MEDIUM" | "LARGE";
const SIZES = weighted<Size>([
  ["MICRO", 55],
  ["SMALL", 27],
  ["MEDIUM", 11],
  ["LARGE", 7],
]);
const TURNOVER_POUNDS: Record<Size, [number, number]> = {
  MICRO: [40_000, 2_000_000],
  SMALL: [1_000_000, 10_000_000],
  MEDIUM: [10_000_000, 44_000_000],
  LARGE: [50_000_000, 2_000_000_000],
};
const EXTRA_REGIONS: Record<Size, [number, number]> = { MICRO: [0, 1], SMALL: [0, 2], MEDIUM: [1, 5], LARGE: [3, 11] };

/** `count` suppliers, the same for the same seed. */
export function generateSuppliers(count: number, seed = 20_250_101, onProgress?: (done: number) => void): SupplierProfile[] {
  const random = createRandom(seed);
  const v = loadVocabulary();
  const suppliers: SupplierProfile[] = [];
  for (let i = 0; i < count; i += 1) {
    const primary = pick(random, v.byDivision.get(pickWeighted(random, v.divisions))!).code8;
    const codes = new Set([primary]);
    const extra = int(random, 0, 4);
    for (let k = 0; k < extra; k += 1) codes.add(nearbyCode(random, v, primary));
    const size = pickWeighted(random, SIZES);
    const regions = new Set([pickWeighted(random, v.regions)]);
    const [minExtra, maxExtra] = EXTRA_REGIONS[size];
    const extraRegions = random() < 0.7 ? minExtra : int(random, minExtra, maxExtra);
    for (let k = 0; k < extraRegions; k += 1) regions.add(pick(random, v.regionCodes));
    const [low, high] = TURNOVER_POUNDS[size];
    const codeList = [...codes];
    const offerings: string[] = [];
    const offeringCount = int(random, 1, 4);
    for (let k = 0; k < offeringCount; k += 1) {
      const code = pick(random, codeList);
      const parent = v.labels.get(`${code.slice(0, 3)}00000`) ?? "";
      offerings.push(`${v.labels.get(code)} ${words(random, 2)}. ${parent}. ${words(random, 10)}.`);
    }
    const awards: string[][] = [];
    if (random() < 0.12) {
      const won = int(random, 1, 4);
      for (let k = 0; k < won; k += 1) awards.push([random() < 0.85 ? pick(random, codeList) : nearbyCode(random, v, primary)]);
    }
    suppliers.push({
      id: `supplier-${String(i).padStart(6, "0")}`,
      cpvCodes: codeList,
      regions: [...regions],
      text: `We are a ${size.toLowerCase()} firm offering ${codeList.map((c) => v.labels.get(c)).join("; ")}. ${words(random, 12)}. ${offerings.join(" ")}`,
      isSme: size !== "LARGE",
      isHighGrowth: size !== "MICRO" && random() < 0.1,
      turnoverPence: logUniform(random, low, high) * 100,
      awardCpvCodes: awards,
    });
    if (onProgress && (i + 1) % 10_000 === 0) onProgress(i + 1);
  }
  return suppliers;
}

/** `count` open tenders, the same for the same seed. */
export function generateTenders(count: number, seed = 20_250_102): TenderProfile[] {
  const random = createRandom(seed);
  const v = loadVocabulary();
  const tenders: TenderProfile[] = [];
  for (let i = 0; i < count; i += 1) {
    const primary = pick(random, v.byDivision.get(pickWeighted(random, v.divisions))!).code8;
    const codes = new Set([primary]);
    if (random() >= 0.74) {
      const extra = int(random, 1, 4);
      for (let k = 0; k < extra; k += 1) codes.add(nearbyCode(random, v, primary));
    }
    const codeList = [...codes];
    const parent = v.labels.get(`${primary.slice(0, 3)}00000`) ?? "";
    tenders.push({
      id: `tender-${String(i).padStart(5, "0")}`,
      cpvCodes: codeList,
      region: random() < 0.02 ? null : pickWeighted(random, v.regions),
      valuePence: logUniform(random, 10_000, 5_000_000) * 100,
      text: `${v.labels.get(primary)} ${words(random, 2)}. The council is looking for ${codeList.map((c) => v.labels.get(c)).join(", ")}. ${parent}. ${words(random, 25)}.`,
    });
  }
  return tenders;
}
