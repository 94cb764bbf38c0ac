/**
 * The part of zod the schemas built at run time use (commands' options, the config files), as one object.
 * Only `loadZod` (./zod-loader.ts) imports this module, dynamically, so `--help` and `--version` never load
 * zod. Named imports (not zod's `z` namespace, which holds everything) let the build leave out what no
 * schema uses, its ~40 locales first (zod registers English itself on the first schema built).
 */
import { array, boolean, enum as enumOf, literal, NEVER, object, preprocess, record, string, url } from 'zod';

export const z = { array, boolean, enum: enumOf, literal, NEVER, object, preprocess, record, string, url };

export type ZodApi = typeof z;
