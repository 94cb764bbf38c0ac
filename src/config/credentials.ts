/**
 * The secrets file (`credentials.json`), kept apart from settings so that `config.json` can be shared,
 * pasted into a bug report or committed without leaking anything.
 *
 * - Created 0600 from the first byte: written to a temporary file opened with O_EXCL and mode 0600,
 *   fsynced, then renamed over the old one, so there is never a moment when it is readable by others or
 *   half-written. Its directory is kept 0700.
 * - A file that group or others can read is refused (not silently fixed): someone may already have read
 *   it, and the user should know. The error says how to fix it.
 * - One entry per profile + store. `MERCHANT_API_KEY` (+ `MERCHANT_API_USERNAME`) overrides for CI.
 *   There is deliberately no flag for a key: argv lands in shell history and process lists.
 *
 * The secret itself is only reachable through `ResolvedCredential.secret()`, a function, so it never ends
 * up in JSON.stringify, a spread, or a debug dump of the object by accident.
 */
import type { ApiCredential } from '../domain/model/credential.js';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from '../infra/lazy-crypto.js';
import type * as Zod from 'zod';
import type { ZodApi } from '../infra/zod-api.js';
import { zodNow } from '../infra/zod-loader.js';
import { AuthError, ConfigError } from '../errors.js';
import { withFileLock } from './file-lock.js';
import { writeFileAtomicSync } from '../infra/atomic-file.js';
import { hostEnvironment, keyEnvironment, maskSecret, type KeyEnvironment } from '../domain/credential-shape.js';
import type { SecretStorage, SecretStores } from './secret-store.js';

export const CREDENTIAL_ENV = { key: 'MERCHANT_API_KEY', username: 'MERCHANT_API_USERNAME', environment: 'MERCHANT_API_ENVIRONMENT' } as const;

// Every command builds a context that imports this file, so the schemas are built on first use, with the
// zod the command already loaded (infra/zod-loader.ts): `--version`, `--help` and runs without a secrets
// file never load zod.
function buildSchemas(z: ZodApi) {
  const entrySchema = z
    .object({
      id: z.string().min(1),
      profile: z.string().min(1),
      store: z.string().min(1),
      kind: z.enum(['api_key', 'pair']),
      username: z.string().nullable(),
      /** Inline for `file` storage; absent when the secret is in the keychain. */
      secret: z.string().min(1).optional(),
      /** Where the secret is; absent means `file`. */
      storage: z.enum(['file', 'keychain']).optional(),
      /** The secret's mask, kept for keychain entries so listing keys never opens the keychain. */
      masked: z.string().optional(),
      environment: z.enum(['test', 'live']),
      added_at: z.string(),
      last_used_at: z.string().nullable(),
    })
    .strict()
    .refine((e) => (e.storage === 'keychain' ? e.masked !== undefined : e.secret !== undefined), {
      message: 'a file entry needs its secret, a keychain entry its mask',
    });
  const fileSchema = z
    .object({
      version: z.literal(1),
      entries: z.array(entrySchema),
      /** The store whose key a profile uses when no store is named (`keys use`). */
      in_use: z.record(z.string(), z.string()),
    })
    .strict();
  return { entrySchema, fileSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

function fileSchema(): Schemas['fileSchema'] {
  schemas ??= buildSchemas(zodNow());
  return schemas.fileSchema;
}

export type CredentialEntry = Zod.infer<Schemas['entrySchema']>;
export type CredentialsFile = Zod.infer<Schemas['fileSchema']>;

export type CredentialSource = 'env' | 'profile';

/** The credential in force for this run. Safe to log, print or serialise: it holds no secret field. */
export interface ResolvedCredential extends ApiCredential {
  readonly source: CredentialSource;
  /** `MERCHANT_API_KEY` or `profile "ci"`. */
  readonly sourceLabel: string;
  readonly kind: 'api_key' | 'pair';
  readonly username: string | null;
  /** From the key prefix; a legacy pair secret takes the environment stored with it. */
  readonly environment: KeyEnvironment;
  readonly store: string | undefined;
  readonly profile: string;
  readonly masked: string;
  /** The stored entry (profile source only). */
  readonly entryId: string | undefined;
  /** Where a stored key's secret lives (profile source only). */
  readonly storage: SecretStorage | undefined;
  /** The raw secret, for the one place that needs it (the Authorization header / sandbox hash check). */
  secret(): string;
}

export function emptyCredentials(): CredentialsFile {
  return { version: 1, entries: [], in_use: {} };
}

/** 0600 or stricter; anything group/other can touch is refused. */
function assertPrivate(file: string, mode: number): void {
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `The secrets file ${file} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); refusing to use it.`,
      { hint: `Make it private, then rotate any key in it if others may have read it: chmod 600 '${file}'`, details: { file } },
    );
  }
}

