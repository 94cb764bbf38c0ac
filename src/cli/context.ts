/**
 * The one context object handed to every command: streams and TTY facts, colours, clock, settings,
 * backend, prompter and logger. The entry point builds it once per run; tests build it with fakes
 * through `run(argv, overrides)`, so no module needs mocking.
 */
import { MerchantError } from '../errors.js';
import { resolvePaths, type Paths } from '../config/paths.js';
import { resolveSettings, type ResolvedSettings, type SettingFlags } from '../config/resolve.js';
import { createSettingsStore, type SettingsStore } from '../config/settings-store.js';
import { createBackend, preloadBackend, type BackendDeps } from '../backends/registry.js';
import type { Backend } from '../backends/backend.js';
import type { Clock } from '../domain/clock.js';
import type { OutputMode } from '../output/cells.js';
import { colorLevel, makeColors, type Colors } from '../output/color.js';
import type { IO } from '../output/io.js';
import { createLogger, type Logger } from '../output/logger.js';
import type { RenderTarget } from '../output/render.js';
import { createPrompter, type Prompter } from '../prompts/prompter.js';
import { assertCredentialMatchesHost, resolveCredential, touchLastUsed, type CredentialResolution, type ResolvedCredential } from '../config/credentials.js';
import { addKnownSecret } from '../logs/redact.js';
import { inertCancellation, type Cancellation } from './cancellation.js';
import { fileSecretStore, type SecretStore, type SecretStores } from '../config/secret-store.js';
import { keychainSecretStore } from '../config/keychain.js';
import { writeGate, type WriteGate } from '../services/auth/write-gate.js';

export interface GlobalFlags extends SettingFlags {
  color?: boolean;
  debug?: boolean;
  /** Tables are not fitted to the terminal's width. */
  wide?: boolean;
}

export interface ContextOverrides {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Replaces the registry (tests inject a backend built around a temp database or a fake server). */
  backendFactory: (deps: BackendDeps) => Promise<Backend>;
  prompter: Prompter;
  /** SIGINT/SIGTERM handling; the binary passes the process's, in-process runs get one no signal reaches. */
  cancellation: Cancellation;
  /** Replaces the platform keychain (tests use the in-memory store). */
  keychain: SecretStore;
  /**
   * The process ends once this run is over (the binary): what its end releases anyway is left to it (the
   * developer log's connection, see LogStore.leaveForExit). In-process runs (tests) close everything.
   */
  endsProcess: boolean;
}

export interface Context {
  readonly io: IO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly paths: Paths;
  readonly version: string;
  readonly settingsStore: SettingsStore;
  /** Where stored keys' secrets live: the secrets file, and the keychain where there is one. */
  readonly secretStores: SecretStores;
  colors: Colors;
  logger: Logger;
  prompter: Prompter;
  /** Stop requests (SIGINT/SIGTERM): commands that stop cleanly run inside `cancellation.stoppable()`. */
  readonly cancellation: Cancellation;
  /** Called once the global flags are parsed (before any action runs). */
  applyGlobalFlags(flags: GlobalFlags): void;
  /** The settings in force, with the source of each. Resolved on first use. */
  settings(): ResolvedSettings;
  /** The store a command acts on: its own `--store` flag, else the settings' store (env or profile). */
  storeId(flag?: string): string | undefined;
  /** The API credential in force (env > stored profile key) and any stored key an env var shadows. */
  credentials(): CredentialResolution;
  /** Shorthand for `credentials().credential`. */
  credential(): ResolvedCredential | undefined;
  /** The backend for this run, created on first use and closed by the entry point. */
  backend(): Promise<Backend>;
  /**
   * Starts loading the code `backend()` runs, opening nothing (no file, no connection), for a command
   * that has disk reads to overlap it with before it needs the backend.
   */
  preloadBackend(): void;
  /** The live-write check services run once before they ask or start a run (the backend runs it on every write). */
  readonly writeGate: WriteGate;
  /**
   * Runs `fn` on a backend built like `backend()` but for another credential (a key being verified
   * before it is stored), and closes it afterwards. Calls through it do not count as uses of the key in force.
   */
  withBackendFor<T>(credential: ResolvedCredential, fn: (backend: Backend) => Promise<T>): Promise<T>;
  /** Where and how a command writes its result. */
  output(flags: { json?: boolean; csv?: boolean }): RenderTarget;
  close(): Promise<void>;
}

