/**
 * node:crypto, loaded on first use. Importing it costs 5-10 ms of start-up (it loads Web Crypto and its
 * key types with it), and a read (a look-up, a list, the home summary) never draws a random ID or hashes
 * a key; writes and key checks load it when they do.
 */
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;
const load = (): typeof Crypto => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);

export const randomBytes = (size: number): Buffer => load().randomBytes(size);
export const randomUUID = (): string => load().randomUUID();
export const createHash = (algorithm: string): Crypto.Hash => load().createHash(algorithm);
