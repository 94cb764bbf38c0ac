/**
 * What `--json` means for the streams, for every command at once: stdout carries the JSON document (only
 * the fields asked for, with `--json a,b`), and stderr carries nothing but the JSON error document the
 * entry point writes, so `2> err.json` parses. Human notes, warnings and progress lines are dropped;
 * `--debug` lines still reach stderr (asked for explicitly). Prompts keep their own stream (a terminal only).
 */
import { Writable } from 'node:stream';
import { parseFieldList, selectingStdout } from '../output/json-fields.js';
import type { Logger } from '../output/logger.js';
import type { Context } from './context.js';

/** Turns `--json <fields>` into `json: true` on the raw input and returns the fields (undefined: all). */
export function takeJsonFields(raw: Record<string, unknown>): string[] | undefined {
  if (typeof raw['json'] !== 'string') return undefined;
  const fields = parseFieldList(raw['json']);
  raw['json'] = true;
  return fields;
}

/** Puts the streams in JSON mode for one command; the returned function puts them back. */
export function enterJsonMode(ctx: Context, fields: readonly string[] | undefined): () => void {
  const { stdout, stderr } = ctx.io;
  const logger = ctx.logger;
  const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const quiet: Logger = {
    debugEnabled: logger.debugEnabled,
    info: () => undefined,
    success: () => undefined,
    warn: () => undefined,
    debug: (message) => logger.debug(message),
  };
  if (fields) ctx.io.stdout = selectingStdout(stdout, fields);
  ctx.io.stderr = discard;
  ctx.logger = quiet;
  return () => {
    ctx.io.stdout = stdout;
    ctx.io.stderr = stderr;
    ctx.logger = logger;
  };
}
