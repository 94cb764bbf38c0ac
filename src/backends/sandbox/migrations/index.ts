/** Every sandbox schema step, in order. Append new ones; never edit a released one. */
import { foundation } from './001-foundation.js';
import type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [foundation];
