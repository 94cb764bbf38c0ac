/**
 * Matching a customer's name as people type it: "svensson" finds "Anna Svensson", "muller" finds "Jonas
 * Müller", "anna-k" finds "Anna-Karin Berg". A name is cut into words (given, middle, family, each part of
 * a hyphenated name), each folded to lower case without accents; a query matches when every word of it is
 * the start of some word of the name. Both backends use these functions (the sandbox stores the words in
 * an index, the kustom ledger matches in memory), so they agree on what matches.
 */

/** A name query needs one word of at least this many characters: one letter would match half the book. */
export const MIN_NAME_QUERY_WORD = 2;

/** Letters that carry no combining mark to strip but are typed without the mark anyway. */
const FOLDED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const APOSTROPHE = /['\u2019\u02BC]/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower case, accents removed (`Müller` → `muller`, `Søren` → `soren`). */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => FOLDED[c] ?? c);
}

const words = (text: string): string[] => foldName(text).split(SEPARATORS).filter((w) => w !== '');

/**
 * The words a name is found by: each part between spaces, hyphens and other separators, plus each
 * apostrophe name joined (`O'Brien` → `o`, `brien`, `obrien`), so "obrien" and "o'brien" both find it.
 */
export function nameWords(name: string | null | undefined): string[] {
  if (!name) return [];
  const out = new Set(words(name));
  for (const chunk of foldName(name).split(/[\s\-‐‑–—]+/u)) {
    if (!APOSTROPHE.test(chunk)) continue;
    const joined = chunk.replace(/[^\p{L}\p{N}]/gu, '');
    if (joined !== '') out.add(joined);
  }
  return [...out];
}

/** The words of a name query, longest first (the longest narrows an index search the most). */
export function nameQueryWords(query: string): string[] {
  return [...new Set(words(query))].sort((a, b) => b.length - a.length);
}

/** Whether `query` can be matched as a name: it has a letter, and a word of `MIN_NAME_QUERY_WORD` or more. */
export function isNameQuery(query: string): boolean {
  return /\p{L}/u.test(query) && (nameQueryWords(query)[0]?.length ?? 0) >= MIN_NAME_QUERY_WORD;
}

/** Every word of `query` starts some word of `name`, case- and accent-insensitively. */
export function nameMatches(query: string, name: string | null | undefined): boolean {
  if (!isNameQuery(query)) return false;
  const have = nameWords(name);
  return nameQueryWords(query).every((q) => have.some((w) => w.startsWith(q)));
}
