import { describe, expect, it } from "vitest";
import { loadMatchingConfig } from "@ccm/api/matching/matching-config";
import {
  NO_LEVEL,
  bestCpvLevelIndex,
  capacityPoints,
  cpvLevelIndex,
  cpvPoints,
  highGrowthPoints,
  regionPoints,
  smePoints,
  textPoints,
  trackRecordPoints,
} from "./score-parts.ts";

const config = loadMatchingConfig();
const w = config.weights;

describe("CPV closeness", () => {
  it("finds the level of the nearest common ancestor from the shared digits", () => {
    expect(cpvLevelIndex(72212100, 72212100)).toBe(0); // same code
    expect(cpvLevelIndex(72212100, 72212200)).toBe(1); // category 72212
    expect(cpvLevelIndex(72212100, 72213000)).toBe(2); // class 7221
    expect(cpvLevelIndex(72212100, 72220000)).toBe(3); // group 722
    expect(cpvLevelIndex(72212100, 72400000)).toBe(4); // division 72
    expect(cpvLevelIndex(72212100, 48000000)).toBe(NO_LEVEL);
    // A division-level code only shares its division with codes below it.
    expect(cpvLevelIndex(72000000, 72212100)).toBe(4);
    expect(cpvLevelIndex(3000000, 3100000)).toBe(4); // division 03 (leading zero)
  });

  it("takes the closest pair when either side has several codes", () => {
    expect(bestCpvLevelIndex([45000000, 72212100], [48000000, 72212200])).toBe(1);
    expect(bestCpvLevelIndex([45000000], [48000000])).toBe(NO_LEVEL);
  });

  it("ranks a category match above a class, group and division match, and gives nothing without a division", () => {
    const points = [0, 1, 2, 3, 4, NO_LEVEL].map((l) => cpvPoints(config, l));
    expect(points[0]).toBe(w.cpv);
    for (let k = 1; k < points.length; k += 1) expect(points[k]!).toBeLessThan(points[k - 1]!);
    expect(points[5]).toBe(0);
    expect(cpvPoints(config, 1)).toBeGreaterThan(cpvPoints(config, 4));
  });
});

describe("text similarity", () => {
  it("grows with the cosine and saturates at the configured similarity", () => {
    expect(textPoints(config, 0)).toBe(0);
    expect(textPoints(config, config.text.saturation / 2)).toBeCloseTo(w.text / 2);
    expect(textPoints(config, config.text.saturation)).toBe(w.text);
    expect(textPoints(config, 0.99)).toBe(w.text);
  });
});

describe("region", () => {
  it("gives a regional tender's local suppliers more than ones serving everywhere, and none to others", () => {
    const local = regionPoints(config, 6, true, 1, 12);
    const wide = regionPoints(config, 6, true, 12, 12);
    expect(local).toBe(w.region * config.region.singleRegionFactor);
    expect(wide).toBeCloseTo(w.region * config.region.allRegionsFactor);
    expect(regionPoints(config, 6, true, 3, 12)).toBeLessThan(local);
    expect(regionPoints(config, 6, true, 3, 12)).toBeGreaterThan(wide);
    expect(regionPoints(config, 6, false, 3, 12)).toBe(0);
  });

  it("gives a national tender's suppliers the share of regions they serve", () => {
    expect(regionPoints(config, -1, true, 12, 12)).toBe(w.region);
    expect(regionPoints(config, -1, true, 3, 12)).toBeCloseTo(w.region / 4);
    expect(regionPoints(config, -1, true, 0, 12)).toBe(0);
  });
});

describe("capacity", () => {
  it("is full while the contract is at most half the turnover and falls to none at twice it", () => {
    expect(capacityPoints(config, 50_000_00, 1_000_000_00)).toBe(w.capacity);
    expect(capacityPoints(config, 500_000_00, 1_000_000_00)).toBe(w.capacity);
    expect(capacityPoints(config, 1_250_000_00, 1_000_000_00)).toBeCloseTo(w.capacity / 2);
    expect(capacityPoints(config, 2_000_000_00, 1_000_000_00)).toBe(0);
    expect(capacityPoints(config, 9_000_000_00, 1_000_000_00)).toBe(0);
  });

  it("gives part of the points when a figure is missing", () => {
    expect(capacityPoints(config, Number.NaN, 1_000_000_00)).toBe(w.capacity * config.capacity.unknownFactor);
    expect(capacityPoints(config, 100_00, Number.NaN)).toBe(w.capacity * config.capacity.unknownFactor);
  });
});

describe("track record", () => {
  it("counts contracts in the tender's division fully and others partly, up to the cap", () => {
    const full = config.trackRecord.awardsForFullPoints;
    expect(trackRecordPoints(config, 0, 0)).toBe(0);
    expect(trackRecordPoints(config, 1, 0)).toBeCloseTo(w.trackRecord / full);
    expect(trackRecordPoints(config, 0, 1)).toBeCloseTo((w.trackRecord * config.trackRecord.otherDivisionAwardFactor) / full);
    expect(trackRecordPoints(config, full + 5, 3)).toBe(w.trackRecord);
  });
});

describe("SME and high-growth weighting", () => {
  it("adds the stated points, and nothing otherwise", () => {
    expect(smePoints(config, true)).toBe(w.sme);
    expect(smePoints(config, false)).toBe(0);
    expect(highGrowthPoints(config, true)).toBe(w.highGrowth);
    expect(highGrowthPoints(config, false)).toBe(0);
  });
});

describe("the published weights", () => {
  it("add up to 100, so a score reads as points out of 100", () => {
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(100);
  });
});
