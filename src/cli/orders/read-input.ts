/** Reads all of stdin (bulk input with `-`). */
import type { Readable } from 'node:stream';

export async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}
