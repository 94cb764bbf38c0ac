/**
 * The one check of a file the run will write (`--results`, `--out`, `--plan-out`…), made before anything
 * is created or sent: a run that could not record what it did must not start. It refuses a directory, a
 * missing folder, a file used as a folder, and a place the user cannot write, naming the flag and the path.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** The path's stats, or undefined when it does not exist (or a part of it is a file). */
function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Throws a UsageError (exit 2) naming `flag` and the path when `path` cannot be written as a file. */
export function assertWritableOutputPath(path: string, flag: string): void {
  const refuse = (why: string, hint?: string): never => {
    throw new UsageError(`${flag}: cannot write ${path}: ${why}.`, { hint: hint ?? 'Give a file in an existing folder you can write to.', details: { flag, path } });
  };
  if (path.trim() === '') refuse('the file name is empty');
  const full = resolve(path);
  // Undefined also when a part of the path is a file (ENOTDIR): the folder walk below names it.
  const target = statOrNothing(full);
  if (target?.isDirectory()) refuse('it is a directory', `Give a file name inside it, e.g. ${resolve(full, 'results.csv')}`);
  if (target && !writable(full)) refuse('the file is not writable (permission denied)');
  const folder = dirname(full);
  const parent = statOrNothing(folder);
  if (!parent) {
    // Walk up to say which part is missing, or which part is a file.
    let dir = folder;
    while (dir !== dirname(dir) && !statOrNothing(dir)) dir = dirname(dir);
    if (statOrNothing(dir)?.isDirectory() === false) refuse(`${dir} is a file, not a folder`);
    return refuse(`the folder ${folder} does not exist`, `Create it first (mkdir -p ${folder}), or give another path.`);
  }
  if (!parent.isDirectory()) refuse(`${folder} is a file, not a folder`);
  if (!target && !writable(folder)) refuse(`the folder ${folder} is not writable (permission denied)`);
}
