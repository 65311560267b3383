import { describe, expect, it } from "vitest";
import { cpvAncestry, cpvPrefix, findCpvCode, isCpvDescendant, listCpvCodes, normaliseCpvCode, searchCpvCodes } from "./cpv.ts";

describe("CPV 2008 vocabulary", () => {
  it("has all 9,454 codes", () => {
    expect(listCpvCodes()).toHaveLength(9454);
    expect(findCpvCode("72000000")?.label).toBe("IT services: consulting, software development, Internet and support");
  });

  it("normalises codes with or without the check digit and refuses unknown ones", () => {
    expect(normaliseCpvCode("72212218-0")).toBe("72212218");
    expect(normaliseCpvCode(" 72212218 ")).toBe("72212218");
    expect(normaliseCpvCode("72999999")).toBeNull();
    expect(normaliseCpvCode("abc")).toBeNull();
  });

  it("knows the hierarchy through significant prefixes", () => {
    expect(cpvPrefix("72000000")).toBe("72");
    expect(cpvPrefix("72200000")).toBe("722");
    expect(isCpvDescendant("72212218", "72000000")).toBe(true);
    expect(isCpvDescendant("72212218", "72200000")).toBe(true);
    expect(isCpvDescendant("72212218", "48000000")).toBe(false);
    expect(isCpvDescendant("72000000", "72212218")).toBe(false);
    expect(cpvAncestry("72212218").map((c) => c.code8)).toEqual([
      "72212218",
      "72212210",
      "72212200",
      "72212000",
      "72210000",
      "72200000",
      "72000000",
    ]);
  });

  it("searches by code prefix and by words", () => {
    expect(searchCpvCodes("7221", 5).every((c) => c.code8.startsWith("7221"))).toBe(true);
    const byWords = searchCpvCodes("software development", 10);
    expect(byWords.length).toBeGreaterThan(0);
    expect(byWords.every((c) => /software/i.test(c.label) && /development/i.test(c.label))).toBe(true);
    expect(searchCpvCodes("   ")).toEqual([]);
  });
});
