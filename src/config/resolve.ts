/**
 * Works out the settings in force for one run, and where each came from. Precedence is always
 * flag > environment variable > profile > built-in default, and `config list --show-origin` shows the
 * winner so nobody has to guess.
 */
import { settingRuleBroken } from '../domain/setting-rules.js';
import { UsageError } from '../errors.js';
import { parseDatabaseUrl } from './database-url.js';
import type { BACKEND_NAMES} from './settings-schema.js';
import { type SettingsFile } from './settings-schema.js';

export type BackendName = (typeof BACKEND_NAMES)[number];
export type Origin = 'flag' | 'env' | 'profile' | 'default';

export interface Resolved<T> {
  value: T;
  origin: Origin;
  /** Human description of the source: `--backend`, `MERCHANT_BACKEND`, `profile "ci"`, `default`. */
  source: string;
}

export interface ResolvedSettings {
  profile: Resolved<string>;
  backend: Resolved<BackendName>;
  store: Resolved<string | undefined>;
  base_url: Resolved<string | undefined>;
  /** The shared PostgreSQL database; unset: the local SQLite files. Printed only masked. */
  database_url: Resolved<string | undefined>;
  /** Environment variables that shadow a value the profile sets (shown as warnings by status commands). */
  shadowed: { key: string; variable: string }[];
}

export interface SettingFlags {
  profile?: string | undefined;
  backend?: string | undefined;
  store?: string | undefined;
  baseUrl?: string | undefined;
}

export const ENV_VARS = {
  profile: 'MERCHANT_PROFILE',
  backend: 'MERCHANT_BACKEND',
  store: 'MERCHANT_STORE',
  base_url: 'MERCHANT_BASE_URL',
  database_url: 'MERCHANT_DATABASE_URL',
} as const;

export function resolveSettings(
  file: SettingsFile,
  flags: SettingFlags,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedSettings {
  const profile = pick<string>(flags.profile, '--profile', env[ENV_VARS.profile], ENV_VARS.profile, undefined, '', 'default');
  if (profile.origin === 'default' && file.current_profile) {
    profile.value = file.current_profile;
    profile.origin = 'profile';
    profile.source = 'current profile (config.json)';
  }
  const profileSettings = file.profiles[profile.value];
  if (!profileSettings && profile.value !== 'default' && profile.origin !== 'profile') {
    const known = Object.keys(file.profiles);
    throw new UsageError(`Unknown profile "${profile.value}" (from ${profile.source}).`, {
      hint: known.length > 0 ? `Known profiles: ${known.join(', ')}.` : 'Create one with: merchant profiles add <name>',
    });
  }
  const where = `profile "${profile.value}"`;
  const rawBackend = pick<string>(flags.backend, '--backend', env[ENV_VARS.backend], ENV_VARS.backend, profileSettings?.backend, where, 'sandbox');
  const brokenBackend = settingRuleBroken('backend', rawBackend.value);
  if (brokenBackend) throw new UsageError(`backend: ${brokenBackend} (from ${rawBackend.source}).`);
  const backend = rawBackend as Resolved<BackendName>;
  const store = pick<string | undefined>(flags.store, '--store', env[ENV_VARS.store], ENV_VARS.store, profileSettings?.store, where, undefined);
  const base_url = pick<string | undefined>(flags.baseUrl, '--base-url', env[ENV_VARS.base_url], ENV_VARS.base_url, profileSettings?.base_url, where, undefined);
  for (const [key, setting] of [['store', store], ['base_url', base_url]] as const) {
    const broken = setting.value === undefined ? undefined : settingRuleBroken(key, setting.value);
    if (broken) throw new UsageError(`${key}: ${broken} (from ${setting.source}).`);
  }

  const database_url = pick<string | undefined>(undefined, '', env[ENV_VARS.database_url], ENV_VARS.database_url, profileSettings?.database_url, where, undefined);
  if (database_url.value !== undefined) parseDatabaseUrl(database_url.value, `database_url (from ${database_url.source})`);

  const shadowed: { key: string; variable: string }[] = [];
  for (const key of ['backend', 'store', 'base_url', 'database_url'] as const) {
    const flag = key === 'database_url' ? undefined : flags[key === 'base_url' ? 'baseUrl' : key];
    if (profileSettings?.[key] !== undefined && env[ENV_VARS[key]] && flag === undefined) {
      shadowed.push({ key, variable: ENV_VARS[key] });
    }
  }
  return { profile, backend, store, base_url, database_url, shadowed };
}

function pick<T extends string | undefined>(
  flag: string | undefined,
  flagName: string,
  envValue: string | undefined,
  envName: string,
  profileValue: string | undefined,
  profileWhere: string,
  fallback: T,
): Resolved<T | string> {
  if (flag !== undefined && flag !== '') return { value: flag, origin: 'flag', source: flagName };
  if (envValue !== undefined && envValue !== '') return { value: envValue, origin: 'env', source: envName };
  if (profileValue !== undefined) return { value: profileValue, origin: 'profile', source: profileWhere };
  return { value: fallback, origin: 'default', source: 'default' };
}
