import { listCpvCodes, type CpvCode } from "@ccm/api/cpv/cpv";
import { listRegions } from "@ccm/api/organisations/councils";
import { deriveHighGrowth, deriveSupplierSize, type SupplierFigures, type SupplierSize } from "@ccm/api/suppliers/supplier-size";
import {
  AUDIENCES,
  BENEFIT_PHRASES,
  BENEFITS,
  BRAND_HEADS,
  BRAND_TAILS,
  CATALOGUE_FRAMEWORKS,
  COUNCIL_DOMAINS,
  CPV_AREAS,
  DELIVERY_SENTENCES,
  FEATURES,
  GCLOUD_CATEGORIES,
  REGION_NEIGHBOURS,
  SERVICE_ADJECTIVES,
  SOFTWARE_NOUNS,
  SUPPLIER_NOUNS,
  SUPPLIER_PITCHES,
  SUPPLIER_SUFFIXES,
} from "./catalogue-vocabulary.ts";
import { Prng } from "./prng.ts";

// Deterministic suppliers and catalogue offerings: the same seed always gives the same records, ids
// included, so a benchmark database can be cached and a demo database reseeded without changes.
// Offerings are written from the real CPV vocabulary (the code's label names the service) and a council
// service area (what buyers type: "parking permits", "council tax").

/** Bump when the output changes, so cached benchmark databases are rebuilt. */
export const CATALOGUE_GENERATOR_VERSION = 1;

export type PricingUnit = "PER_USER_PER_MONTH" | "PER_MONTH" | "PER_YEAR" | "PER_DAY" | "PER_UNIT" | "FIXED";

export interface GeneratedSupplier {
  id: string;
  name: string;
  companiesHouseNumber: string;
  description: string;
  website: string;
  regionsServed: string[];
  capabilityCpvCodes: string[];
  accreditations: string[];
  createdAt: Date;
  years: SupplierFigures[];
  supplierSize: SupplierSize | null;
  isSme: boolean;
  isHighGrowth: boolean;
  sizeReason: string | null;
  growthReason: string | null;
}

/** The supplier an offering is written for (a generated one, or one already in the demo data). */
export interface OfferingSupplier {
  id: string;
  name: string;
  regionsServed: readonly string[];
  capabilityCpvCodes: readonly string[];
}

export interface GeneratedOffering {
  id: string;
  supplierId: string;
  title: string;
  summary: string;
  description: string;
  cpvCodes: string[];
  pricingUnit: PricingUnit;
  pricePence: bigint;
  priceTiers: { fromQuantity: number; pricePence: number }[];
  regions: string[];
  features: string[];
  benefits: string[];
  /** The framework lot it is listed under (the supplier then holds an agreement for that lot). */
  lot: { frameworkSlug: string; lotNumber: number } | null;
  createdAt: Date;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
}

export interface GeneratedSupplierWithOfferings {
  supplier: GeneratedSupplier;
  offerings: GeneratedOffering[];
}

const ACCREDITATION_CHOICES = ["Cyber Essentials", "Cyber Essentials Plus", "ISO 27001", "ISO 9001", "ISO 14001", "ISO 22301"];
const FIGURE_YEARS = [2022, 2023, 2024, 2025];
const PUBLISHED_FROM = Date.UTC(2023, 0, 1);
const PUBLISHED_TO = Date.UTC(2025, 10, 1);

interface CpvChoice {
  code: CpvCode;
  /** Lower-case noun phrase from the label, e.g. "accounting software". */
  phrase: string;
  kind: "software" | "service" | "training" | "equipment";
}

let choicesByArea: Map<string, CpvChoice[]> | undefined;

function kindOf(code8: string): CpvChoice["kind"] {
  if (code8.startsWith("48")) return "software";
  if (code8.startsWith("80")) return "training";
  if (code8.startsWith("30") || code8.startsWith("32")) return "equipment";
  return "service";
}

