/**
 * The shape of `config.json`. It is hand-editable, so it is validated on every read and a bad file is
 * reported with its path and the offending keys; it is never silently replaced.
 *
 * `--version`, `--help` and a first run with no config file never need zod, so the schemas are built on
 * first use, with the zod the command already loaded (infra/zod-loader.ts).
 */
import type { ZodApi } from '../infra/zod-api.js';
import { zodNow } from '../infra/zod-loader.js';

export const BACKEND_NAMES = ['sandbox', 'kustom'] as const;

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function buildSchemas(z: ZodApi) {
  const profileSchema = z
    .object({
      backend: z.enum(BACKEND_NAMES).optional(),
      store: z.string().min(1).max(64).optional(),
      base_url: z.url({ protocol: /^https?$/ }).optional(),
      database_url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
    })
    .strict();
  const settingsFileSchema = z
    .object({
      version: z.literal(1),
      current_profile: z.string().regex(PROFILE_NAME_PATTERN).default('default'),
      profiles: z.record(z.string().regex(PROFILE_NAME_PATTERN), profileSchema).default({}),
    })
    .strict();
  return { profileSchema, settingsFileSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

export function settingsSchemas(): Schemas {
  if (!schemas) {
    schemas = buildSchemas(zodNow());
  }
  return schemas;
}

export interface ProfileSettings {
  backend?: (typeof BACKEND_NAMES)[number] | undefined;
  store?: string | undefined;
  base_url?: string | undefined;
  database_url?: string | undefined;
}

export interface SettingsFile {
  version: 1;
  current_profile: string;
  profiles: Record<string, ProfileSettings>;
}

/** The keys a user may `config set`, with what each means (shown by `config list`). */
export const SETTING_KEYS = {
  backend: 'which backend runs commands: sandbox (default) or kustom',
  store: 'the default store ID for commands that take --store',
  base_url: 'the provider API base URL (kustom backend; tests and proxies)',
  database_url: 'a shared PostgreSQL database for the kustom ledger, journals and developer log (no password here)',
} as const;
export type SettingKey = keyof typeof SETTING_KEYS;

export function emptySettings(): SettingsFile {
  return { version: 1, current_profile: 'default', profiles: {} };
}