export function readCredentials(file: string): CredentialsFile {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCredentials();
    throw new ConfigError(`Cannot read the secrets file ${file}: ${(error as Error).message}`, { details: { file } });
  }
  assertPrivate(file, mode);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The parser's message could quote part of a secret; say only where.
    throw new ConfigError(`The secrets file ${file} is not valid JSON.`, {
      hint: `Move it away and add your keys again: mv '${file}' '${file}.bak'`,
      details: { file },
    });
  }
  const parsed = fileSchema().safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(top level)').join(', ');
    throw new ConfigError(`The secrets file ${file} is invalid at: ${where}.`, {
      hint: `Move it away and add your keys again: mv '${file}' '${file}.bak'`,
      details: { file },
    });
  }
  return parsed.data;
}

/** Atomic, private write: the temporary file is created 0600, so the secrets are never readable by others. */
export function writeCredentials(file: string, data: CredentialsFile): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The directory may predate us (created by the settings writer with the umask's mode): tighten it.
  chmodSync(dir, 0o700);
  writeFileAtomicSync(file, `${JSON.stringify(fileSchema().parse(data), null, 2)}\n`, { mode: 0o600 });
}

/** Read, change, write under a lock, so two processes updating at once never lose an entry. */
export function updateCredentials(file: string, change: (data: CredentialsFile) => void): CredentialsFile {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  return withFileLock(`${file}.lock`, () => {
    const data = structuredClone(readCredentials(file));
    change(data);
    writeCredentials(file, data);
    return data;
  });
}

export function newEntryId(): string {
  return `cred_${randomBytes(6).toString('hex')}`;
}

/** Where an entry's secret lives. */
export const storageOf = (entry: CredentialEntry): SecretStorage => entry.storage ?? 'file';

/** The mask of an entry's secret, without opening the keychain. */
export const maskedOf = (entry: CredentialEntry): string => entry.masked ?? maskSecret(entry.secret ?? '');

/** An entry's secret from wherever it lives; a keychain entry whose secret is gone is an error, not a blank. */
export function secretOf(entry: CredentialEntry, stores: SecretStores | undefined): string {
  if (storageOf(entry) === 'file' && entry.secret !== undefined) return entry.secret;
  const keychain = stores?.keychain;
  const reason = keychain ? keychain.unavailable() : 'no keychain in this context';
  const secret = reason === undefined ? keychain?.get(entry.id) : undefined;
  if (secret === undefined) {
    throw new ConfigError(`The key for store ${entry.store} (profile "${entry.profile}") is kept in the keychain, which ${reason === undefined ? 'does not have it' : `cannot be used here: ${reason}`}.`, {
      hint: `Unlock or start the keychain, or store the key again: merchant keys remove ${entry.store} --yes, then merchant keys add --store ${entry.store}`,
    });
  }
  return secret;
}

export function credentialFromEntry(entry: CredentialEntry, stores?: SecretStores): ResolvedCredential {
  // The keychain is read on first use: `auth status` and `keys list` never need the secret.
  let secret: string | undefined;
  return Object.freeze({
    source: 'profile' as const,
    sourceLabel: `profile "${entry.profile}"`,
    kind: entry.kind,
    username: entry.username,
    environment: entry.environment,
    store: entry.store,
    profile: entry.profile,
    masked: maskedOf(entry),
    entryId: entry.id,
    storage: storageOf(entry),
    secret: () => (secret ??= secretOf(entry, stores)),
  });
}

/** The stored entry a profile would use for a store (or, with no store named, the one `keys use` picked). */
export function findEntry(data: CredentialsFile, profile: string, store: string | undefined): CredentialEntry | undefined {
  const mine = data.entries.filter((e) => e.profile === profile);
  if (store !== undefined) return mine.find((e) => e.store === store);
  const pinned = data.in_use[profile];
  if (pinned !== undefined) return mine.find((e) => e.store === pinned);
  return mine.length === 1 ? mine[0] : undefined;
}

