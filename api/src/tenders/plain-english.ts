import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { flesch } from "flesch";
import { syllable } from "syllable";
import { z } from "zod";

// The plain-English part of the readiness check: a Flesch Reading Ease score (the `flesch` formula with
// the `syllable` counter, both maintained by wooorm) and procurement jargon from a word list kept as data.

const jargonFile = z.object({
  entries: z
    .array(
      z.object({
        term: z.string().min(1),
        alternatives: z.array(z.string()).min(1),
        caseSensitive: z.boolean().optional(),
      }),
    )
    .min(40),
});
export type JargonEntry = z.infer<typeof jargonFile>["entries"][number];

let jargon: JargonEntry[] | undefined;

/** The jargon list from api/data/plain-english-jargon.json (read once). */
export function loadJargon(): JargonEntry[] {
  jargon ??= jargonFile.parse(
    JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../data/plain-english-jargon.json"), "utf8")),
  ).entries;
  return jargon;
}

export interface Readability {
  /** Flesch Reading Ease: 100 is very easy; below 50 is hard; can be negative. Rounded to one decimal. */
  fleschReadingEase: number;
  /** A plain description of the score, e.g. "Fairly easy". */
  band: string;
  words: number;
  sentences: number;
  syllables: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Readability of English text; empty text scores 0 with "No text". */
export function measureReadability(text: string): Readability {
  const words = text.match(WORD) ?? [];
  if (words.length === 0) return { fleschReadingEase: 0, band: "No text", words: 0, sentences: 0, syllables: 0 };
  // A sentence ends at . ! ? or a line break (list items in descriptions are sentences to a reader).
  const sentences = Math.max(1, text.split(/[.!?]+(?=\s|$)|\n+/).filter((s) => HAS_WORD.test(s)).length);
  const syllables = words.reduce((sum, w) => sum + Math.max(1, syllable(w)), 0);
  const score = Math.round(flesch({ sentence: sentences, word: words.length, syllable: syllables }) * 10) / 10;
  return { fleschReadingEase: score, band: band(score), words: words.length, sentences, syllables };
}

function band(score: number): string {
  if (score >= 90) return "Very easy";
  if (score >= 80) return "Easy";
  if (score >= 70) return "Fairly easy";
  if (score >= 60) return "Plain English";
  if (score >= 50) return "Fairly difficult";
  if (score >= 30) return "Difficult";
  return "Very difficult";
}

export interface JargonFinding {
  term: string;
  alternatives: string[];
  /** How many times it appears. */
  count: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The jargon in `text`, most frequent first; whole words or phrases only ("shall" is not in "marshall"). */
export function findJargon(text: string, entries: readonly JargonEntry[] = loadJargon()): JargonFinding[] {
  const findings: JargonFinding[] = [];
  for (const entry of entries) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(entry.term).replace(/[\s-]+/g, "[\\s-]+")}(?![\\p{L}\\p{N}])`,
      entry.caseSensitive ? "gu" : "giu",
    );
    const count = text.match(pattern)?.length ?? 0;
    if (count > 0) findings.push({ term: entry.term, alternatives: entry.alternatives, count });
  }
  return findings.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}
