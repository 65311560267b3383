import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A certification buyers commonly ask for (api/data/accreditations.json). */
export interface CommonAccreditation {
  name: string;
  aliases: string[];
  description: string;
}

const file = join(dirname(fileURLToPath(import.meta.url)), "../../data/accreditations.json");
let common: CommonAccreditation[] | undefined;
let byKey: Map<string, string> | undefined;

/** The common accreditations, offered as choices on the supplier profile form. */
export function listCommonAccreditations(): CommonAccreditation[] {
  common ??= (JSON.parse(readFileSync(file, "utf8")) as { accreditations: CommonAccreditation[] }).accreditations;
  return common;
}

function key(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

/** "iso27001" and "ISO/IEC 27001" become "ISO 27001"; anything else is kept as typed (trimmed). */
export function normaliseAccreditation(text: string): string {
  byKey ??= new Map(listCommonAccreditations().flatMap((a) => [a.name, ...a.aliases].map((k) => [key(k), a.name] as const)));
  return byKey.get(key(text)) ?? text.trim().replace(/\s+/g, " ");
}
