/**
 * Colour support, decided once per run from the flags, the environment and the streams:
 * `--no-color` and `NO_COLOR` turn it off, `FORCE_COLOR` forces a level, otherwise colour only on a TTY.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
  noColorFlag: boolean,
): ColorLevel {
  if (noColorFlag) return 0;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (!isTTY || env['TERM'] === 'dumb') return 0;
  if (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit') return 3;
  if (env['TERM']?.includes('256')) return 2;
  return 1;
}

export interface Colors {
  /** For results on stdout. */
  out: ChalkInstance;
  /** For messages, warnings and errors on stderr. */
  err: ChalkInstance;
}

export function makeColors(outLevel: ColorLevel, errLevel: ColorLevel): Colors {
  return { out: new Chalk({ level: outLevel }), err: new Chalk({ level: errLevel }) };
}
