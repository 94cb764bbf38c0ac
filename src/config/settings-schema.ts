/**
 * The shape of `config.json`. It is hand-editable, so it is validated on every read and a bad file is
 * reported with its path and the offending keys; it is never silently replaced.
 */
import { z } from 'zod';

export const BACKEND_NAMES = ['sandbox', 'kustom'] as const;

const profileName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const profileSchema = z
  .object({
    backend: z.enum(BACKEND_NAMES).optional(),
    store: z.string().min(1).max(64).optional(),
    base_url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

export const settingsFileSchema = z
  .object({
    version: z.literal(1),
    current_profile: z.string().regex(profileName).default('default'),
    profiles: z.record(z.string().regex(profileName), profileSchema).default({}),
  })
  .strict();

export type ProfileSettings = z.infer<typeof profileSchema>;
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export const PROFILE_NAME_PATTERN = profileName;

/** The keys a user may `config set`, with what each means (shown by `config list`). */
export const SETTING_KEYS = {
  backend: 'which backend runs commands: sandbox (default) or kustom',
  store: 'the default store ID for commands that take --store',
  base_url: 'the provider API base URL (kustom backend; tests and proxies)',
} as const;
export type SettingKey = keyof typeof SETTING_KEYS;

export function emptySettings(): SettingsFile {
  return { version: 1, current_profile: 'default', profiles: {} };
}
