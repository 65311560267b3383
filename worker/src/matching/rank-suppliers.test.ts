import { describe, expect, it } from "vitest";
import { listCpvCodes } from "@ccm/api/cpv/cpv";
import { loadMatchingConfig } from "@ccm/api/matching/matching-config";
import { explainMatch } from "./explain-match.ts";
import { buildMatchingIndex, REGION_CODES, type SupplierProfile } from "./matching-index.ts";
import { findCandidates, prepareTender, rankTender, rankTenderByBruteForce, type TenderProfile } from "./rank-suppliers.ts";

const config = loadMatchingConfig();

function supplier(id: string, overrides: Partial<SupplierProfile> = {}): SupplierProfile {
  return {
    id,
    cpvCodes: ["72212100"],
    regions: ["TLI"],
    text: "We build case management software for councils",
    isSme: true,
    isHighGrowth: false,
    turnoverPence: 200_000_000,
    awardCpvCodes: [],
    ...overrides,
  };
}

const tender: TenderProfile = {
  id: "t1",
  cpvCodes: ["72212100"],
  region: "TLI",
  valuePence: 50_000_000,
  text: "Case management software for housing repairs",
};

function candidateIds(suppliers: SupplierProfile[], t: TenderProfile): string[] {
  const index = buildMatchingIndex(suppliers, config);
  return [...findCandidates(index, prepareTender(index, t))].map((i) => index.ids[i]!).sort();
}

describe("candidate generation", () => {
  const suppliers = [
    supplier("same-code"),
    supplier("same-class", { cpvCodes: ["72210000"] }),
    supplier("same-division-only", { cpvCodes: ["72400000"] }),
    supplier("other-division", { cpvCodes: ["45000000"] }),
    supplier("other-region", { regions: ["TLC"] }),
    supplier("no-regions", { regions: [] }),
    supplier("two-codes-one-division", { cpvCodes: ["72212100", "72400000"], regions: ["TLI", "TLJ"] }),
  ];

  it("returns suppliers sharing a CPV division, group or class with the tender and serving its region, once each", () => {
    expect(candidateIds(suppliers, tender)).toEqual(["same-class", "same-code", "same-division-only", "two-codes-one-division"]);
  });

  it("for a national tender, ignores regions", () => {
    expect(candidateIds(suppliers, { ...tender, region: null })).toEqual([
      "no-regions",
      "other-region",
      "same-class",
      "same-code",
      "same-division-only",
      "two-codes-one-division",
    ]);
  });

  it("uses every one of the tender's divisions", () => {
    expect(candidateIds(suppliers, { ...tender, cpvCodes: ["45210000", "72600000"] })).toContain("other-division");
  });

  it("tightens to a shared class when the configuration says so", () => {
    const strict = { ...config, eligibility: { ...config.eligibility, minimumSharedCpvLevel: "class" as const } };
    const index = buildMatchingIndex(suppliers, strict);
    const ids = [...findCandidates(index, prepareTender(index, tender))].map((i) => index.ids[i]!).sort();
    expect(ids).toEqual(["same-class", "same-code", "two-codes-one-division"]);
  });
});

describe("ranking", () => {
  it("puts a same-code match above a division-only match, other things equal", () => {
    const index = buildMatchingIndex([supplier("close"), supplier("far", { cpvCodes: ["72400000"] })], config);
    expect(rankTender(index, tender).results.map((r) => r.id)).toEqual(["close", "far"]);
  });

  it("leaves out excluded suppliers (those that said not relevant)", () => {
    const index = buildMatchingIndex([supplier("a"), supplier("b")], config);
    expect(rankTender(index, tender, { exclude: new Set([0]) }).results.map((r) => r.id)).toEqual(["b"]);
  });

  it("breaks ties by supplier id, so the order never depends on load order", () => {
    const index = buildMatchingIndex([supplier("b"), supplier("a"), supplier("c")], config);
    expect(rankTender(index, tender).results.map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("agrees exactly with brute force on generated data", () => {
    const codes = listCpvCodes().filter((c) => /^(72|48|79|45)/.test(c.code8));
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const words = "software housing repair data cloud support training roads waste parks care digital".split(" ");
    const suppliers = Array.from({ length: 600 }, (_, i) =>
      supplier(`s${i}`, {
        cpvCodes: [pick(codes).code8, pick(codes).code8],
        regions: [pick(REGION_CODES), pick(REGION_CODES)],
        text: Array.from({ length: 12 }, () => pick(words)).join(" "),
        isSme: random() < 0.8,
        isHighGrowth: random() < 0.1,
        turnoverPence: random() < 0.1 ? null : Math.round(random() * 1e10),
        awardCpvCodes: random() < 0.2 ? [[pick(codes).code8]] : [],
      }),
    );
    const index = buildMatchingIndex(suppliers, config);
    for (let k = 0; k < 40; k += 1) {
      const t: TenderProfile = {
        id: `t${k}`,
        // Every other tender has two codes, often in two divisions that some suppliers both work in.
        cpvCodes: k % 2 === 0 ? [pick(codes).code8] : [pick(codes).code8, pick(codes).code8],
        region: random() < 0.1 ? null : pick(REGION_CODES),
        valuePence: Math.round(random() * 1e9),
        text: Array.from({ length: 10 }, () => pick(words)).join(" "),
      };
      // A short list fills early, so the bound rules out most candidates: still exactly brute force's top.
      for (const limit of [3, 20]) {
        const indexed = rankTender(index, t, { limit });
        const brute = rankTenderByBruteForce(index, t, { limit });
        expect(indexed.results).toEqual(brute.results);
        expect(indexed.candidates).toBe(brute.candidates);
        expect(indexed.pairsExamined).toBe(brute.candidates);
      }
    }
  });
});

describe("explanations", () => {
  it("gives a reason for every part, adding up exactly to the score", () => {
    const suppliers = [supplier("a", { awardCpvCodes: [["72212000"]], isHighGrowth: true })];
    const index = buildMatchingIndex(suppliers, config);
    const ranked = rankTender(index, tender).results[0]!;
    const explained = explainMatch(index, tender, ranked.index);
    expect(explained.reasons.map((r) => r.kind)).toEqual([
      "cpv",
      "text",
      "region",
      "capacity",
      "trackRecord",
      "sme",
      "highGrowth",
    ]);
    expect(explained.score).toBe(ranked.score);
    expect(explained.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(ranked.score, 9);
    expect(explained.reasons[0]!.label).toMatch(/the same code as the tender's 72212100/);
    expect(explained.reasons[1]!.label).toMatch(/Words in common with the tender: .*software/);
    expect(explained.reasons[2]!.label).toBe("Serves London, its only region");
    expect(explained.reasons[4]!.label).toBe("1 contract won here in the tender's division, 0 in others");
  });
});
