// Finding CPV codes by words, inside a form: a "Find codes" submit button posts the whole form to a
// findCpv action (so nothing typed is lost, with or without JavaScript), which sends back the codes
// found; codes ticked among them are added to the form's list of codes on its next submission.
import { execute, graphql } from "$lib/server/graphql";
import type { RequestEvent } from "@sveltejs/kit";

export const MAX_CPV_MATCHES = 10;

const CpvSearch = graphql(`
  query FindCpvCodes($search: String!, $limit: Int!) {
    cpvCodes(search: $search, limit: $limit) {
      code8
      label
    }
  }
`);

export interface CpvMatch {
  code8: string;
  label: string;
}

/** The codes whose label has the words (or that start with the digits), broadest first. */
export async function findCpvCodes(event: RequestEvent, words: string): Promise<CpvMatch[]> {
  if (!words.trim()) return [];
  const { cpvCodes } = await execute(event, CpvSearch, { search: words.trim(), limit: MAX_CPV_MATCHES });
  return cpvCodes;
}

/** The codes typed (one a line), with the ticked ones added at the end, each once. */
export function withTickedCodes(typed: string, ticked: readonly string[]): string {
  const lines = typed
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean);
  return [...new Set([...lines, ...ticked])].join("\n");
}
