import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// The matching algorithm's weights are configuration, not code: they live in api/data/matching-weights.json,
// are validated here once, and are published as they are on the public algorithm page. The worker's
// scoring (worker/src/matching) reads the same object, so what the page shows is what the code does.

export const CPV_LEVELS = ["exact", "category", "class", "group", "division"] as const;
export type CpvMatchLevel = (typeof CPV_LEVELS)[number];

/** Digits of the shared CPV prefix that each level stands for (exact means the same code). */
export const CPV_LEVEL_DIGITS: Record<CpvMatchLevel, number> = { exact: 8, category: 5, class: 4, group: 3, division: 2 };

export const SCORE_PARTS = ["cpv", "text", "region", "capacity", "trackRecord", "sme", "highGrowth"] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

const fraction = z.number().min(0).max(1);

export const matchingConfigSchema = z
  .object({
    version: z.string().min(1),
    eligibility: z.object({
      /** The loosest CPV level a supplier must share with the tender to be a candidate at all. */
      minimumSharedCpvLevel: z.enum(["division", "group", "class"]),
      /** When true, a supplier must serve the tender's region (national tenders are open to every region). */
      requireRegion: z.boolean(),
    }),
    /** The most points each part can add; the parts add up to the score. */
    weights: z.object(
      Object.fromEntries(SCORE_PARTS.map((p) => [p, z.number().min(0).max(100)])) as Record<ScorePart, z.ZodNumber>,
    ),
    cpvLevelFactors: z.object(Object.fromEntries(CPV_LEVELS.map((l) => [l, fraction])) as Record<CpvMatchLevel, z.ZodNumber>),
    text: z.object({ saturation: z.number().gt(0).max(1) }),
    region: z.object({ singleRegionFactor: fraction, allRegionsFactor: fraction }),
    capacity: z.object({ fullUpToRatio: z.number().positive(), zeroFromRatio: z.number().positive(), unknownFactor: fraction }),
    trackRecord: z.object({ awardsForFullPoints: z.number().int().positive(), otherDivisionAwardFactor: fraction }),
    results: z.object({
      keepTop: z.number().int().positive().max(500),
      notifyTop: z.number().int().min(0),
      minimumScore: z.number().min(0),
    }),
  })
  .refine((c) => c.capacity.fullUpToRatio < c.capacity.zeroFromRatio, "capacity.fullUpToRatio must be below zeroFromRatio")
  .refine((c) => c.results.notifyTop <= c.results.keepTop, "results.notifyTop cannot exceed keepTop")
  .refine(
    (c) => CPV_LEVELS.every((l, i) => i === 0 || c.cpvLevelFactors[l] <= c.cpvLevelFactors[CPV_LEVELS[i - 1]!]),
    "a closer CPV level must never be worth less than a looser one",
  );

export type MatchingConfig = z.infer<typeof matchingConfigSchema>;

const file = join(dirname(fileURLToPath(import.meta.url)), "../../data/matching-weights.json");
let loaded: MatchingConfig | undefined;

/** The published matching configuration (read and validated once per process). */
export function loadMatchingConfig(): MatchingConfig {
  loaded ??= matchingConfigSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return loaded;
}

/** The most points a match can score: the sum of the weights. */
export function maximumScore(config: MatchingConfig): number {
  return SCORE_PARTS.reduce((sum, part) => sum + config.weights[part], 0);
}

/** Plain-English descriptions of each part, shown with the weights on the algorithm page. */
export const SCORE_PART_DESCRIPTIONS: Record<ScorePart, { title: string; description: string }> = {
  cpv: {
    title: "What the tender is for",
    description:
      "How close the supplier's capability codes (CPV) are to the tender's: the same code earns the full weight, the same category, class, group or division less, in that order. The best pair of codes counts.",
  },
  text: {
    title: "What the supplier says it does",
    description:
      "How similar the words of the tender's title and description are to the supplier's description and its published catalogue offerings (TF-IDF cosine similarity; rare words count for more than common ones).",
  },
  region: {
    title: "Where the work is",
    description:
      "For a tender in one region, suppliers must serve that region; suppliers that concentrate on fewer regions earn more, to favour local firms. For a national tender, suppliers earn points for the share of regions they serve.",
  },
  capacity: {
    title: "Size of the contract against the supplier's turnover",
    description:
      "Full points when the tender's value is at most half the supplier's latest yearly turnover, falling to none when it is twice the turnover. Half points when either figure is unknown.",
  },
  trackRecord: {
    title: "Contracts won on this marketplace",
    description:
      "Contracts the supplier has been awarded here, counting fully when they were in the same CPV division as this tender and a quarter otherwise, up to the number that earns the full weight.",
  },
  sme: {
    title: "Small or medium-sized enterprise",
    description:
      "A stated preference: SMEs under the Procurement Act 2023 s.123 (fewer than 250 staff and turnover at most GBP 44m or balance sheet at most GBP 38m), computed from the supplier's figures, earn these points.",
  },
  highGrowth: {
    title: "High-growth enterprise",
    description:
      "A stated preference: high-growth firms by the OECD-Eurostat definition (at least 10 staff and average annual growth above 20% in staff or turnover over three years), computed from the figures, earn these points.",
  },
};
