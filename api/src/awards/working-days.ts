import Holidays from "date-holidays";

// Working days for the standstill period: Monday to Friday except the bank holidays of England and Wales
// (which share one list), from the date-holidays library, counted in the London calendar.

const englandAndWales = new Holidays("GB", "ENG");
const holidayDates = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let dates = holidayDates.get(year);
  if (!dates) {
    dates = new Set(
      englandAndWales
        .getHolidays(year)
        .filter((h) => h.type === "public" || h.type === "bank")
        .map((h) => h.date.slice(0, 10)),
    );
    holidayDates.set(year, dates);
  }
  return dates;
}

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The calendar date in London of an instant, as YYYY-MM-DD. */
export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}

/** The instant when a London calendar date (YYYY-MM-DD) begins. */
export function londonMidnight(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // London is UTC or UTC+1; the clocks change at 01:00 UTC, so the offset at UTC midnight is the day's.
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(utcMidnight)).map((p) => [p.type, p.value]));
  const asLocal = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return new Date(utcMidnight - (asLocal - utcMidnight));
}

function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** True for Monday to Friday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !bankHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The end of a period of `days` working days beginning with the day of `start` (Procurement Act 2023
 * s.51: the standstill is "a period of eight working days beginning with the day" the notice is
 * published). The day of `start` counts when it is a working day; the period ends at midnight London
 * time after the last working day.
 */
export function workingDaysPeriodEnd(start: Date, days: number): Date {
  let date = londonDateOf(start);
  let counted = 0;
  for (;;) {
    if (isWorkingDay(date)) counted += 1;
    if (counted >= days) return londonMidnight(nextDate(date));
    date = nextDate(date);
  }
}

/** The standstill period in working days. */
export const STANDSTILL_WORKING_DAYS = 8;
