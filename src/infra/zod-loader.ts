/**
 * Loading zod. A command loads it before it runs (`loadZod`, in defineCommand's action); the config files'
 * schemas are built synchronously, on first read, and take the zod already loaded (`zodNow`). Only a read
 * before any action (shell completion) falls back to requiring zod's CommonJS build, which is all of zod.
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import type { ZodApi } from './zod-api.js';

let loaded: ZodApi | undefined;

export async function loadZod(): Promise<ZodApi> {
  loaded ??= (await import('./zod-api.js')).z;
  return loaded;
}

export function zodNow(): ZodApi {
  return loaded ?? (createRequire(import.meta.url)('zod') as typeof Zod).z;
}