export interface CredentialResolution {
  credential: ResolvedCredential | undefined;
  /** A stored key that an environment variable shadows (for `auth status` warnings). */
  shadowed: { masked: string; store: string } | undefined;
}

/**
 * Precedence: environment > the profile's stored key. (No flag: keys never go on the command line.)
 * With a store named, only that store's key is used — never another store's key by accident.
 */
export function resolveCredential(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  profile: string,
  store: string | undefined,
  stores?: SecretStores,
): CredentialResolution {
  const envKey = env[CREDENTIAL_ENV.key];
  const stored = (): CredentialEntry | undefined => findEntry(readCredentials(file), profile, store);
  if (envKey !== undefined && envKey !== '') {
    const secret = envKey.trim();
    const username = env[CREDENTIAL_ENV.username]?.trim() || null;
    // A legacy pair secret has no prefix; its environment must then be said outright.
    const declared = env[CREDENTIAL_ENV.environment];
    const environment = keyEnvironment(secret) ?? (username && (declared === 'test' || declared === 'live') ? declared : undefined);
    if (!environment) {
      throw new ConfigError(`${CREDENTIAL_ENV.key} is not a Kustom API key (expected kco_test_api_… or kco_live_api_…).`, {
        hint: username
          ? `For a legacy username + secret pair, also set ${CREDENTIAL_ENV.environment}=test or live.`
          : `Unset it to use the stored key, or set it to a key from the Portal (Integrations → API).`,
      });
    }
    let shadow: CredentialEntry | undefined;
    try {
      shadow = stored();
    } catch {
      shadow = undefined;
    }
    const credential: ResolvedCredential = Object.freeze({
      source: 'env' as const,
      sourceLabel: username ? `${CREDENTIAL_ENV.key} + ${CREDENTIAL_ENV.username}` : CREDENTIAL_ENV.key,
      kind: username ? ('pair' as const) : ('api_key' as const),
      username,
      environment,
      store,
      profile,
      masked: maskSecret(secret),
      entryId: undefined,
      storage: undefined,
      secret: () => secret,
    });
    return { credential, shadowed: shadow ? { masked: maskedOf(shadow), store: shadow.store } : undefined };
  }
  const entry = stored();
  return { credential: entry ? credentialFromEntry(entry, stores) : undefined, shadowed: undefined };
}

/** Records that a stored key was used (shown by `keys list`). */
export function touchLastUsed(file: string, entryId: string, at: Date): void {
  // A minute's precision is plenty, and spares every command an fsync of the secrets file.
  const current = readCredentials(file).entries.find((e) => e.id === entryId);
  if (!current || (current.last_used_at && at.getTime() - Date.parse(current.last_used_at) < 60_000)) return;
  updateCredentials(file, (data) => {
    const entry = data.entries.find((e) => e.id === entryId);
    if (entry) entry.last_used_at = at.toISOString();
  });
}

/** A test key is never sent to the live host, nor a live key to the playground: Kustom refuses a key on the other environment's host. */
export function assertCredentialMatchesHost(credential: ResolvedCredential | undefined, baseUrl: string | undefined, backend?: string): void {
  if (!credential) return;
  if (backend === 'sandbox' && credential.environment === 'live') {
    throw new AuthError(`The key in use (${credential.masked}, from ${credential.sourceLabel}) is a live key; the sandbox is a test environment and never takes live keys.`, {
      hint: 'Use --backend kustom for live work, or a test key (unset MERCHANT_API_KEY / choose another profile) for the sandbox.',
    });
  }
  if (!baseUrl) return;
  const host = hostEnvironment(baseUrl);
  if (host && host !== credential.environment) {
    throw new AuthError(`The key in use (${credential.masked}, from ${credential.sourceLabel}) is a ${credential.environment} key, but base_url ${baseUrl} is the ${host} host; refusing to send it.`, {
      hint: `Use a ${host} key there, or point base_url at the ${credential.environment} host.`,
    });
  }
}

/**
 * The Authorization header value for a credential (HTTP Basic, as Kustom authenticates): a bare key goes after `Basic `
 * as-is (not base64); a username + secret pair is `Basic base64(username:secret)`. For the HTTP client
 * only — never log or print the result.
 */
export function authorizationHeader(credential: ResolvedCredential): string {
  if (credential.kind === 'pair' && credential.username) {
    return `Basic ${Buffer.from(`${credential.username}:${credential.secret()}`, 'utf8').toString('base64')}`;
  }
  return `Basic ${credential.secret()}`;
}
