import type { Faker } from "@faker-js/faker";
import { listRegions } from "@ccm/api/organisations/councils";
import { createFaker } from "../random.ts";
import { ACCREDITATIONS, findSpecialism, SPECIALISMS } from "./capabilities.ts";

// Sixty fictional suppliers with four years of figures. The product derives SME and high-growth status
// from the figures (DESIGN.md, section 2), so the figures are generated to cover every case: micro,
// small, medium and large; high growth by headcount or by turnover; and the edges of the rules (an SME
// only through its balance sheet, a large firm under 250 staff, fast growth that started below 10 staff).
// Companies House numbers are 99xxxxxx: a range Companies House has not issued, so no real company.

export const SUPPLIER_COUNT = 60;
export const FIGURE_YEARS = [2022, 2023, 2024, 2025] as const;

export type SizeBand = "micro" | "small" | "medium" | "large";
export type GrowthPattern =
  | "steady"
  | "declining"
  | "high-growth-headcount"
  | "high-growth-turnover"
  /** Fast growth from fewer than 10 staff: not high-growth under the OECD-Eurostat rule. */
  | "fast-from-few";

/** What a supplier's figures were generated to show; the product works it out from the figures alone. */
export interface SupplierProfile {
  band: SizeBand;
  growth: GrowthPattern;
  edge?: "sme-by-balance-sheet" | "large-by-money" | "large-by-headcount";
}

export interface SupplierYearPlan {
  year: number;
  headcount: number;
  turnoverPence: bigint;
  balanceSheetPence: bigint;
}

export interface SupplierPlan {
  slug: string;
  name: string;
  companiesHouseNumber: string;
  description: string;
  website: string;
  homeRegion: string;
  regionsServed: string[];
  capabilityCpvCodes: string[];
  accreditations: string[];
  verified: boolean;
  profile: SupplierProfile;
  years: SupplierYearPlan[];
}

interface Figures {
  headcount: readonly number[];
  turnoverPounds: readonly number[];
  balanceSheetPounds: readonly number[];
}

interface FeaturedSupplier {
  slug: string;
  name: string;
  homeRegion: string;
  regionsServed: string[];
  specialisms: string[];
  accreditations: string[];
  profile: SupplierProfile;
  figures: Figures;
}

// The suppliers named in the README's demo sign-ins: fixed figures, so what they show never drifts.
export const FEATURED_SUPPLIERS: readonly FeaturedSupplier[] = [
  {
    slug: "brightwater-digital",
    name: "Brightwater Digital Ltd",
    homeRegion: "TLE",
    regionsServed: ["TLC", "TLD", "TLE", "TLI"],
    specialisms: ["digital-services", "data-analytics"],
    accreditations: ["Cyber Essentials Plus", "WCAG 2.2 AA audited", "Accredited Living Wage Employer"],
    profile: { band: "small", growth: "high-growth-headcount" },
    figures: {
      headcount: [14, 19, 25, 32],
      turnoverPounds: [1_100_000, 1_620_000, 2_310_000, 3_080_000],
      balanceSheetPounds: [310_000, 450_000, 690_000, 920_000],
    },
  },
  {
    slug: "kestrel-civic-labs",
    name: "Kestrel Civic Labs Ltd",
    homeRegion: "TLD",
    regionsServed: ["TLD"],
    specialisms: ["research-and-consultancy"],
    accreditations: ["Cyber Essentials"],
    profile: { band: "micro", growth: "steady" },
    figures: {
      headcount: [3, 4, 5, 6],
      turnoverPounds: [180_000, 240_000, 310_000, 420_000],
      balanceSheetPounds: [40_000, 60_000, 80_000, 110_000],
    },
  },
  {
    slug: "ashgrove-data",
    name: "Ashgrove Data Ltd",
    homeRegion: "TLI",
    regionsServed: ["TLH", "TLI", "TLJ"],
    specialisms: ["data-analytics", "cyber-security"],
    accreditations: ["Cyber Essentials Plus", "ISO 27001", "ISO 9001"],
    profile: { band: "medium", growth: "steady" },
    figures: {
      headcount: [118, 124, 131, 140],
      turnoverPounds: [9_800_000, 10_600_000, 11_900_000, 13_200_000],
      balanceSheetPounds: [3_900_000, 4_300_000, 4_800_000, 5_400_000],
    },
  },
  {
    slug: "granite-public-systems",
    name: "Granite Public Systems plc",
    homeRegion: "TLG",
    regionsServed: ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK", "TLL", "TLM", "TLN"],
    specialisms: ["case-management", "finance-and-hr-software", "support-and-maintenance"],
    accreditations: ["Cyber Essentials Plus", "ISO 27001", "ISO 9001", "ISO 14001", "ISO 22301"],
    profile: { band: "large", growth: "steady" },
    figures: {
      headcount: [1350, 1420, 1480, 1510],
      turnoverPounds: [182_000_000, 195_000_000, 204_000_000, 214_000_000],
      balanceSheetPounds: [96_000_000, 101_000_000, 108_000_000, 115_000_000],
    },
  },
];