export function createContext(version: string, overrides: Partial<ContextOverrides> & { io: IO }): Context {
  const io = overrides.io;
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? { now: () => new Date() };
  const paths = resolvePaths(env);
  const settingsStore = createSettingsStore(paths.configDir, paths.configFile);
  const keychain = overrides.keychain ?? keychainSecretStore(env);
  const secretStores: SecretStores = {
    file: fileSecretStore(paths.credentialsFile),
    // A legacy pair secret does not look like a key: whatever comes out of the keychain is redacted by value.
    keychain: {
      ...keychain,
      get(account) {
        const secret = keychain.get(account);
        if (secret !== undefined) addKnownSecret(secret);
        return secret;
      },
    },
  };
  let flags: GlobalFlags = {};
  let resolved: ResolvedSettings | undefined;
  let backendPromise: Promise<Backend> | undefined;
  /**
   * The run's backend clock once it is open: the sandbox's is this context's clock plus `sandbox clock
   * advance`, and it is the "now" its times were written against, so relative times ("in 2 d", "3 h ago")
   * are told against it too.
   */
  let backendClock: Clock | undefined;
  let creds: CredentialResolution | undefined;
  let credentialUsed = false;
  let closeSink: (() => Promise<void>) | undefined;
  let gate: WriteGate | undefined;

  const buildColors = (noColor: boolean): Colors =>
    makeColors(colorLevel(env, io.stdoutIsTTY, noColor), colorLevel(env, io.stderrIsTTY, noColor));
  const debugFromEnv = env['MERCHANT_DEBUG'] === '1';

  /** A logged backend for `credential`, with the sink it writes to (both closed by the caller). */
  const openBackend = async (credential: ResolvedCredential | undefined, onCall?: () => void) => {
    const settings = ctx.settings();
    // Loaded here, not at start-up: the log store pulls in SQLite, which --help never needs.
    const { createLogSink, logsDbPath } = await import('../logs/log-sink.js');
    const { withLogging } = await import('../backends/logging-backend.js');
    const { withWriteChecks } = await import('../services/auth/write-checks.js');
    const sink = createLogSink({
      file: logsDbPath(paths),
      // The kustom backend's calls go to the shared log when there is one; the sandbox stays on this machine.
      databaseUrl: settings.backend.value === 'kustom' ? settings.database_url.value : undefined,
      clock,
      backend: settings.backend.value,
      debug: ctx.logger.debugEnabled ? (line) => ctx.logger.debug(line) : undefined,
      onBroken: (error) => {
        const hint = error instanceof MerchantError && error.hint ? ` ${error.hint}` : '';
        ctx.logger.warn(`${error instanceof Error ? error.message : String(error)} This run's calls are not in the developer log.${hint}`);
      },
    });
    try {
      // The sink goes into the deps too, so a backend speaking HTTP logs each exchange (kustom).
      const deps: BackendDeps = { paths, settings, env, clock, logger: ctx.logger, version, credential, logSink: sink };
      const raw = overrides.backendFactory ? await overrides.backendFactory(deps) : await createBackend(settings.backend.value, deps);
      // Outermost: a write refused by the checks is never sent, so it is not logged as a call either.
      return { raw, sink, backend: withWriteChecks(withLogging(raw, sink, onCall ? { onCall } : undefined), ctx) };
    } catch (error) {
      await sink.close();
      throw error;
    }
  };

  const ctx: Context = {
    io,
    env,
    clock,
    paths,
    version,
    settingsStore,
    secretStores,
    colors: buildColors(false),
    logger: createLogger(io.stderr, buildColors(false).err, debugFromEnv),
    prompter: overrides.prompter ?? createPrompter(io),
    cancellation: overrides.cancellation ?? inertCancellation(),
    applyGlobalFlags(next) {
      flags = next;
      resolved = undefined;
      creds = undefined;
      ctx.colors = buildColors(next.color === false);
      ctx.logger = createLogger(io.stderr, ctx.colors.err, Boolean(next.debug) || debugFromEnv);
    },
    settings() {
      resolved ??= resolveSettings(settingsStore.read(), flags, env);
      return resolved;
    },
    storeId(flag) {
      return flag ?? ctx.settings().store.value;
    },
    credentials() {
      if (!creds) {
        const settings = ctx.settings();
        creds = resolveCredential(paths.credentialsFile, env, settings.profile.value, settings.store.value, secretStores);
        // Legacy pair secrets do not look like keys; tell the redactor about them (a keychain secret is
        // told when it is read, so `auth status` never opens the keychain).
        if (creds.credential && creds.credential.storage !== 'keychain') addKnownSecret(creds.credential.secret());
      }
      return creds;
    },
    credential() {
      return ctx.credentials().credential;
    },
    backend() {
      backendPromise ??= (async () => {
        const settings = ctx.settings();
        const credential = ctx.credential();
        assertCredentialMatchesHost(credential, settings.base_url.value, settings.backend.value);
        const { raw, sink, backend } = await openBackend(credential, () => (credentialUsed = true));
        closeSink = () => sink.close({ processEnding: overrides.endsProcess === true });
        backendClock = raw.clock;
        ctx.logger.debug(`backend ${raw.name} (from ${settings.backend.source})`);
        return backend;
      })();
      return backendPromise;
    },
    preloadBackend() {
      if (backendPromise) return;
      const ignore = (): undefined => undefined;
      void import('../logs/log-sink.js').catch(ignore);
      void import('../backends/logging-backend.js').catch(ignore);
      void import('../services/auth/write-checks.js').catch(ignore);
      if (overrides.backendFactory) return;
      try {
        preloadBackend(ctx.settings().backend.value);
      } catch {
        // Settings that cannot be read are reported by backend(), where they are needed.
      }
    },
    // The same run memory as the backend's checks (keyed by this context): a store announced here is quiet there.
    get writeGate() {
      gate ??= writeGate(ctx);
      return gate;
    },
    async withBackendFor(credential, fn) {
      const { raw, sink, backend } = await openBackend(credential);
      try {
        return await fn(backend);
      } finally {
        await sink.close();
        await raw.close();
      }
    },
    output(outFlags) {
      let mode: OutputMode = io.stdoutIsTTY ? 'table' : 'plain';
      if (outFlags.csv) mode = 'csv';
      if (outFlags.json) mode = 'json';
      return { stdout: io.stdout, mode, color: ctx.colors.out, now: (backendClock ?? clock).now(), columns: io.columns, wide: flags.wide === true };
    },
    async close() {
      if (backendPromise) {
        const backend = await backendPromise.catch(() => undefined);
        await backend?.close();
      }
      await closeSink?.();
      const used = creds?.credential;
      if (credentialUsed && used?.source === 'profile' && used.entryId) {
        try {
          touchLastUsed(paths.credentialsFile, used.entryId, clock.now());
        } catch {
          // Bookkeeping only; never fail a finished command over it.
        }
      }
    },
  };
  return ctx;
}
