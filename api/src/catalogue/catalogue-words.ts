import { Prisma } from "@ccm/prisma";
import { executeSql, type SqlTarget } from "./sql.ts";

// Typo tolerance works word by word: a search word that no offering contains is corrected to the
// nearest words that some published offering does contain (pg_trgm similarity over this small table,
// rather than over every document). Words are only added: a word left behind by an edit or a
// withdrawal can only suggest a correction that matches nothing, which costs a search nothing.

/** The text of an offering that search looks at. */
export interface SearchableText {
  title: string;
  summary: string;
  description: string;
  features: readonly string[];
  benefits: readonly string[];
}

const WORD = /[a-z]+/g;

/** The distinct words (lower-case letters only, 3 to 30 of them) of some offerings. */
export function catalogueWordsOf(offerings: Iterable<SearchableText>, into = new Set<string>()): Set<string> {
  for (const o of offerings) {
    const text = [o.title, o.summary, o.description, ...o.features, ...o.benefits].join(" ").toLowerCase();
    for (const match of text.matchAll(WORD)) {
      const word = match[0];
      if (word.length >= 3 && word.length <= 30) into.add(word);
    }
  }
  return into;
}

/** Adds words to the catalogue's word list (those already there are skipped). */
export async function recordCatalogueWords(db: SqlTarget, words: Iterable<string>): Promise<void> {
  // In one order everywhere, so that concurrent inserts of overlapping words cannot deadlock.
  const list = [...new Set(words)].sort();
  if (!list.length) return;
  await executeSql(db, Prisma.sql`INSERT INTO catalogue_word (word) SELECT unnest(${list}::text[]) ON CONFLICT DO NOTHING`);
}
