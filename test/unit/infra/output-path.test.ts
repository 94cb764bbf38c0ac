import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertWritableOutputPath } from '../../../src/infra/output-path.js';

describe('assertWritableOutputPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'out-path-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'x');

  it('accepts a new file in an existing folder and an existing writable file, creating nothing', () => {
    expect(() => assertWritableOutputPath(join(dir, 'new.csv'), '--out')).not.toThrow();
    expect(() => assertWritableOutputPath(file, '--out')).not.toThrow();
    expect(existsSync(join(dir, 'new.csv'))).toBe(false);
  });

  it.each([
    ['a directory', () => dir, /it is a directory/],
    ['a missing folder', () => join(dir, 'nope', 'deeper', 'x.csv'), /the folder .*nope\/deeper does not exist/],
    ['a file used as a folder', () => join(file, 'x.csv'), /a\.txt is a file, not a folder/],
    ['a file used as a deeper folder', () => join(file, 'sub', 'x.csv'), /a\.txt is a file, not a folder/],
    ['an empty name', () => '', /the file name is empty/],
  ])('refuses %s with the flag and the path (exit 2)', (_, path, message) => {
    const p = path();
    try {
      assertWritableOutputPath(p, '--results');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(`--results: cannot write ${p}`);
      expect((error as Error).message).toMatch(message);
      expect((error as { kind?: string }).kind).toBe('usage');
    }
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write to', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(() => assertWritableOutputPath(join(locked, 'x.csv'), '--out')).toThrow(/is not writable/);
  });
});
