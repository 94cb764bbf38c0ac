/**
 * The part of zod the commands' option schemas use, as one object. Only `defineCommand`'s action imports
 * this module (dynamically), so `--help` and `--version` never load zod. Named imports (not zod's `z`
 * namespace, which holds everything) let the build leave out what no schema uses, its ~40 locales first
 * (zod registers English itself on the first schema built).
 */
import { array, boolean, enum as enumOf, NEVER, object, preprocess, string } from 'zod';

export const z = { array, boolean, enum: enumOf, NEVER, object, preprocess, string };

export type ZodApi = typeof z;
