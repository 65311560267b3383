import { describe, expect, it } from "vitest";
import { isWorkingDay, londonMidnight, STANDSTILL_WORKING_DAYS, workingDaysPeriodEnd } from "./working-days.ts";

describe("working days in England and Wales", () => {
  it("skips weekends and bank holidays from the library", () => {
    expect(isWorkingDay("2026-12-24")).toBe(true);
    expect(isWorkingDay("2026-12-25")).toBe(false); // Christmas Day
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day (substitute)
    expect(isWorkingDay("2026-08-31")).toBe(false); // Summer bank holiday (England and Wales, not Scotland)
    expect(isWorkingDay("2026-08-29")).toBe(false); // Saturday
  });

  it("counts the standstill's 8 working days beginning with the award day, ending at London midnight", () => {
    // Monday 1 June 2026 (BST): 1-5 and 8-10 June are the eight days; it ends at 00:00 BST on 11 June.
    expect(workingDaysPeriodEnd(new Date("2026-06-01T10:00:00Z"), STANDSTILL_WORKING_DAYS).toISOString()).toBe(
      "2026-06-10T23:00:00.000Z",
    );
  });

  it("stretches over Christmas and New Year bank holidays", () => {
    // Mon 21 Dec 2026: 21-24, 29-31 Dec, 4 Jan = 8 working days; ends 00:00 GMT on 5 January 2027.
    expect(workingDaysPeriodEnd(new Date("2026-12-21T10:00:00Z"), 8).toISOString()).toBe("2027-01-05T00:00:00.000Z");
  });

  it("starts counting on the next working day when awarded at a weekend", () => {
    // Saturday 6 June 2026: 8-12, 15-17 June; ends 00:00 BST on 18 June.
    expect(workingDaysPeriodEnd(new Date("2026-06-06T10:00:00Z"), 8).toISOString()).toBe("2026-06-17T23:00:00.000Z");
  });

  it("uses the London date of late-evening awards in summer time", () => {
    // 23:30 UTC on Sunday 31 May is 00:30 BST on Monday 1 June, a working day.
    expect(workingDaysPeriodEnd(new Date("2026-05-31T23:30:00Z"), 8).toISOString()).toBe("2026-06-10T23:00:00.000Z");
  });

  it("finds London midnight across the clock changes", () => {
    expect(londonMidnight("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(londonMidnight("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
  });
});
