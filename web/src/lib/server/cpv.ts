// The CPV vocabulary, as every page that finds or names codes reads it from the API.
import type { RequestEvent } from "@sveltejs/kit";
import { execute, graphql } from "$lib/server/graphql";

const CpvCodes = graphql(`
  query CpvCodes($search: String!, $limit: Int) {
    cpvCodes(search: $search, limit: $limit) {
      code8
      label
    }
  }
`);

export interface CpvCode {
  code8: string;
  label: string;
}

/** The codes whose label has the words (or that start with the digits), broadest first. */
export async function searchCpvCodes(event: RequestEvent, search: string, limit: number): Promise<CpvCode[]> {
  const { cpvCodes } = await execute(event, CpvCodes, { search, limit });
  return cpvCodes;
}

/** The code with these eight digits, or null when the vocabulary has none. */
export async function findCpvCode(event: RequestEvent, code8: string): Promise<CpvCode | null> {
  const [first] = await searchCpvCodes(event, code8, 1);
  return first?.code8 === code8 ? first : null;
}
