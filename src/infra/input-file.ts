/**
 * Reading a file the user names (`--from`, `--lines-file`, `--ledger`, `--apply`, `--invoice-pdf`,
 * `--evidence`): a file that cannot be read is a usage problem on that flag, said in plain words (missing,
 * a folder, no permission), never Node's error text or "Unexpected error".
 */
import { readFileSync, statSync } from 'node:fs';
import { ValidationError } from '../errors.js';

/** Why `file` cannot be read, as the rule of a message (`<field>: <file> does not exist`). */
export function unreadableRule(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file} does not exist`;
    case 'EISDIR':
      return `${file} is a folder; give a file`;
    case 'ENOTDIR':
      return `${file}: a part of this path is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be read (permission denied)`;
    default:
      return `cannot read ${file}${code ? ` (${code})` : ''}`;
  }
}

/** The file's size in bytes; a missing file or a folder is refused on `field`. */
export function inputFileSize(file: string, field: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return stat.size;
  } catch (error) {
    throw ValidationError.single(field, unreadableRule(file, error));
  }
}

/** The file's bytes; a file that cannot be read is refused on `field`. */
export function readInputFile(file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw ValidationError.single(field, unreadableRule(file, error));
  }
}
