// Money typed into forms in pounds ("1,250.50", "£75") and the API's whole pence, both ways.

/** Pence from what someone typed in pounds, or null when it is not an amount of money. */
export function parsePounds(typed: string): number | null {
  const text = typed.trim().replace(/^£/, "").replace(/,/g, "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole = "0", fraction = ""] = text.split(".");
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** Pence as someone would type them in pounds: 125050 -> "1250.50", 7500 -> "75". */
export function poundsInput(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  const whole = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

const WHOLE_POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** "£2,400,000" for whole pounds, "£9.50" otherwise: company figures rarely have pence. */
export function formatPounds(pence: number): string {
  return pence % 100 === 0 ? WHOLE_POUNDS.format(pence / 100) : POUNDS.format(pence / 100);
}
