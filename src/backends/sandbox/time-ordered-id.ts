/**
 * Capture IDs as time-ordered UUIDs (version 7, RFC 9562: the first 48 bits are the Unix time in
 * milliseconds, the other 74 are random). A capture's row is found through an index on its ID; random
 * IDs land on a different index page each, so every capture of a bulk commit writes one more page of
 * that index, while IDs made one after another share the last page. They are as unique as version 4.
 */
import { randomUUID } from '../../infra/lazy-crypto.js';

export function timeOrderedId(now = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep what follows the version digit
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