// The edges of the size rules, with fixed figures (2022 to 2025).
const EDGE_FIGURES: Record<NonNullable<SupplierProfile["edge"]>, Figures> = {
  // 180 staff and GBP 52m turnover, but a GBP 20m balance sheet: an SME, because either money test will do.
  "sme-by-balance-sheet": {
    headcount: [150, 162, 171, 180],
    turnoverPounds: [41_000_000, 45_000_000, 48_000_000, 52_000_000],
    balanceSheetPounds: [14_000_000, 16_000_000, 18_000_000, 20_000_000],
  },
  // Under 250 staff, yet over both money limits: not an SME.
  "large-by-money": {
    headcount: [205, 214, 222, 230],
    turnoverPounds: [51_000_000, 55_000_000, 58_000_000, 61_000_000],
    balanceSheetPounds: [39_000_000, 41_000_000, 43_000_000, 45_000_000],
  },
  // Modest money, but 250 staff or more: not an SME.
  "large-by-headcount": {
    headcount: [236, 244, 252, 262],
    turnoverPounds: [18_000_000, 19_500_000, 21_000_000, 22_500_000],
    balanceSheetPounds: [7_000_000, 7_500_000, 8_000_000, 8_600_000],
  },
};

// How many generated suppliers of each kind (the four featured ones come on top).
const GENERATED_PROFILES: readonly [SupplierProfile, number][] = [
  [{ band: "micro", growth: "steady" }, 10],
  [{ band: "micro", growth: "declining" }, 1],
  [{ band: "small", growth: "steady" }, 17],
  [{ band: "small", growth: "high-growth-headcount" }, 5],
  [{ band: "small", growth: "high-growth-turnover" }, 1],
  [{ band: "small", growth: "fast-from-few" }, 1],
  [{ band: "medium", growth: "steady" }, 10],
  [{ band: "medium", growth: "high-growth-headcount" }, 2],
  [{ band: "medium", growth: "high-growth-turnover" }, 1],
  [{ band: "medium", growth: "declining" }, 1],
  [{ band: "medium", growth: "steady", edge: "sme-by-balance-sheet" }, 1],
  [{ band: "large", growth: "steady" }, 4],
  [{ band: "large", growth: "steady", edge: "large-by-money" }, 1],
  [{ band: "large", growth: "steady", edge: "large-by-headcount" }, 1],
];

const NAME_PREFIXES = [
  "Ashby Beacon Bramble Cairn Cobalt Copper Dunmore Ember Fenwick Foxglove Greystone Harbourside Heron Juniper",
  "Kittiwake Lantern Larkspur Marlow Moorland Northwind Oakridge Orchard Pennine Quayside Riverbank Saltmarsh",
  "Solent Thistle Tideway Wayfarer Willowbrook Wren Yarrow Alder Blackthorn Calder Elmstead Hawthorn Linnet",
  "Millstone Amberley Bellwether Caldbeck Dovecote Eskdale Fairhaven Glenmore Hartwell Kingfisher Lowther Merrow",
  "Nethercote Oxbow Pebblebrook Ravensworth Skylark Teesdale Upland Whitebeam Ashdown Brackenridge Coldharbour",
  "Redkite",
]
  .join(" ")
  .split(" ");
const NAME_STEMS = [
  "Digital,Data,Civic Tech,Labs,Systems,Software,Analytics",
  "Consulting,Studio,Cloud,Insight,Technology,Partners,Services",
]
  .join(",")
  .split(",");

const REGION_WEIGHTS: Record<string, number> = { TLI: 4, TLJ: 3, TLD: 3, TLE: 2, TLG: 2, TLH: 2, TLK: 2 };
// Specialisms in IT services and software packages (divisions 72 and 48) are three times as common.
const SPECIALISM_WEIGHTS = SPECIALISMS.map((s) => ({
  value: s.key,
  weight: s.cpvCodes.every((c) => c.startsWith("72") || c.startsWith("48")) ? 3 : 1,
}));

