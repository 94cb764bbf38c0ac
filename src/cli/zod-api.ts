/**
 * zod, for the commands' option schemas. Only `defineCommand`'s action imports this module (dynamically),
 * so `--help` and `--version` never load zod; the build bundles it as ES modules, which leaves out the
 * parts no schema uses (its locales).
 */
export { z } from 'zod';
