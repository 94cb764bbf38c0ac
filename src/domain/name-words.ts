/**
 * Matching a customer's name as people type it: "svensson" finds "Anna Svensson", "muller" and "mueller"
 * find "Jonas Müller", "anna-k" finds "Anna-Karin Berg". A name is cut into words (given, middle, family,
 * each part of a hyphenated name), each folded to lower case two ways: accents dropped (`müller` →
 * `muller`) and letters written out the way a keyboard without them spells them (`müller` → `mueller`,
 * `åsa` → `aasa`, `søren` → `soeren`). A name is found by the words of both foldings; a query word is
 * folded both ways too and matches when either form starts some word of the name, so "Müller" also finds a
 * customer who typed "Mueller" and one who typed "Muller". Both backends use these functions (the sandbox
 * stores the words in an index, the kustom ledger matches in memory), so they agree on what matches.
 */

/** A name query needs one word of at least this many characters: one letter would match half the book. */
export const MIN_NAME_QUERY_WORD = 2;

/** Letters that carry no combining mark to strip but are typed without the mark anyway. */
const FOLDED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const APOSTROPHE = /['\u2019\u02BC]/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * Letters with a conventional spelling in plain letters (German umlauts and ß, the Scandinavian å, ø, æ):
 * how the name is written on a keyboard without them, in passports and in email addresses.
 */
const WRITTEN_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa', ø: 'oe', æ: 'ae', œ: 'oe', ß: 'ss' };
const WRITTEN_OUT_LETTERS = /[äöüåøæœß]/g;

/**
 * What a name must contain for `transliterateName` to differ from `foldName`: the letters above in either
 * case, or the combining diaeresis or ring of a decomposed one. A name with none of them folds one way only.
 */
export const WRITTEN_OUT_MARKERS: readonly string[] = ['ä', 'ö', 'ü', 'å', 'ø', 'Ä', 'Ö', 'Ü', 'Å', 'Ø', '\u0308', '\u030A'];

/** Lower case, accents removed (`Müller` → `muller`, `Søren` → `soren`). */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => FOLDED[c] ?? c);
}

/** Lower case, letters written out where there is a convention, other accents removed (`Müller` → `mueller`, `Åsa` → `aasa`). */
export function transliterateName(text: string): string {
  return foldName(text.normalize('NFC').toLowerCase().replace(WRITTEN_OUT_LETTERS, (c) => WRITTEN_OUT[c] ?? c));
}

const split = (folded: string): string[] => folded.split(SEPARATORS).filter((w) => w !== '');

/** The apostrophe names of already folded text, joined (`o'brien` → `obrien`). */
function joinedApostropheNames(folded: string): string[] {
  const out: string[] = [];
  for (const chunk of folded.split(/[\s\-‐‑–—]+/u)) {
    if (!APOSTROPHE.test(chunk)) continue;
    const joined = chunk.replace(/[^\p{L}\p{N}]/gu, '');
    if (joined !== '') out.push(joined);
  }
  return out;
}

/**
 * The words a name is found by: each part between spaces, hyphens and other separators, plus each
 * apostrophe name joined (`O'Brien` → `o`, `brien`, `obrien`), so "obrien" and "o'brien" both find it;
 * all of them with accents dropped and, where it differs, with letters written out (`Müller` → `muller`,
 * `mueller`).
 */
export function nameWords(name: string | null | undefined): string[] {
  if (!name) return [];
  const out = new Set<string>();
  for (const folded of new Set([foldName(name), transliterateName(name)])) {
    for (const word of split(folded)) out.add(word);
    for (const word of joinedApostropheNames(folded)) out.add(word);
  }
  return [...out];
}

/**
 * The words of a name query, each as the forms it may be written in (accents dropped, then letters
 * written out when that differs: `Müller` → [`muller`, `mueller`]), longest first (the longest narrows an
 * index search the most). A query word matches when any of its forms starts a word of the name.
 */
export function nameQueryWords(query: string): string[][] {
  const plain = split(foldName(query));
  const written = split(transliterateName(query));
  // Writing letters out never joins or splits words, so the two foldings line up word by word.
  // A form that starts with another adds no match (`mue` after `mu`): only the shorter is kept.
  const forms = plain.map((word, i) => {
    const other = written[i] ?? word;
    return other.startsWith(word) ? [word] : [word, other];
  });
  const seen = new Set<string>();
  return forms.filter((f) => !seen.has(f.join(' ')) && seen.add(f.join(' '))).sort((a, b) => b[0]!.length - a[0]!.length);
}

/** Whether `query` can be matched as a name: it has a letter, and a word of `MIN_NAME_QUERY_WORD` or more. */
export function isNameQuery(query: string): boolean {
  return /\p{L}/u.test(query) && (nameQueryWords(query)[0]?.[0]?.length ?? 0) >= MIN_NAME_QUERY_WORD;
}

/** Every word of `query` starts some word of `name`, case- and accent-insensitively. */
export function nameMatches(query: string, name: string | null | undefined): boolean {
  if (!isNameQuery(query)) return false;
  const have = nameWords(name);
  return nameQueryWords(query).every((forms) => forms.some((q) => have.some((w) => w.startsWith(q))));
}