function phraseOf(label: string): string {
  return label
    .replace(/\s*\(.*?\)\s*/g, " ")
    .replace(/ package$/i, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/\bit\b/g, "IT")
    .replace(/\binternet\b/g, "internet");
}

/** Usable codes per area: real codes below the area's prefix with a label short enough for a title. */
function cpvChoices(): Map<string, CpvChoice[]> {
  if (choicesByArea) return choicesByArea;
  const codes = listCpvCodes();
  choicesByArea = new Map(
    CPV_AREAS.map(([prefix]) => [
      prefix,
      codes
        .filter((c) => c.code8.startsWith(prefix) && c.level !== "division" && c.label.length <= 60 && !c.label.includes(":"))
        .map((c) => ({ code: c, phrase: phraseOf(c.label), kind: kindOf(c.code8) })),
    ]),
  );
  return choicesByArea;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function brand(rng: Prng): string {
  const name = rng.pick(BRAND_HEADS) + rng.pick(BRAND_TAILS);
  return rng.chance(0.25) ? name + rng.pick(["", " One", " Pro", " 360", " Cloud", " Connect"]) : name;
}

function regionsAround(rng: Prng, home: string): string[] {
  if (rng.chance(0.15)) return listRegions().map((r) => r.code);
  const neighbours = REGION_NEIGHBOURS[home] ?? [];
  return [home, ...rng.sample(neighbours, rng.int(0, neighbours.length))].sort();
}

function supplierYears(rng: Prng): SupplierFigures[] {
  const band = rng.weighted([
    ["micro", 40],
    ["small", 35],
    ["medium", 18],
    ["large", 7],
  ] as const);
  const growth = rng.weighted([
    ["steady", 62],
    ["fast", 14],
    ["turnover-fast", 6],
    ["declining", 12],
    ["fast-from-few", 6],
  ] as const);
  const start =
    growth === "fast-from-few"
      ? rng.int(3, 9)
      : band === "micro"
        ? rng.int(2, 9)
        : band === "small"
          ? rng.int(10, 45)
          : band === "medium"
            ? rng.int(50, 220)
            : rng.int(260, 4000);
  const rate =
    growth === "fast" || growth === "fast-from-few"
      ? 1.22 + rng.next() * 0.3
      : growth === "declining"
        ? 0.85 + rng.next() * 0.1
        : 0.98 + rng.next() * 0.14;
  const turnoverRate = growth === "turnover-fast" ? 1.23 + rng.next() * 0.25 : rate * (0.97 + rng.next() * 0.06);
  const perHeadPounds = rng.int(55_000, 160_000);
  return FIGURE_YEARS.map((year, i) => {
    const headcount = Math.max(1, Math.round(start * rate ** i));
    const turnoverPounds = Math.round((start * perHeadPounds * turnoverRate ** i) / 1000) * 1000;
    const balancePounds = Math.round((turnoverPounds * (0.3 + rng.next() * 0.6)) / 1000) * 1000;
    return { year, headcount, turnoverPence: BigInt(turnoverPounds) * 100n, balanceSheetPence: BigInt(balancePounds) * 100n };
  });
}

const closeCache = new Map<string, CpvChoice[]>();

/** Codes in the same class (first four digits) as `code8`, else in its area; empty outside the areas. */
function closeChoices(code8: string): CpvChoice[] {
  const cached = closeCache.get(code8);
  if (cached) return cached;
  const area = CPV_AREAS.find(([p]) => code8.startsWith(p))?.[0];
  const pool = (area ? cpvChoices().get(area) : undefined) ?? [];
  const close = pool.filter((c) => c.code.code8.startsWith(code8.slice(0, 4)));
  const result = close.length ? close : pool;
  closeCache.set(code8, result);
  return result;
}

function pickCpv(rng: Prng, near?: readonly string[]): CpvChoice {
  const choices = cpvChoices();
  // Mostly something the supplier says it does: a code sharing the class of one of its capabilities.
  if (near && near.length && rng.chance(0.8)) {
    const close = closeChoices(rng.pick(near));
    if (close.length) return rng.pick(close);
  }
  const area = rng.weighted(CPV_AREAS);
  return rng.pick(choices.get(area) ?? []);
}

function price(rng: Prng, kind: CpvChoice["kind"]): Pick<GeneratedOffering, "pricingUnit" | "pricePence" | "priceTiers"> {
  const pounds = (min: number, max: number, step: number) => BigInt(Math.round(rng.int(min, max) / step) * step) * 100n;
  if (kind === "software") {
    const unit = rng.weighted([
      ["PER_USER_PER_MONTH", 5],
      ["PER_YEAR", 3],
      ["PER_MONTH", 2],
    ] as const);
    if (unit === "PER_USER_PER_MONTH") {
      const p = BigInt(rng.int(3, 60)) * 100n + (rng.chance(0.5) ? 50n : 0n);
      const tiers = rng.chance(0.4)
        ? [
            { fromQuantity: 100, pricePence: Number((p * 85n) / 100n) },
            { fromQuantity: 1000, pricePence: Number((p * 70n) / 100n) },
          ]
        : [];
      return { pricingUnit: unit, pricePence: p, priceTiers: tiers };
    }
    return {
      pricingUnit: unit,
      pricePence: unit === "PER_YEAR" ? pounds(2_000, 120_000, 500) : pounds(150, 9_000, 50),
      priceTiers: [],
    };
  }
  if (kind === "training") {
    return rng.chance(0.5)
      ? { pricingUnit: "PER_DAY", pricePence: pounds(450, 1_600, 25), priceTiers: [] }
      : { pricingUnit: "PER_UNIT", pricePence: pounds(60, 900, 5), priceTiers: [] };
  }
  if (kind === "equipment") {
    const p = pounds(40, 6_000, 5);
    return {
      pricingUnit: "PER_UNIT",
      pricePence: p,
      priceTiers: rng.chance(0.5) ? [{ fromQuantity: 50, pricePence: Number((p * 90n) / 100n) }] : [],
    };
  }
  return rng.weighted([
    [{ pricingUnit: "PER_DAY" as const, pricePence: pounds(450, 1_400, 25), priceTiers: [] }, 6],
    [{ pricingUnit: "FIXED" as const, pricePence: pounds(3_000, 150_000, 500), priceTiers: [] }, 2],
    [{ pricingUnit: "PER_MONTH" as const, pricePence: pounds(200, 12_000, 50), priceTiers: [] }, 2],
  ]);
}

const HOSTING = ["724", "725", "7231", "7232"];
const SUPPORT = ["7225", "7226", "7261"];

/** A G-Cloud service category that fits the code, for titles in the words buyers use for cloud services. */
function cloudCategory(rng: Prng, code8: string): string | null {
  if (HOSTING.some((p) => code8.startsWith(p))) return rng.pick(GCLOUD_CATEGORIES.hosting);
  if (code8.startsWith("48")) return rng.pick(GCLOUD_CATEGORIES.software);
  if (SUPPORT.some((p) => code8.startsWith(p))) return rng.pick(GCLOUD_CATEGORIES.support);
  return null;
}

function title(rng: Prng, cpv: CpvChoice, productBrand: string, domain: string): string {
  const phrase = cpv.phrase;
  const category = rng.chance(0.35) ? cloudCategory(rng, cpv.code.code8) : null;
  if (category) {
    const lower = category.charAt(0) + category.slice(1).replace(/\b([A-Z][a-z])/g, (w) => w.toLowerCase());
    return rng.weighted([
      [`${productBrand} ${lower.toLowerCase()}`, 2],
      [`Cloud ${lower.toLowerCase()} for ${domain}`, 1],
      [`${capitalise(lower)} (${productBrand})`, 1],
    ]);
  }
  switch (cpv.kind) {
    case "software":
      return rng.weighted([
        [`${productBrand} ${phrase}`, 3],
        [`${productBrand}: ${domain} ${rng.pick(SOFTWARE_NOUNS)}`, 4],
        [`${capitalise(domain)} ${rng.pick(SOFTWARE_NOUNS)}`, 2],
        [`${capitalise(phrase)} for ${domain}`, 2],
      ]);
    case "training":
      return rng.weighted([
        [`${capitalise(phrase)}: ${domain}`, 2],
        [`${productBrand} ${phrase}`, 1],
        [`${capitalise(domain)} ${phrase}`, 1],
      ]);
    case "equipment":
      return `${capitalise(phrase)} ${productBrand} ${rng.pick(["S", "X", "Pro ", "M"])}${rng.int(10, 990)}`;
    default:
      return rng.weighted([
        [`${capitalise(phrase)} for ${domain}`, 4],
        [`${rng.pick(SERVICE_ADJECTIVES)} ${phrase}`, 2],
        [`${productBrand} ${phrase}`, 2],
        [`${capitalise(domain)}: ${phrase}`, 2],
      ]);
  }
}

function describe(rng: Prng, supplierName: string, cpv: CpvChoice, domain: string, audience: string): string {
  const second = rng.pick(COUNCIL_DOMAINS);
  const opening = rng.weighted([
    [`${supplierName} provides ${cpv.phrase} for ${audience}, built around ${domain}.`, 2],
    [`A ${cpv.kind === "software" ? "product" : "service"} for ${domain} teams in ${audience}, from ${supplierName}.`, 1],
    [`Designed with officers who run ${domain} and ${second}, it covers ${cpv.phrase} end to end.`, 1],
  ]);
  const sentences = [opening, `It helps you ${rng.pick(BENEFIT_PHRASES)} and ${rng.pick(BENEFIT_PHRASES)}.`];
  sentences.push(...rng.sample(DELIVERY_SENTENCES, rng.int(2, 4)));
  sentences.push(`Listed under CPV ${cpv.code.code} (${cpv.code.label}).`);
  return sentences.join(" ");
}

function lotFor(rng: Prng, code8: string): GeneratedOffering["lot"] {
  if (!rng.chance(0.35)) return null;
  const candidates = CATALOGUE_FRAMEWORKS.flatMap((f) =>
    f.lots
      .filter((l) => l.prefixes.some((p) => code8.startsWith(p)))
      .map((l) => ({ frameworkSlug: f.slug, lotNumber: l.number })),
  );
  return candidates.length ? rng.pick(candidates) : null;
}

/** One offering for `supplier`, drawn from `rng` (so a sequence of calls is deterministic). */
export function generateOffering(rng: Prng, supplier: OfferingSupplier): GeneratedOffering {
  const primary = pickCpv(rng, supplier.capabilityCpvCodes);
  const extra = rng.chance(0.4) ? [pickCpv(rng, supplier.capabilityCpvCodes).code.code8] : [];
  const cpvCodes = [...new Set([primary.code.code8, ...extra])];
  const domain = rng.pick(COUNCIL_DOMAINS);
  const audience = rng.pick(AUDIENCES);
  const productBrand = brand(rng);
  const publishedMs = PUBLISHED_FROM + Math.floor(rng.next() * (PUBLISHED_TO - PUBLISHED_FROM));
  const createdMs = publishedMs - rng.int(1, 30) * 86_400_000;
  const state = rng.weighted([
    ["published", 96],
    ["draft", 2],
    ["withdrawn", 2],
  ] as const);
  const regions =
    rng.chance(0.8) || supplier.regionsServed.length <= 1
      ? [...supplier.regionsServed]
      : rng.sample(supplier.regionsServed, rng.int(1, supplier.regionsServed.length - 1)).sort();
  return {
    id: rng.uuid7(createdMs),
    supplierId: supplier.id,
    title: title(rng, primary, productBrand, domain),
    summary: `${capitalise(primary.phrase)} for ${audience}: ${rng.pick(BENEFIT_PHRASES)} in ${domain}.`,
    description: describe(rng, supplier.name, primary, domain, audience),
    cpvCodes,
    ...price(rng, primary.kind),
    regions: regions.length ? regions : ["TLI"],
    features: rng.sample(FEATURES, rng.int(3, 6)),
    benefits: rng.sample(BENEFITS, rng.int(2, 4)),
    lot: lotFor(rng, primary.code.code8),
    createdAt: new Date(createdMs),
    publishedAt: state === "draft" ? null : new Date(publishedMs),
    withdrawnAt: state === "withdrawn" ? new Date(publishedMs + rng.int(5, 200) * 86_400_000) : null,
  };
}

/** A fictional supplier (index `i` of the run) with four years of figures and its derived size and growth. */
export function generateSupplier(rng: Prng, i: number): GeneratedSupplier {
  const regions = listRegions().map((r) => r.code);
  const home = rng.pick(regions);
  const capabilities = [...new Set(Array.from({ length: rng.int(2, 5) }, () => pickCpv(rng).code.code8))].sort();
  const name = `${rng.pick(BRAND_HEADS)}${rng.pick(BRAND_TAILS)} ${rng.pick(SUPPLIER_NOUNS)} ${rng.pick(SUPPLIER_SUFFIXES)}`;
  const years = supplierYears(rng);
  const size = deriveSupplierSize(years);
  const growth = deriveHighGrowth(years);
  const createdMs = Date.UTC(2022, 0, 1) + rng.int(0, 364) * 86_400_000;
  return {
    id: rng.uuid7(createdMs),
    name,
    // 98xxxxxx: a range Companies House has not issued (the demo suppliers use 99xxxxxx).
    companiesHouseNumber: `98${String(i).padStart(6, "0")}`,
    description: `We ${rng.pick(SUPPLIER_PITCHES)}.`,
    website: `https://${name.split(" ")[0]!.toLowerCase()}-${i}.example`,
    regionsServed: regionsAround(rng, home),
    capabilityCpvCodes: capabilities,
    accreditations: rng.sample(ACCREDITATION_CHOICES, rng.int(0, 3)),
    createdAt: new Date(createdMs),
    years,
    supplierSize: size?.size ?? null,
    isSme: size?.isSme ?? false,
    isHighGrowth: growth?.isHighGrowth ?? false,
    sizeReason: size?.reason ?? null,
    growthReason: growth?.reason ?? null,
  };
}

export interface GenerateCatalogueOptions {
  /** Fixed label the output depends on. */
  seed: string;
  suppliers: number;
  /** Offerings in total, spread over the suppliers (between 1 and about twice the average each). */
  offerings: number;
  /** Only suppliers from index `from` (inclusive) to `to` (exclusive), with their offerings. */
  from?: number;
  to?: number;
}

/**
 * Suppliers with their offerings, one supplier at a time, so that 500,000 offerings never sit in
 * memory together. The output depends only on the options.
 */
export function* generateCatalogue(options: GenerateCatalogueOptions): Generator<GeneratedSupplierWithOfferings> {
  const end = Math.min(options.to ?? options.suppliers, options.suppliers);
  for (let i = options.from ?? 0; i < end; i += 1) {
    // Each supplier has its own stream, so that skipping or resuming never changes a later supplier.
    const rng = new Prng(`${options.seed}:supplier:${i}`);
    const supplier = generateSupplier(rng, i);
    const offerings = Array.from({ length: offeringCount(options, i) }, () => generateOffering(rng, supplier));
    yield { supplier, offerings };
  }
}

/** How many offerings supplier `i` has: pairs share twice the average (one more, one fewer), so the total is exact. */
export function offeringCount(options: Pick<GenerateCatalogueOptions, "seed" | "suppliers" | "offerings">, i: number): number {
  const average = Math.floor(options.offerings / options.suppliers);
  const base = average + (i < options.offerings % options.suppliers ? 1 : 0);
  const pair = Math.floor(i / 2);
  if (pair * 2 + 1 >= options.suppliers || average < 2) return base;
  const delta = new Prng(`${options.seed}:pair:${pair}`).int(0, average - 1);
  return i % 2 === 0 ? base + delta : base - delta;
}
