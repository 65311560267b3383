// Turns free text into the words that text similarity compares. Deliberately small and predictable:
// lower case, accents removed, English function words dropped, plurals folded to the singular
// ("councils" -> "council", "activities" -> "activity") so that a tender and an offering that use the
// same word in a different number still meet. No full stemming: a supplier reading the reasons should
// recognise every shared word.

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers him his
  how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own
  same she should so some such than that the their theirs them then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours etc per via within
  without across including include includes may must shall us well new use used using need needs provide provides provided
  providing`.split(/\s+/),
);

/** Words ending in "s" that are not plurals, so the plural rule leaves them alone. */
const NOT_PLURAL = /(ss|us|is|ics|sis|ous|ws)$/;

/** Folds a simple English plural to its singular. */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith("s") || NOT_PLURAL.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 200_000;

function normaliseWord(raw: string): string | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const word = raw.length < 3 || /^\d+$/.test(raw) || STOPWORDS.has(raw) ? null : singular(raw);
  if (cache.size < CACHE_LIMIT) cache.set(raw, word);
  return word;
}

/** The comparable words of a text, in order, with repeats. */
export function tokeniseText(text: string): string[] {
  const words: string[] = [];
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(text);
  const lowered = (ascii ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")).toLowerCase();
  for (const raw of lowered.split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    const word = normaliseWord(raw);
    if (word) words.push(word);
  }
  return words;
}
