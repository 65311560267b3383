// Deadlines are entered and shown in UK time (Europe/London) and sent to the API in UTC. The GOV.UK date
// input pattern asks for day, month and year in separate fields; the time is one more field, written
// the way people write it ("5pm", "17:00", "midday").

const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** What a person typed into a date input with a time. */
export interface DateTimeParts {
  day: string;
  month: string;
  year: string;
  time: string;
}

export const EMPTY_DATE_TIME: DateTimeParts = { day: "", month: "", year: "", time: "" };

function londonFields(date: Date) {
  const parts = LONDON_PARTS.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far UK time is ahead of UTC at `date` (0 in winter, one hour in summer), in milliseconds. */
function londonOffsetMs(date: Date): number {
  const f = londonFields(date);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant of a UK wall-clock time (the later one when the clocks go back; skipped times move on). */
export function londonTimeToDate(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - londonOffsetMs(new Date(wall));
  const offset = londonOffsetMs(new Date(first));
  return new Date(wall - offset);
}

/** "5pm", "5:30pm", "12pm" for a time of day. */
export function formatTimeOfDay(hour: number, minute: number): string {
  const suffix = hour < 12 ? "am" : "pm";
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${h}${suffix}` : `${h}:${String(minute).padStart(2, "0")}${suffix}`;
}

/** The date input's fields for an instant, in UK time. */
export function toDateTimeParts(iso: string | null | undefined): DateTimeParts {
  if (!iso) return { ...EMPTY_DATE_TIME };
  const f = londonFields(new Date(iso));
  return { day: String(f.day), month: String(f.month), year: String(f.year), time: formatTimeOfDay(f.hour, f.minute) };
}

/** Hours and minutes from "5pm", "5.30pm", "17:00", "9", "midday" or "midnight"; null if it is not a time. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, "");
  if (value === "midday" || value === "noon") return { hour: 12, minute: 0 };
  if (value === "midnight") return { hour: 0, minute: 0 };
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(value);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  if (minute > 59) return null;
  if (match[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[3] === "pm" ? 12 : 0);
  } else if (hour > 23) return null;
  return { hour, minute };
}

/**
 * The instant a date input with a time describes, or the GOV.UK error message for it. `what` names the
 * field in messages, starting with a capital letter ("The submission deadline").
 */
export function parseDateTime(parts: DateTimeParts, what: string): { date: Date } | { error: string } {
  const { day, month, year, time } = parts;
  const lower = what.charAt(0).toLowerCase() + what.slice(1);
  if (!day && !month && !year) return { error: `Enter ${lower}` };
  const missing = [!day && "a day", !month && "a month", !year && "a year"].filter(Boolean);
  if (missing.length) return { error: `${what} must include ${missing.join(" and ")}` };
  if (![day, month, year].every((v) => /^\d+$/.test(v))) return { error: `${what} must be a real date` };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (year.length !== 4) return { error: `Year must include 4 numbers` };
  const check = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || check.getUTCDate() !== d || check.getUTCMonth() !== m - 1)
    return { error: `${what} must be a real date` };
  if (!time) return { error: `Enter the time for ${lower}, like 5pm or 17:00` };
  const t = parseTimeOfDay(time);
  if (!t) return { error: `Enter the time for ${lower} as a time of day, like 5pm or 17:00` };
  return { date: londonTimeToDate(y, m, d, t.hour, t.minute) };
}
