/**
 * Where bulk-capture rows come from: order IDs as arguments, one per line on stdin ("-"), a CSV file
 * (`--from`, "-" for stdin), or a reviewed plan file (`--apply`). Each source alone; a terminal on
 * stdin is refused (nothing would ever arrive).
 */
import type { Readable } from 'node:stream';
import { UsageError } from '../../../errors.js';
import { readTextFile } from '../../../infra/text-file.js';
import { parseCsvInput, parseIdList, readCsvInputFile, type BulkInput } from './bulk-input.js';
import { parsePlanFile, type PlanFile } from './bulk-plan.js';

export interface BulkSource {
  orders: readonly string[];
  from?: string | undefined;
  apply?: string | undefined;
  stdin: Readable;
  stdinIsTTY: boolean;
}

export async function readBulkInput(source: BulkSource): Promise<BulkInput | { plan: PlanFile }> {
  if (source.apply) return { plan: parsePlanFile(readTextFile(source.apply, 'apply'), source.apply) };
  const { orders, from } = source;
  if (from !== undefined) {
    if (orders.length > 0) throw new UsageError('Give orders either as arguments/stdin or with --from, not both.');
    return from === '-' ? parseCsvInput(await readAll(source.stdin), 'stdin') : readCsvInputFile(from);
  }
  if (orders.includes('-')) {
    if (orders.length > 1) throw new UsageError('"-" (read order IDs from stdin) cannot be combined with order IDs as arguments.');
    if (source.stdinIsTTY) throw new UsageError('"-" reads order IDs from stdin, but stdin is a terminal; pipe a list in.');
    const input = parseIdList((await readAll(source.stdin)).split(/\r?\n/), 'stdin');
    if (input.rows.length === 0 && input.issues.length === 0) throw new UsageError('stdin held no order IDs.');
    return input;
  }
  return parseIdList([...orders], 'argument');
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}
