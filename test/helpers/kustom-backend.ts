/** Builds a kustom backend against a fake Kustom server (or a MockAgent), in a fresh MERCHANT_HOME. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../src/backends/backend.js';
import type { Clock } from '../../src/domain/clock.js';
import { createKustomBackend, type KustomBackendOptions } from '../../src/backends/kustom/kustom-backend.js';
import { openKustomLedger } from '../../src/backends/kustom/ledger/database.js';
import { resolvePaths, type Paths } from '../../src/config/paths.js';
import { resolveCredential } from '../../src/config/credentials.js';
import type { LogSink } from '../../src/logs/log-sink.js';
import type { ResolvedSettings } from '../../src/config/resolve.js';
import type { Logger } from '../../src/output/logger.js';
import { DEFAULT_FAKE_API_KEY } from './fake-kustom/index.js';

export function settingsFor(baseUrl: string | undefined): ResolvedSettings {
  return {
    profile: { value: 'default', origin: 'default', source: 'default' },
    backend: { value: 'kustom', origin: 'flag', source: '--backend' },
    store: { value: undefined, origin: 'default', source: 'default' },
    base_url: { value: baseUrl, origin: baseUrl ? 'flag' : 'default', source: baseUrl ? '--base-url' : 'default' },
    database_url: { value: undefined, origin: 'default', source: 'default' },
    shadowed: [],
  };
}

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    debugEnabled: false,
    info: (m) => lines.push(`info: ${m}`),
    success: (m) => lines.push(`success: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: () => {},
  };
}

export interface KustomTestBackend {
  backend: Backend;
  paths: Paths;
  logger: RecordingLogger;
  ledgerFile: string;
}

export async function kustomBackendFor(
  baseUrl: string | undefined,
  options: KustomBackendOptions & { apiKey?: string; clock?: Clock; env?: Record<string, string>; logSink?: LogSink } = {},
): Promise<KustomTestBackend> {
  const home = mkdtempSync(join(tmpdir(), 'merchant-kustom-'));
  const paths = resolvePaths({ MERCHANT_HOME: home });
  const logger = recordingLogger();
  const { apiKey, clock, env, logSink, ...backendOptions } = options;
  // As the CLI context does: the environment's key (or none), resolved to main's credential record.
  const { credential } = resolveCredential(paths.credentialsFile, env ?? { MERCHANT_API_KEY: apiKey ?? DEFAULT_FAKE_API_KEY }, 'default', undefined);
  const backend = await createKustomBackend(
    {
      paths,
      settings: settingsFor(baseUrl),
      credential,
      logSink,
      clock: clock ?? { now: () => new Date() },
      logger,
      version: 'test',
    },
    { sleep: async () => {}, ...backendOptions },
  );
  return { backend, paths, logger, ledgerFile: paths.kustomLedger };
}

/** The two demo stores the contract expects (se-demo ready for links, de-demo without a terms URL). */
export async function addDemoStores(backend: Backend): Promise<void> {
  await backend.stores.create({ id: 'se-demo', name: 'Nordic Demo Shop', purchase_country: 'SE', currencies: ['SEK'], terms_url: 'https://shop.example/terms', payout_schedule: 'daily' });
  await backend.stores.create({ id: 'de-demo', name: 'Berlin Demo Store', purchase_country: 'DE', currencies: ['EUR'], terms_url: null, payout_schedule: 'weekly' });
}

export { openKustomLedger };
