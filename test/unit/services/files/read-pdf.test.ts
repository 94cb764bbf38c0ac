/**
 * A PDF the user names (invoice, dispute evidence) that cannot be read is bad input naming the field and
 * the file (exit 2), whatever the file system says: missing, a directory, no permission.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors.js';
import { readPdfFile } from '../../../../src/services/files/read-pdf.js';

function refusal(read: () => unknown): ValidationError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a refusal');
}

describe('readPdfFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-pdf-'));

  it('reads a PDF', () => {
    const file = join(dir, 'ok.pdf');
    writeFileSync(file, '%PDF-1.4\n');
    expect(readPdfFile(file, 'evidence')).toMatchObject({ filename: 'ok.pdf', content_type: 'application/pdf', size_bytes: 9 });
  });

  it('refuses a missing file, a directory and an unreadable file as bad input naming the field', () => {
    const folder = join(dir, 'folder.pdf');
    mkdirSync(folder);
    const locked = join(dir, 'locked.pdf');
    writeFileSync(locked, '%PDF-1.4\n');
    chmodSync(locked, 0o000);
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.pdf'), /missing\.pdf does not exist/],
      [folder, /folder\.pdf is a folder; give a file/],
      [dir, /is a folder; give a file/],
    ];
    // Root reads any file whatever its mode; the permission case applies to everyone else.
    if (process.getuid?.() !== 0) cases.push([locked, /locked\.pdf cannot be read \(permission denied\)/]);
    for (const [file, message] of cases) {
      const error = refusal(() => readPdfFile(file, 'evidence'));
      expect(error.message).toMatch(/^evidence: /);
      expect(error.message).toMatch(message);
    }
  });
});
