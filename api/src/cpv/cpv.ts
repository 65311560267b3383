import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

// The Common Procurement Vocabulary (CPV 2008). Codes are handled as their 8 digits without the check
// digit ("72212218"), as OCDS publishers use them. A code's significant prefix (2 digits for a division,
// 3 for a group, 4 for a class, 5 for a category, more for subcategories) defines the hierarchy: a code
// descends from another when it starts with the other's significant prefix.

export type CpvLevel = "division" | "group" | "class" | "category" | "subcategory";

export interface CpvCode {
  /** Full code with check digit, e.g. "72212218-0". */
  code: string;
  /** Eight digits, e.g. "72212218". */
  code8: string;
  label: string;
  level: CpvLevel;
  /** Eight digits of the nearest existing ancestor; null for a division. */
  parent8: string | null;
}

const file = join(dirname(fileURLToPath(import.meta.url)), "../../data/cpv-2008.csv");
let byCode: Map<string, CpvCode> | undefined;
let all: CpvCode[] | undefined;

function load(): Map<string, CpvCode> {
  if (byCode) return byCode;
  const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
  all = rows.map((r) => ({
    code: r.code ?? "",
    code8: r.code8 ?? "",
    label: r.label_en ?? "",
    level: (r.level?.startsWith("subcategory") ? "subcategory" : r.level) as CpvLevel,
    parent8: r.parent_code ? r.parent_code.slice(0, 8) : null,
  }));
  byCode = new Map(all.map((c) => [c.code8, c]));
  return byCode;
}

/** Every CPV code, in code order. */
export function listCpvCodes(): CpvCode[] {
  load();
  return all!;
}

/** Accepts "72212218", "72212218-0" or with spaces; returns the 8-digit form if it is a real code. */
export function normaliseCpvCode(raw: string): string | null {
  const digits = raw.replace(/\s+/g, "").replace(/-\d$/, "");
  return /^\d{8}$/.test(digits) && load().has(digits) ? digits : null;
}

export function findCpvCode(code8: string): CpvCode | undefined {
  return load().get(code8);
}

/** The significant prefix of a code: "72200000" -> "722", "72212218" -> "72212218". */
export function cpvPrefix(code8: string): string {
  const trimmed = code8.replace(/0+$/, "");
  return trimmed.length < 2 ? code8.slice(0, 2) : trimmed;
}

/** True when `code8` is `ancestor8` or lies below it in the hierarchy. */
export function isCpvDescendant(code8: string, ancestor8: string): boolean {
  return code8.startsWith(cpvPrefix(ancestor8));
}

/** The code and its ancestors, nearest first, ending with the division. */
export function cpvAncestry(code8: string): CpvCode[] {
  const chain: CpvCode[] = [];
  for (let c = findCpvCode(code8); c; c = c.parent8 ? findCpvCode(c.parent8) : undefined) chain.push(c);
  return chain;
}

/**
 * Finds codes by code prefix ("7221") or by words in the label ("software licence"), best first:
 * an exact code, then codes by prefix in code order, then labels containing every word, shorter (broader) labels first.
 */
export function searchCpvCodes(query: string, limit = 20): CpvCode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const codes = listCpvCodes();
  const digits = q.replace(/[\s-]/g, "");
  if (/^\d+$/.test(digits)) return codes.filter((c) => c.code8.startsWith(digits.slice(0, 8))).slice(0, limit);
  const words = q.split(/\s+/);
  return codes
    .filter((c) => {
      const label = c.label.toLowerCase();
      return words.every((w) => label.includes(w));
    })
    .sort((a, b) => a.label.length - b.label.length || a.code8.localeCompare(b.code8))
    .slice(0, limit);
}