const BAND_HEADCOUNT: Record<SizeBand, [number, number]> = {
  micro: [2, 9],
  small: [12, 49],
  medium: [55, 240],
  large: [300, 2500],
};
const BAND_TURNOVER_PER_HEAD: Record<SizeBand, [number, number]> = {
  micro: [50_000, 120_000],
  small: [60_000, 140_000],
  medium: [70_000, 160_000],
  large: [90_000, 200_000],
};

/** The 60 demo suppliers, the same on every run: the featured four first, then the generated ones. */
export function planSuppliers(): SupplierPlan[] {
  const faker = createFaker("suppliers");
  const regionCodes = listRegions().map((r) => r.code);
  // One company per first word, so no two demo suppliers are easily mistaken for each other.
  const usedPrefixes = new Set(FEATURED_SUPPLIERS.map((s) => firstWord(s.name)));
  const plans: SupplierPlan[] = FEATURED_SUPPLIERS.map((s, i) => ({
    slug: s.slug,
    name: s.name,
    companiesHouseNumber: companiesHouseNumber(i),
    description: describe(faker, s.specialisms, s.homeRegion, s.profile.band),
    website: `https://${s.slug}.example`,
    homeRegion: s.homeRegion,
    regionsServed: s.regionsServed,
    capabilityCpvCodes: cpvCodesFor(faker, s.specialisms, 6),
    accreditations: s.accreditations,
    verified: true,
    profile: s.profile,
    years: toYears(s.figures),
  }));

  const profiles = faker.helpers.shuffle(GENERATED_PROFILES.flatMap(([profile, n]) => Array<SupplierProfile>(n).fill(profile)));
  profiles.forEach((profile, i) => {
    const index = plans.length;
    const specialisms = pickSpecialisms(faker, profile.band);
    const name = uniqueName(faker, usedPrefixes, profile.band);
    const slug = slugify(name.replace(/ (Ltd|LLP|CIC|plc)$/, ""));
    const homeRegion = faker.helpers.weightedArrayElement(regionCodes.map((c) => ({ value: c, weight: REGION_WEIGHTS[c] ?? 1 })));
    plans.push({
      slug,
      name,
      companiesHouseNumber: companiesHouseNumber(index),
      description: describe(faker, specialisms, homeRegion, profile.band),
      website: `https://${slug}.example`,
      homeRegion,
      regionsServed: regionsServed(faker, regionCodes, homeRegion, profile.band),
      capabilityCpvCodes: cpvCodesFor(faker, specialisms, profile.band === "micro" ? 3 : profile.band === "large" ? 8 : 5),
      accreditations: accreditations(faker, profile.band),
      // A few wait for the platform admin to verify them.
      verified: i % 20 !== 7,
      profile,
      years: toYears(profile.edge ? EDGE_FIGURES[profile.edge] : generateFigures(faker, profile)),
    });
  });
  return plans;
}

