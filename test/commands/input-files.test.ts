/**
 * Every flag that names a file to read, given a file that cannot be read: missing, a folder, or a path
 * through a file. Each is exit 2 naming the flag, the path and the cause in plain words — never Node's
 * error text (ENOENT, EISDIR) or "Unexpected error" — and nothing is created.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

const LINK = ['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'F-1', '--yes'];

/** [what, argv with the path, the field named]. */
const READERS: [string, (path: string) => string[], string][] = [
  ['links create --from', (p) => ['links', 'create', '--from', p, '--store', 'se-demo', '--yes'], 'from'],
  ['links create --lines-file', (p) => [...LINK, '--lines-file', p], 'lines_file'],
  ['links create --invoice-pdf', (p) => [...LINK, '--line', TSHIRT, '--invoice-pdf', p], 'invoice_pdf'],
  ['orders capture --from', (p) => ['orders', 'capture', '--from', p, '--yes'], 'from'],
  ['orders capture --apply', (p) => ['orders', 'capture', '--apply', p, '--yes'], 'apply'],
  ['settlements reconcile --ledger', (p) => ['settlements', 'reconcile', '--payout', 'P-1', '--ledger', p], 'ledger'],
];

const CASES: [string, (home: string) => string, string][] = [
  ['a missing file', (home) => join(home, 'missing.csv'), 'does not exist'],
  ['a folder', (home) => {
    const dir = join(home, 'folder.csv');
    mkdirSync(dir);
    return dir;
  }, 'is a folder; give a file'],
  ['a path through a file', (home) => {
    writeFileSync(join(home, 'plain'), 'x');
    return join(home, 'plain', 'in.csv');
  }, 'a part of this path is a file, not a folder'],
];

describe('a file that cannot be read', () => {
  for (const [what, argv, field] of READERS) {
    it.each(CASES)(`${what}: %s`, async (_case, path, rule) => {
      const home = tempHome();
      const file = path(home);
      const r = await runCli(argv(file), { home });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`-*${field}: `));
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(rule);
      expect(r.stderr).not.toMatch(/ENOENT|EISDIR|ENOTDIR|Unexpected error/);
      expect((await runCli(['links', 'list', '--json'], { home })).json<unknown[]>()).toEqual([]);
    });
  }
});
