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
 * The IDs of orders whose name has, for every word of `query`, a word starting with it (in either of its
 * foldings, `nameQueryWords`): a range seek on the longest query word (two ranges when it folds two ways),
 * each other word checked for that order through `(order_id, word)`. Undefined
 * when the query is too short to be a name (`isNameQuery`). `withDate` adds each order's creation time,
 * read from the `(word, created_at, order_id)` index, for a newest-first seek; an order may then appear once
 * per matching word (the caller reads orders by ID, where a repeat is harmless, and a DISTINCT would
 * materialize every match).
 */
export function nameWordsSql(query: string, withDate = false): { sql: string; params: string[] } | undefined {
  if (!isNameQuery(query)) return undefined;
  const [first, ...rest] = nameQueryWords(query);
  if (first === undefined) return undefined;
  const others = rest.map((forms, i) => ` AND EXISTS (SELECT 1 FROM order_name_words x${i} WHERE x${i}.order_id = w.order_id AND (${startsWithAny(`x${i}`, forms)}))`);
  return {
    sql: `SELECT ${withDate ? 'w.order_id AS id, w.created_at' : 'DISTINCT w.order_id AS id'} FROM order_name_words w WHERE (${startsWithAny('w', first)})${others.join('')}`,
    params: [...rangeParams(first), ...rest.flatMap(rangeParams)],
  };
}