function companiesHouseNumber(index: number): string {
  return `99${String(101 + index).padStart(6, "0")}`;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function firstWord(name: string): string {
  return name.split(" ")[0]!;
}

function uniqueName(faker: Faker, usedPrefixes: Set<string>, band: SizeBand): string {
  const prefix = faker.helpers.arrayElement(NAME_PREFIXES.filter((p) => !usedPrefixes.has(p)));
  usedPrefixes.add(prefix);
  const stem = faker.helpers.arrayElement(NAME_STEMS);
  const suffix = band === "large" ? "plc" : stem === "Partners" || stem === "Consulting" ? "LLP" : "Ltd";
  return `${prefix} ${stem} ${suffix}`;
}

function pickSpecialisms(faker: Faker, band: SizeBand): string[] {
  const count = band === "micro" ? 1 : band === "small" ? faker.number.int({ min: 1, max: 2 }) : band === "medium" ? 2 : 3;
  const picked = new Set<string>();
  while (picked.size < count) picked.add(faker.helpers.weightedArrayElement(SPECIALISM_WEIGHTS));
  return [...picked];
}

function cpvCodesFor(faker: Faker, specialisms: readonly string[], count: number): string[] {
  const pool = [...new Set(specialisms.flatMap((key) => findSpecialism(key).cpvCodes))];
  return faker.helpers.arrayElements(pool, Math.min(count, pool.length)).sort();
}

function regionsServed(faker: Faker, all: string[], home: string, band: SizeBand): string[] {
  if (band === "large") return [...all];
  const extra = { micro: [0, 1], small: [0, 3], medium: [2, 6] }[band] as [number, number];
  const others = faker.helpers.arrayElements(
    all.filter((c) => c !== home),
    { min: extra[0], max: extra[1] },
  );
  return [home, ...others].sort();
}

function accreditations(faker: Faker, band: SizeBand): string[] {
  const count = { micro: [0, 1], small: [1, 2], medium: [2, 4], large: [4, 5] }[band] as [number, number];
  const picked = new Set(faker.helpers.arrayElements(ACCREDITATIONS, { min: count[0], max: count[1] }));
  if (band !== "micro") picked.add(band === "small" ? "Cyber Essentials" : "Cyber Essentials Plus");
  return ACCREDITATIONS.filter((a) => picked.has(a));
}

function describe(faker: Faker, specialisms: readonly string[], homeRegion: string, band: SizeBand): string {
  const region = listRegions().find((r) => r.code === homeRegion)?.name ?? homeRegion;
  const [first, ...rest] = specialisms.map((key) => findSpecialism(key).pitch);
  const who = {
    micro: `A small team based in ${region}`,
    small: `A growing company based in ${region}`,
    medium: `An established firm headquartered in ${region}`,
    large: `A national provider headquartered in ${region}`,
  }[band];
  const also = rest.length ? ` We also ${rest.join(", and ")}.` : "";
  const closing = faker.helpers.arrayElement([
    "We publish our code and designs in the open where we can.",
    "Most of our work is with local government and the NHS.",
    "We hand over knowledge so councils can run services themselves.",
    "We price transparently and work in short, fixed-price phases.",
    "Every project starts with the people who will use the service.",
  ]);
  return `${who}. We ${first}.${also} ${closing}`;
}

function generateFigures(faker: Faker, profile: SupplierProfile): Figures {
  const [minHead, maxHead] = BAND_HEADCOUNT[profile.band];
  let growth: number;
  let perHeadGrowth = faker.number.float({ min: 0.01, max: 0.05 });
  let lowest = minHead;
  switch (profile.growth) {
    case "high-growth-headcount":
      growth = faker.number.float({ min: 0.25, max: 0.42 });
      // At least 10 staff at the start of the three years, or it would not count as high growth.
      lowest = Math.max(minHead, Math.ceil(10.5 * (1 + growth) ** 3));
      break;
    case "high-growth-turnover":
      growth = faker.number.float({ min: 0.0, max: 0.06 });
      perHeadGrowth = faker.number.float({ min: 0.24, max: 0.32 });
      lowest = Math.max(minHead, 14);
      break;
    case "fast-from-few":
      growth = faker.number.float({ min: 0.4, max: 0.5 });
      return scaleFigures(faker, profile, faker.number.int({ min: 6, max: 9 }), growth, perHeadGrowth);
    case "declining":
      growth = faker.number.float({ min: -0.12, max: -0.05 });
      break;
    default:
      growth = faker.number.float({ min: -0.03, max: 0.12 });
  }
  const last = faker.number.int({ min: lowest, max: maxHead });
  const first = Math.max(1, Math.round(last / (1 + growth) ** 3));
  return scaleFigures(faker, profile, first, growth, perHeadGrowth, last);
}

/** Headcount from `first` growing by `growth` a year (ending at `last` when given), turnover per head on top. */
function scaleFigures(
  faker: Faker,
  profile: SupplierProfile,
  first: number,
  growth: number,
  perHeadGrowth: number,
  last?: number,
): Figures {
  const headcount = FIGURE_YEARS.map((_, i) =>
    i === FIGURE_YEARS.length - 1 && last !== undefined ? last : Math.max(1, Math.round(first * (1 + growth) ** i)),
  );
  const [minPerHead, maxPerHead] = BAND_TURNOVER_PER_HEAD[profile.band];
  const perHead2025 = faker.number.int({ min: minPerHead, max: maxPerHead });
  const turnoverPounds = headcount.map((h, i) => h * (perHead2025 / (1 + perHeadGrowth) ** (3 - i)));
  const gearing = faker.number.float({ min: 0.2, max: 0.6 });
  return { headcount, turnoverPounds, balanceSheetPounds: turnoverPounds.map((t) => t * gearing) };
}

function toYears(figures: Figures): SupplierYearPlan[] {
  return FIGURE_YEARS.map((year, i) => ({
    year,
    headcount: figures.headcount[i]!,
    turnoverPence: roundedPence(figures.turnoverPounds[i]!),
    balanceSheetPence: roundedPence(figures.balanceSheetPounds[i]!),
  }));
}

/** Whole thousands of pounds, as accounts are filed, in pence. */
function roundedPence(pounds: number): bigint {
  return BigInt(Math.round(pounds / 1000)) * 100_000n;
}
