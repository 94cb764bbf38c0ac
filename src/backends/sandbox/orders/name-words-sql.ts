/** The sandbox's customer name words (migration 12): kept in step with `orders.customer_name`, and searched. */
import { isNameQuery, nameQueryWords, nameWords } from '../../../domain/name-words.js';
import type { Db } from '../database.js';

/** Writes an order's name words, with its creation time (migration 16); runs after the order's insert, in its transaction. */
export function nameWordsWriter(db: Db): (orderId: string, name: string | null | undefined) => void {
  const insert = db.prepare(`INSERT INTO order_name_words (word, order_id, created_at) VALUES (?, ?, (SELECT created_at FROM orders WHERE order_id = ?))`);
  return (orderId, name) => {
    for (const word of nameWords(name)) insert.run(word, orderId, orderId);
  };
}

/** Folded words compare as plain text; U+10FFFF sorts after every character, so this is a prefix range. */
const startsWith = (alias: string): string => `(${alias}.word >= ? AND ${alias}.word < (? || char(1114111)))`;

/** A query word in any of its forms (`muller` or `mueller`): one prefix range per form, each an index seek. */
const startsWithAny = (alias: string, forms: readonly string[]): string => forms.map(() => startsWith(alias)).join(' OR ');
const rangeParams = (forms: readonly string[]): string[] => forms.flatMap((form) => [form, form]);

/**
 * The distinct name words starting with `prefix`, in order, one index seek each on `(word, …)`; undefined
 * when there are more than `max` (a prefix as short as two letters may start hundreds of words).
 */
export function wordsStartingWith(db: Db, prefix: string, max = MAX_EXACT_WORDS): string[] | undefined {
  const first = db.prepare<[string, string], { word: string }>(`SELECT word FROM order_name_words WHERE word >= ? AND word < (? || char(1114111)) ORDER BY word LIMIT 1`);
  const next = db.prepare<[string, string], { word: string }>(`SELECT word FROM order_name_words WHERE word > ? AND word < (? || char(1114111)) ORDER BY word LIMIT 1`);
  const words: string[] = [];
  for (let row = first.get(prefix, prefix); row; row = next.get(row.word, prefix)) {
    if (words.length === max) return undefined;
    words.push(row.word);
  }
  return words;
}

/**
 * Exact words a newest-first search reads one by one: each `word = ?` is read from the
 * `(word, created_at, order_id)` index already in date order, so SQLite merges the words' streams and
 * stops at the page's end, where a prefix range (several words) must read and sort every match first.
 */
const MAX_EXACT_WORDS = 16;

/**
 * The IDs of orders whose name has, for every word of `query`, a word starting with it (in either of its
 * foldings, `nameQueryWords`): a range seek on the longest query word (two ranges when it folds two ways),
 * each other word checked for that order through `(order_id, word)`. Undefined
 * when the query is too short to be a name (`isNameQuery`). `withDate` adds each order's creation time,
 * read from the `(word, created_at, order_id)` index, for a newest-first seek; an order may then appear once
 * per matching word (the caller reads orders by ID, where a repeat is harmless, and a DISTINCT would
 * materialize every match). With `wordsOf` (the name words a prefix starts), the longest query word's
 * prefix becomes one `UNION ALL` branch per word it starts (MAX_EXACT_WORDS at most; past that, the range).
 */
export function nameWordsSql(query: string, withDate = false, wordsOf?: (prefix: string) => string[] | undefined): { sql: string; params: string[] } | undefined {
  if (!isNameQuery(query)) return undefined;
  const [first, ...rest] = nameQueryWords(query);
  if (first === undefined) return undefined;
  const others = rest.map((forms, i) => ` AND ${hasWordSql(`x${i}`, 'w.order_id', forms)}`);
  const othersParams = rest.flatMap(rangeParams);
  const select = `SELECT ${withDate ? 'w.order_id AS id, w.created_at' : 'DISTINCT w.order_id AS id'} FROM order_name_words w WHERE`;
  const exact = withDate && wordsOf ? exactWords(first, wordsOf) : undefined;
  if (exact && exact.length > 0) {
    return {
      sql: exact.map(() => `${select} w.word = ?${others.join('')}`).join(' UNION ALL '),
      params: exact.flatMap((word) => [word, ...othersParams]),
    };
  }
  return {
    sql: `${select} (${startsWithAny('w', first)})${others.join('')}`,
    params: [...rangeParams(first), ...othersParams],
  };
}

/** The order `orderId` has a name word starting with one of `forms`: one seek on `(order_id, word)`. */
const hasWordSql = (alias: string, orderId: string, forms: readonly string[]): string =>
  `EXISTS (SELECT 1 FROM order_name_words ${alias} WHERE ${alias}.order_id = ${orderId} AND (${startsWithAny(alias, forms)}))`;

/**
 * The order `orderId` (a column of the outer query) matches the name query: every query word starts one
 * of its name words. Tested order by order, each word one seek on `(order_id, word)`; undefined when the
 * query is too short to be a name.
 */
export function nameMatchSql(query: string, orderId: string): { sql: string; params: string[] } | undefined {
  if (!isNameQuery(query)) return undefined;
  const words = nameQueryWords(query);
  return { sql: words.map((forms, i) => hasWordSql(`n${i}`, orderId, forms)).join(' AND '), params: words.flatMap(rangeParams) };
}

/**
 * Whether some word of the query starts no name word at all (in any of its forms), so no order can match
 * it by name: one seek per form. Checked before a search walks the orders a common word starts, which
 * would otherwise test every one of them against the word that matches nothing.
 */
export function nameQueryCannotMatch(query: string, wordsOf: (prefix: string) => string[] | undefined): boolean {
  return nameQueryWords(query).some((forms) => forms.every((form) => wordsOf(form)?.length === 0));
}

/** Every word the forms start, without repeats; undefined when some form starts too many. */
function exactWords(forms: readonly string[], wordsOf: (prefix: string) => string[] | undefined): string[] | undefined {
  const words = new Set<string>();
  for (const form of forms) {
    const found = wordsOf(form);
    if (found === undefined) return undefined;
    for (const word of found) words.add(word);
  }
  return [...words];
}
