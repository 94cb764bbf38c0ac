/**
 * `links create --from` on the kustom backend when a row's message cannot be sent: the link exists, the row
 * reads `send_failed` (never `created`) with the medium, the reason and the resend in `error`, in every form
 * of the results (piped TSV, --csv, the results file, --json NDJSON), and the run exits 5 as the single
 * command does. Running the file again sends nothing twice: the rows are `existing`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
const COLUMNS = ['row', 'link_reference', 'store', 'result', 'link_id', 'url', 'status', 'error'];

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

/** A kustom store and a three-row file sending SMS; the second SMS distribution is refused. */
async function setup() {
  let distributions = 0;
  fake = await fakes.start({
    apiKey: KEY,
    faults: { answer: (req) => (req.method === 'POST' && req.path.endsWith('/distribution') && distributions++ === 1 ? { status: 400 } : undefined) },
  });
  const f = fake;
  const home = tempHome();
  const cli = (argv: string[]) => runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env: { MERCHANT_API_KEY: KEY } });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  const file = join(home, 'links.csv');
  const rows = ['K-1', 'K-2', 'K-3'].map((ref) => `${ref},${ref},+46701234567,"${TSHIRT}",sms`);
  writeFileSync(file, `link_reference,reference,phone,lines,send\n${rows.join('\n')}\n`);
  return { cli, file, results: join(home, 'links.results.csv') };
}

type Row = Record<(typeof COLUMNS)[number], string>;
const fromTsv = (stdout: string): Row[] => stdout.trim().split('\n').map((l): Row => Object.fromEntries(l.split('\t').map((v, i) => [COLUMNS[i], v])));
const fromCsv = (text: string): Row[] => parse<Row>(text, { columns: true });
const fromNdjson = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .map((l): Row => Object.fromEntries(Object.entries(JSON.parse(l) as Record<string, string | number | null>).map(([k, v]) => [k, v === null ? '' : String(v)])));

describe('links create --from on kustom: a row whose message failed', () => {
  it.each([
    ['piped TSV', [] as string[], fromTsv],
    ['--csv', ['--csv'], (s: string) => fromCsv(s)],
    ['--json (NDJSON)', ['--json'], fromNdjson],
  ])('reads send_failed with the resend, exit 5, in %s and in the results file', async (_form, flags, read) => {
    const { cli, file, results } = await setup();
    const r = await cli(['links', 'create', '--from', file, '--store', 'se-shop', ...flags]);
    expect(r.exitCode, r.stderr).toBe(5);
    for (const rows of [read(r.stdout), fromCsv(readFileSync(results, 'utf8'))]) {
      const sorted = [...rows].sort((a, b) => Number(a.row) - Number(b.row));
      expect(sorted.map((x) => [x.row, x.result])).toEqual([['2', 'created'], ['3', 'send_failed'], ['4', 'created']]);
      const failed = sorted[1]!;
      expect(failed.link_id).not.toBe('');
      expect(failed.url).not.toBe('');
      expect(failed.error).toContain('sms not sent');
      expect(failed.error).toContain(`merchant links resend ${failed.link_id} --send sms`);
      expect(sorted[0]!.error).toBe('');
    }
    expect(r.stderr).toContain('row 3');
    // Every NDJSON line has the results file's columns, in its order.
    if (flags.includes('--json')) for (const line of r.stdout.trim().split('\n')) expect(Object.keys(JSON.parse(line) as object)).toEqual(COLUMNS);
  });

  it('the summary counts it apart, and a re-run reports every row existing without sending again', async () => {
    const { cli, file } = await setup();
    const first = await cli(['links', 'create', '--from', file, '--store', 'se-shop']);
    expect(first.exitCode).toBe(5);
    expect(first.stderr).toContain('2 created, 1 created but not sent, 0 already existed, 0 failed');
    expect(first.stderr).toContain('merchant links resend');
    const sent = fake!.requests.filter((q) => q.path.endsWith('/distribution')).length;
    const again = await cli(['links', 'create', '--from', file, '--store', 'se-shop', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(fromNdjson(again.stdout).map((x) => x.result)).toEqual(['existing', 'existing', 'existing']);
    expect(fake!.requests.filter((q) => q.path.endsWith('/distribution'))).toHaveLength(sent);
  });
});
