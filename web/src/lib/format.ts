// Dates and money as GOV.UK writes them: "27 November 2026", "£1,250.50". Times are shown in UK time.

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  // Not `hour12: true`: with en-GB that counts 0-11, so noon would read "0:00pm".
  hourCycle: "h12",
  timeZone: "Europe/London",
});
const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** "27 November 2026" from an ISO 8601 DateTime. */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** "27 November 2026 at 3:05pm" from an ISO 8601 DateTime. */
export function formatDateTime(iso: string): string {
  const parts = DATE_TIME.formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} at ${get("hour")}:${get("minute")}${get("dayPeriod").toLowerCase()}`;
}

/** "£1,250.50" from whole pence (the API's Pence scalar). */
export function formatPence(pence: number): string {
  return POUNDS.format(pence / 100);
}
