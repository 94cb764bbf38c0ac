/**
 * The linter refuses a wrong-way import. Each case lints a one-line module as if it were a file of that
 * layer (a real file's path, so typed lint knows it) and expects the boundary rule to fire, or not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = [x];\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

// The first lint builds the typed program of the whole project: some 17 s while the suite runs on two
// cores, too close to the 30 s default for the case that happens to come first.
describe('layer boundaries in eslint.config.js', { timeout: 120_000 }, () => {
  it.each([
    ['domain → backends', 'src/domain/calendar-date.ts', "import { createBackend as x } from '../backends/registry.js';"],
    ['domain → config', 'src/domain/calendar-date.ts', "import { resolvePaths as x } from '../config/paths.js';"],
    ['domain model → output', 'src/domain/model/store.ts', "import { createLogger as x } from '../../output/logger.js';"],
    ['domain → node I/O', 'src/domain/calendar-date.ts', "import { readFileSync as x } from 'node:fs';"],
    ['config → services', 'src/config/paths.ts', "import { listStores as x } from '../services/stores/list-stores.js';"],
    ['logs → backends', 'src/logs/redact.ts', "import { createBackend as x } from '../backends/registry.js';"],
    ['backends → cli', 'src/backends/registry.ts', "import { createContext as x } from '../cli/context.js';"],
    ['backends → output', 'src/backends/kustom/context.ts', "import { createLogger as x } from '../../output/logger.js';"],
    ['backends → services', 'src/backends/sandbox/access.ts', "import { listStores as x } from '../../services/stores/list-stores.js';"],
    ['backends → config code', 'src/backends/registry.ts', "import { resolvePaths as x } from '../config/paths.js';"],
    ['services → output', 'src/services/stores/list-stores.ts', "import { renderList as x } from '../../output/render.js';"],
    ['services → cli', 'src/services/stores/list-stores.ts', "import { buildProgram as x } from '../../cli/program.js';"],
    ['services → sandbox internals', 'src/services/sandbox/seed-orders.ts', "import { openSandboxDatabase as x } from '../../backends/sandbox/database.js';"],
    ['services → the registry', 'src/services/keys/verify-key.ts', "import { createBackend as x } from '../../backends/registry.js';"],
    ['output → service code', 'src/output/views/stores.ts', "import { listStores as x } from '../../services/stores/list-stores.js';"],
    ['prompts → services', 'src/prompts/prompter.ts', "import { listStores as x } from '../services/stores/list-stores.js';"],
  ])('refuses %s', async (_name, file, source) => {
    expect(await boundaryErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ['backends → config types', 'src/backends/registry.ts', "import type { Paths } from '../config/paths.js';\nconst x: Paths | undefined = undefined;"],
    ['output → service result types', 'src/output/views/stores.ts', "import type { StoreListing } from '../../services/stores/list-stores.js';\nconst x: StoreListing | undefined = undefined;"],
    ['services → the Backend interface', 'src/services/stores/list-stores.ts', "import { requireCapability as x } from '../../backends/backend.js';"],
    ['domain → errors', 'src/domain/calendar-date.ts', "import { UsageError as x } from '../errors.js';"],
  ])('allows %s', async (_name, file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
