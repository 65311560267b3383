// Finding CPV codes by words, inside a form: a "Find codes" submit button posts the whole form to a
// findCpv action (so nothing typed is lost, with or without JavaScript), which sends back the codes
// found; codes ticked among them are added to the form's list of codes on its next submission.
import { searchCpvCodes, type CpvCode } from "$lib/server/cpv";
import type { RequestEvent } from "@sveltejs/kit";

export const MAX_CPV_MATCHES = 10;

/** The codes whose label has the words (or that start with the digits), broadest first. */
export async function findCpvCodes(event: RequestEvent, words: string): Promise<CpvCode[]> {
  return words.trim() ? searchCpvCodes(event, words.trim(), MAX_CPV_MATCHES) : [];
}

/** The codes typed (one a line), with the ticked ones added at the end, each once. */
export function withTickedCodes(typed: string, ticked: readonly string[]): string {
  const lines = typed
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean);
  return [...new Set([...lines, ...ticked])].join("\n");
}
