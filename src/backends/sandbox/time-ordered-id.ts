/**
 * The sandbox's IDs (orders, captures, refunds, links) as time-ordered UUIDs (version 7, RFC 9562: the
 * first 48 bits are the Unix time in milliseconds, the rest random but for the version and variant). A
 * row is found through an index on its ID, and the rows that refer to an order (its captures, its events,
 * its name's words) through indexes that start with the order's ID: random IDs land on a different index
 * page each, so each order of a bulk run writes one more page of every such index, while IDs made one
 * after another share the last page. IDs made in the same millisecond follow each other too: the 12 bits
 * after the version digit count up from a random start (RFC 9562's counter method), so a seed of
 * thousands of orders is in index order. They are as unique as version 4: 62 random bits per millisecond
 * besides the counter.
 */
import { randomUUID } from '../../infra/lazy-crypto.js';

/** Where a millisecond's counter starts at most: leaves room for 2,048 IDs in one millisecond before it wraps. */
const COUNTER_START_RANGE = 0x800;
const COUNTER_MAX = 0xfff;

let lastMs = -1;
let counter = 0;

export function timeOrderedId(now = Date.now()): string {
  if (now === lastMs && counter < COUNTER_MAX) counter++;
  else {
    lastMs = now;
    counter = Math.floor(Math.random() * COUNTER_START_RANGE);
  }
  // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: the variant digit and what follows it are random.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}${random.slice(18)}`;
}
