/** Reading and changing the CLI's own settings (config.json): keys, profiles, the current profile. */
import { assertStorableDatabaseUrl, maskDatabaseUrl } from '../../config/database-url.js';
import { settingRuleBroken } from '../../domain/setting-rules.js';
import type { ResolvedSettings } from '../../config/resolve.js';
import { settingsSchemas, PROFILE_NAME_PATTERN, SETTING_KEYS, type SettingKey, type SettingsFile } from '../../config/settings-schema.js';
import type { SettingsStore } from '../../config/settings-store.js';
import { UsageError, ValidationError } from '../../errors.js';

export interface SettingRow {
  key: SettingKey | 'profile';
  value: string | null;
  origin: string;
  source: string;
  description: string;
}

export function listSettings(settings: ResolvedSettings): SettingRow[] {
  const rows: SettingRow[] = [
    { key: 'profile', value: settings.profile.value, origin: settings.profile.origin, source: settings.profile.source, description: 'the settings profile in use' },
  ];
  for (const key of Object.keys(SETTING_KEYS) as SettingKey[]) {
    const r = settings[key];
    rows.push({ key, value: shown(key, r.value) ?? null, origin: r.origin, source: r.source, description: SETTING_KEYS[key] });
  }
  return rows;
}

export function assertSettingKey(key: string): asserts key is SettingKey {
  if (!(key in SETTING_KEYS)) {
    throw new UsageError(`Unknown setting "${key}"; settings are: ${Object.keys(SETTING_KEYS).join(', ')}.`);
  }
}

/** One setting in force (`profile` included) as `config list` shows it: value (null when unset), origin and source. */
export function settingRow(settings: ResolvedSettings, key: string): SettingRow {
  if (key !== 'profile') assertSettingKey(key);
  return listSettings(settings).find((row) => row.key === key) as SettingRow;
}

/** What a setting prints as: the database URL only masked. */
function shown(key: SettingKey, value: string | undefined): string | undefined {
  return key === 'database_url' && value !== undefined ? maskDatabaseUrl(value) : value;
}

export async function setSetting(store: SettingsStore, profile: string, key: string, value: string): Promise<SettingsFile> {
  assertSettingKey(key);
  // The same rule (and words) as the flag and the environment variable for this key.
  const broken = key === 'database_url' ? undefined : settingRuleBroken(key, value);
  if (broken) throw ValidationError.single(key, broken);
  const candidate = settingsSchemas().profileSchema.shape[key].safeParse(value);
  if (!candidate.success) {
    throw ValidationError.single(key, candidate.error.issues.map((i) => i.message).join('; '));
  }
  if (key === 'database_url') assertStorableDatabaseUrl(value);
  return store.update((file) => {
    file.profiles[profile] = { ...file.profiles[profile], [key]: value };
  });
}

export async function unsetSetting(store: SettingsStore, profile: string, key: string): Promise<SettingsFile> {
  assertSettingKey(key);
  return store.update((file) => {
    const current = file.profiles[profile];
    if (current) delete current[key];
  });
}

export interface ProfileRow {
  name: string;
  current: boolean;
  backend: string | null;
  store: string | null;
  base_url: string | null;
}

export function listProfiles(file: SettingsFile): ProfileRow[] {
  const names = new Set(['default', ...Object.keys(file.profiles)]);
  return [...names].sort().map((name) => {
    const p = file.profiles[name] ?? {};
    return { name, current: name === file.current_profile, backend: p.backend ?? null, store: p.store ?? null, base_url: p.base_url ?? null };
  });
}

function assertProfileName(name: string): void {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw ValidationError.single('name', 'a profile name is 1–64 characters of letters, digits, ".", "_" and "-", starting with a letter or digit');
  }
}

export async function addProfile(store: SettingsStore, name: string, values: { backend?: string; store?: string; base_url?: string }): Promise<ProfileRow[]> {
  assertProfileName(name);
  const issues = (['backend', 'store', 'base_url'] as const).flatMap((key) => {
    const value = values[key];
    const broken = value === undefined ? undefined : settingRuleBroken(key, value);
    return broken ? [{ field: key, rule: broken }] : [];
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const parsed = settingsSchemas().profileSchema.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'profile', rule: i.message })));
  }
  const file = await store.update((f) => {
    if (f.profiles[name]) throw ValidationError.single('name', `a profile named ${name} already exists`);
    f.profiles[name] = parsed.data;
  });
  return listProfiles(file);
}

/** `profiles add`: the new profile, made the current one when `use` says so. */
export async function createProfile(store: SettingsStore, name: string, values: { backend?: string; store?: string; base_url?: string }, use: boolean): Promise<void> {
  await addProfile(store, name, values);
  if (use) await useProfile(store, name);
}

export async function useProfile(store: SettingsStore, name: string): Promise<void> {
  await store.update((f) => {
    if (name !== 'default' && !f.profiles[name]) {
      throw new UsageError(`Unknown profile "${name}".`, { hint: `Known profiles: ${['default', ...Object.keys(f.profiles)].join(', ')}` });
    }
    f.current_profile = name;
  });
}

export async function removeProfile(store: SettingsStore, name: string): Promise<void> {
  await store.update((f) => {
    if (!f.profiles[name]) throw new UsageError(`Unknown profile "${name}".`);
    delete f.profiles[name];
    if (f.current_profile === name) f.current_profile = 'default';
  });
}
