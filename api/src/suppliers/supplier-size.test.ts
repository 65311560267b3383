import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveHighGrowth, deriveSupplierSize, formatPounds, type SupplierFigures } from "./supplier-size.ts";

const M = 1_000_000n * 100n; // one million pounds in pence

function year(y: number, headcount: number, turnoverPence = 1n * M, balanceSheetPence = 1n * M): SupplierFigures {
  return { year: y, headcount, turnoverPence, balanceSheetPence };
}

describe("deriveSupplierSize (Procurement Act 2023 s.123)", () => {
  it("is null without figures", () => {
    expect(deriveSupplierSize([])).toBeNull();
  });

  it("draws the SME line between 249 and 250 staff", () => {
    expect(deriveSupplierSize([year(2025, 249, 44n * M)])).toMatchObject({ size: "MEDIUM", isSme: true });
    expect(deriveSupplierSize([year(2025, 250, 1n * M)])).toMatchObject({ size: "LARGE", isSme: false });
    expect(deriveSupplierSize([year(2025, 250, 1n * M)])?.reason).toBe("Large, not an SME: 250 staff (250 or more) in 2025");
  });

  it("counts turnover of exactly £44m as SME, and a penny more only if the balance sheet is at most £38m", () => {
    const over = 44n * M + 1n;
    expect(deriveSupplierSize([year(2025, 100, 44n * M, 100n * M)])).toMatchObject({ isSme: true, size: "MEDIUM" });
    expect(deriveSupplierSize([year(2025, 100, over, 38n * M)])).toMatchObject({ isSme: true });
    expect(deriveSupplierSize([year(2025, 100, over, 38n * M + 1n)])).toMatchObject({ isSme: false, size: "LARGE" });
    expect(deriveSupplierSize([year(2025, 100, over, 38n * M + 1n)])?.reason).toBe(
      "Large, not an SME: turnover £44,000,000.01 is above £44m and balance sheet £38,000,000.01 is above £38m in 2025",
    );
  });

  it("counts a balance sheet of exactly £38m as SME when turnover is over", () => {
    const result = deriveSupplierSize([year(2025, 30, 60n * M, 38n * M)]);
    expect(result).toMatchObject({ isSme: true, size: "SMALL" });
    expect(result?.reason).toBe("Small SME: fewer than 50 staff (30 staff) and balance sheet £38m (at most £38m) in 2025");
  });

  it("splits micro, small and medium at 10 and 50 staff", () => {
    expect(deriveSupplierSize([year(2025, 9)])?.size).toBe("MICRO");
    expect(deriveSupplierSize([year(2025, 10)])?.size).toBe("SMALL");
    expect(deriveSupplierSize([year(2025, 49)])?.size).toBe("SMALL");
    expect(deriveSupplierSize([year(2025, 50)])?.size).toBe("MEDIUM");
    expect(deriveSupplierSize([year(2025, 1, 120_000n * 100n)])?.reason).toBe(
      "Micro SME: fewer than 10 staff (1 person) and turnover £120,000 (at most £44m) in 2025",
    );
  });

  it("judges by the latest year only", () => {
    const result = deriveSupplierSize([year(2025, 300, 100n * M, 100n * M), year(2021, 5)]);
    expect(result).toMatchObject({ size: "LARGE", year: 2025 });
  });

  const figures = fc.record({
    year: fc.integer({ min: 1990, max: 2100 }),
    headcount: fc.integer({ min: 0, max: 100_000 }),
    turnoverPence: fc.bigInt({ min: 0n, max: 1000n * M }),
    balanceSheetPence: fc.bigInt({ min: 0n, max: 1000n * M }),
  });
  const history = fc.uniqueArray(figures, { minLength: 1, maxLength: 8, selector: (f) => f.year });

  it("is SME exactly when staff < 250 and (turnover <= £44m or balance sheet <= £38m)", () => {
    fc.assert(
      fc.property(figures, (f) => {
        const expected = f.headcount < 250 && (f.turnoverPence <= 44n * M || f.balanceSheetPence <= 38n * M);
        const result = deriveSupplierSize([f])!;
        expect(result.isSme).toBe(expected);
        expect(result.size === "LARGE").toBe(!expected);
      }),
    );
  });

  it("never gets smaller when headcount grows and money stays the same", () => {
    const order = ["MICRO", "SMALL", "MEDIUM", "LARGE"];
    fc.assert(
      fc.property(figures, fc.integer({ min: 0, max: 1000 }), (f, extra) => {
        const before = order.indexOf(deriveSupplierSize([f])!.size);
        const after = order.indexOf(deriveSupplierSize([{ ...f, headcount: f.headcount + extra }])!.size);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it("does not depend on the order figures are given in, and names the year it used", () => {
    fc.assert(
      fc.property(history, (years) => {
        const result = deriveSupplierSize(years)!;
        expect(deriveSupplierSize([...years].reverse())).toEqual(result);
        expect(result.year).toBe(Math.max(...years.map((y) => y.year)));
        expect(result.reason).toContain(String(result.year));
      }),
    );
  });
});

describe("deriveHighGrowth (OECD-Eurostat)", () => {
  it("gives the reason in plain words, as on the profile", () => {
    const result = deriveHighGrowth([year(2022, 12), year(2023, 18), year(2024, 25), year(2025, 31)]);
    expect(result).toEqual({
      isHighGrowth: true,
      period: { from: 2022, to: 2025 },
      reason: "High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year",
    });
  });

  it("needs at least 10 employees at the start", () => {
    expect(deriveHighGrowth([year(2022, 10), year(2025, 100)])?.isHighGrowth).toBe(true);
    const nine = deriveHighGrowth([year(2022, 9), year(2025, 100, 100n * M)]);
    expect(nine?.isHighGrowth).toBe(false);
    expect(nine?.reason).toBe("Not high-growth: 9 staff in 2022, fewer than the 10 needed at the start of 2022-2025");
  });

  it("wants growth above 20% a year: exactly 20% is not enough, a little more is", () => {
    // 1.2^3 = 1.728
    const exactly = deriveHighGrowth([year(2022, 1000), year(2025, 1728)]);
    expect(exactly?.isHighGrowth).toBe(false);
    expect(exactly?.reason).toBe(
      "Not high-growth (needs above 20% a year): headcount grew from 1,000 to 1,728 over 2022-2025: exactly 20%; turnover grew from £1m to £1m over 2022-2025: 0%",
    );
    expect(deriveHighGrowth([year(2022, 1000), year(2025, 1729)])).toMatchObject({
      isHighGrowth: true,
      reason: "High-growth: headcount grew from 1,000 to 1,729 over 2022-2025: 20.02% a year",
    });
  });

  it("counts turnover growth above 20% a year as well, at the same boundary", () => {
    const start = 1n * M;
    const exactly = (start * 1728n) / 1000n;
    expect(deriveHighGrowth([year(2022, 20, start), year(2025, 20, exactly)])?.isHighGrowth).toBe(false);
    expect(deriveHighGrowth([year(2022, 20, start), year(2025, 20, exactly + 1n)])).toMatchObject({
      isHighGrowth: true,
      reason: "High-growth: turnover grew from £1m to £1,728,000.01 over 2022-2025: just above 20% a year",
    });
  });

  it("does not judge without figures for both ends of the three years", () => {
    expect(deriveHighGrowth([])).toBeNull();
    expect(deriveHighGrowth([year(2023, 12), year(2024, 20), year(2025, 40)])).toEqual({
      isHighGrowth: false,
      period: null,
      reason: "Growth not judged: it needs figures for 2022 as well as 2025",
    });
  });

  it("reports a fall plainly", () => {
    expect(deriveHighGrowth([year(2022, 40, 5n * M), year(2025, 20, 4n * M)])?.reason).toBe(
      "Not high-growth (needs above 20% a year): headcount fell from 40 to 20 over 2022-2025: a fall; turnover fell from £5m to £4m over 2022-2025: a fall",
    );
  });

  const pair = fc.record({
    from: fc.integer({ min: 1990, max: 2090 }),
    h0: fc.integer({ min: 0, max: 5000 }),
    h1: fc.integer({ min: 0, max: 20000 }),
    t0: fc.bigInt({ min: 0n, max: 100n * M }),
    t1: fc.bigInt({ min: 0n, max: 500n * M }),
  });

  it("is high-growth exactly when the start has >= 10 staff and staff or turnover grew by more than 1.728 times", () => {
    fc.assert(
      fc.property(pair, ({ from, h0, h1, t0, t1 }) => {
        const result = deriveHighGrowth([year(from, h0, t0), year(from + 3, h1, t1)])!;
        const staffFast = BigInt(h1) * 1000n > BigInt(h0) * 1728n;
        const turnoverFast = t0 > 0n && t1 * 1000n > t0 * 1728n;
        expect(result.isHighGrowth).toBe(h0 >= 10 && (staffFast || turnoverFast));
        expect(result.period).toEqual({ from, to: from + 3 });
        expect(result.reason).toContain(`${from}`);
      }),
    );
  });

  it("never stops being high-growth when the end figures rise", () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 1000 }), fc.bigInt({ min: 0n, max: 10n * M }), (p, moreStaff, moreTurnover) => {
        const before = deriveHighGrowth([year(p.from, p.h0, p.t0), year(p.from + 3, p.h1, p.t1)])!;
        const after = deriveHighGrowth([year(p.from, p.h0, p.t0), year(p.from + 3, p.h1 + moreStaff, p.t1 + moreTurnover)])!;
        if (before.isHighGrowth) expect(after.isHighGrowth).toBe(true);
      }),
    );
  });

  it("ignores the years in between and the order of the figures", () => {
    fc.assert(
      fc.property(pair, fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 2, maxLength: 2 }), (p, middle) => {
        const ends = [year(p.from, p.h0, p.t0), year(p.from + 3, p.h1, p.t1)];
        const all = [...ends, year(p.from + 1, middle[0]!), year(p.from + 2, middle[1]!)];
        expect(deriveHighGrowth([...all].reverse())).toEqual(deriveHighGrowth(ends));
      }),
    );
  });
});

describe("formatPounds", () => {
  it("reads like a person would write it", () => {
    expect(formatPounds(44n * M)).toBe("£44m");
    expect(formatPounds(3_200_000n * 100n)).toBe("£3.2m");
    expect(formatPounds(44n * M + 1n)).toBe("£44,000,000.01");
    expect(formatPounds(95_000n)).toBe("£950");
  });
});
