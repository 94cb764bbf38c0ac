/** Where a view writes: the result to stdout, what happened to stderr through the logger. */
import type { Writable } from 'node:stream';
import type { Logger } from '../logger.js';

export interface Reporter {
  io: { stdout: Writable };
  logger: Logger;
}
