/** Local database files that cannot be used are reported with their path and never replaced. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('an unusable sandbox database', () => {
  it('is reported (exit 2) with how to move it away, and left as it was', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'data'), { recursive: true });
    const file = join(home, 'data', 'sandbox.db');
    writeFileSync(file, 'this is not a database, just text that is long enough to have a header'.repeat(20));
    const r = await runCli(['stores', 'list'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`The sandbox database ${file} is not a usable SQLite file.`);
    expect(r.stderr).toContain(`mv '${file}'`);
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
  });
});
