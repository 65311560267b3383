// Companies House numbers are 8 characters: 8 digits for England and Wales companies, or a two-letter
// prefix and 6 digits for the other registers (SC Scotland, NI Northern Ireland, OC LLPs, ...).
const PREFIXES = new Set([
  "AC",
  "CE",
  "CS",
  "FC",
  "FE",
  "GE",
  "GN",
  "GS",
  "IC",
  "IP",
  "LP",
  "NA",
  "NC",
  "NF",
  "NI",
  "NL",
  "NO",
  "NP",
  "NR",
  "NV",
  "NZ",
  "OC",
  "OE",
  "PC",
  "R0",
  "RC",
  "RS",
  "SA",
  "SC",
  "SE",
  "SF",
  "SG",
  "SI",
  "SL",
  "SO",
  "SP",
  "SR",
  "SZ",
  "ZC",
]);

/** Normalises a Companies House number (upper case, no spaces, zero-padded digits) or returns null if malformed. */
export function normaliseCompaniesHouseNumber(raw: string): string | null {
  const value = raw.replace(/\s+/g, "").toUpperCase();
  if (/^\d{1,8}$/.test(value)) return value.padStart(8, "0");
  const m = /^([A-Z][A-Z0-9])(\d{1,6})$/.exec(value);
  if (m && PREFIXES.has(m[1]!)) return m[1]! + m[2]!.padStart(6, "0");
  return null;
}
