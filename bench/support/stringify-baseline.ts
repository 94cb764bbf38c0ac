/**
 * The export figure's baseline, run as its own process: raw csv-stringify over the export's own rows held
 * in memory. It reads a block of the rows the export just wrote (parsed back into arrays of cells), then
 * streams `rows` records through csv-stringify with the export's options into a sink that drops them,
 * cycling over the block — the same cells, without the database, the formatting or the file. Prints JSON.
 * Usage: node stringify-baseline.js <export.csv> <rows>
 */
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const BLOCK = 50_000;

async function main(): Promise<void> {
  const [file, rowsArg] = process.argv.slice(2);
  if (!file || !rowsArg) throw new Error('usage: stringify-baseline <export.csv> <rows>');
  const total = Number(rowsArg);
  const block: string[][] = [];
  let header: string[] | undefined;
  const parser = createReadStream(file).pipe(parse({ relax_column_count: false }));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) header = record;
    else block.push(record);
    if (block.length >= BLOCK) break;
  }
  parser.destroy();
  if (!header || block.length === 0) throw new Error(`${file} holds no rows`);
  const columns = header;
  let emitted = 0;
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < total; i++) yield block[i % block.length] as string[];
    })(),
  );
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const started = process.hrtime.bigint();
  await pipeline(source, stringify({ header: true, columns, delimiter: ',', record_delimiter: 'windows', cast: { string: (v) => v } }), sink);
  emitted = total;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ rows: emitted, ms, block: block.length })}\n`);
}

await main();
