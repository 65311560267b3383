import { describe, expect, it } from "vitest";
import { findCpvCode } from "@ccm/api/cpv/cpv";
import { isRegionCode } from "@ccm/api/organisations/councils";
import { deriveHighGrowth, deriveSupplierSize } from "@ccm/api/suppliers/supplier-size";
import { planSuppliers, SUPPLIER_COUNT, type SupplierYearPlan } from "./suppliers.ts";

const POUND = 100n;

/** What the product derives from a supplier's figures, in the terms the plan uses. */
function classify(years: SupplierYearPlan[]) {
  return {
    band: deriveSupplierSize(years)?.size.toLowerCase(),
    highGrowth: deriveHighGrowth(years)?.isHighGrowth,
  };
}

describe("demo suppliers", () => {
  const suppliers = planSuppliers();

  it("are the same on every run", () => {
    expect(planSuppliers()).toEqual(suppliers);
  });

  it("are sixty distinct fictional companies", () => {
    expect(suppliers).toHaveLength(SUPPLIER_COUNT);
    for (const key of ["name", "slug", "companiesHouseNumber", "website"] as const)
      expect(new Set(suppliers.map((s) => s[key])).size, key).toBe(SUPPLIER_COUNT);
    // 99xxxxxx has not been issued by Companies House; .example is reserved and never resolves.
    expect(suppliers.every((s) => /^99\d{6}$/.test(s.companiesHouseNumber))).toBe(true);
    expect(suppliers.every((s) => s.website.endsWith(".example"))).toBe(true);
  });

  it("have figures that show the size and growth each was meant to, covering every size", () => {
    const classes = suppliers.map((s) => ({ slug: s.slug, profile: s.profile, ...classify(s.years) }));
    for (const c of classes) {
      expect(c.band, c.slug).toBe(c.profile.band);
      expect(c.highGrowth, c.slug).toBe(c.profile.growth.startsWith("high-growth"));
    }
    const count = (band: string) => classes.filter((c) => c.band === band).length;
    expect(count("micro")).toBeGreaterThanOrEqual(8);
    expect(count("small")).toBeGreaterThanOrEqual(15);
    expect(count("medium")).toBeGreaterThanOrEqual(10);
    expect(count("large")).toBeGreaterThanOrEqual(5);
    expect(classes.filter((c) => c.highGrowth).length).toBeGreaterThanOrEqual(8);
    expect(
      classes
        .map((c) => c.profile.edge)
        .filter(Boolean)
        .sort(),
    ).toEqual(["large-by-headcount", "large-by-money", "sme-by-balance-sheet"]);
  });

  it("report four consecutive years of whole-pound figures", () => {
    for (const s of suppliers) {
      expect(s.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
      for (const y of s.years) {
        expect(y.headcount).toBeGreaterThan(0);
        expect(y.turnoverPence % POUND).toBe(0n);
        expect(y.balanceSheetPence).toBeGreaterThan(0n);
      }
    }
  });

  it("offer real CPV codes, mostly IT services and software, in real regions", () => {
    const codes = suppliers.flatMap((s) => s.capabilityCpvCodes);
    expect(codes.filter((c) => !findCpvCode(c))).toEqual([]);
    const itShare = codes.filter((c) => c.startsWith("72") || c.startsWith("48")).length / codes.length;
    expect(itShare).toBeGreaterThan(0.6);
    for (const division of ["79", "80", "85", "90"])
      expect(
        codes.some((c) => c.startsWith(division)),
        division,
      ).toBe(true);
    expect(suppliers.flatMap((s) => s.regionsServed).every(isRegionCode)).toBe(true);
    expect(suppliers.every((s) => s.regionsServed.includes(s.homeRegion))).toBe(true);
  });
});
