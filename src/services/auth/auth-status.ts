/** `auth status`: which credential is in effect, where it came from, for which store and environment. */
import type { CredentialResolution } from '../../config/credentials.js';
import type { ResolvedSettings } from '../../config/resolve.js';
import { hostEnvironment } from '../../domain/credential-shape.js';

export interface AuthStatus {
  authenticated: boolean;
  masked: string | null;
  source: 'env' | 'profile' | null;
  source_label: string | null;
  /** Where the stored key in force is kept (null for a key from the environment). */
  storage: 'file' | 'keychain' | null;
  /** Whether new keys can go to the keychain here, and if not why. */
  keychain: { available: boolean; reason: string | null };
  kind: 'api_key' | 'pair' | null;
  username: string | null;
  environment: 'test' | 'live' | null;
  store: string | null;
  profile: string;
  backend: string;
  base_url: string | null;
  shadowed_key: { masked: string; store: string } | null;
  warnings: string[];
}

export function authStatus(resolution: CredentialResolution, settings: ResolvedSettings, keychainProblem: string | undefined): AuthStatus {
  const c = resolution.credential;
  const warnings: string[] = [];
  if (resolution.shadowed && c) {
    warnings.push(`${c.sourceLabel} shadows the key stored for profile "${settings.profile.value}" (${resolution.shadowed.masked}, store ${resolution.shadowed.store}).`);
  }
  const base = settings.base_url.value;
  const hostEnv = base ? hostEnvironment(base) : undefined;
  if (c && hostEnv && hostEnv !== c.environment) warnings.push(`A ${c.environment} key with a ${hostEnv} host (${base}): requests will be refused.`);
  if (c?.environment === 'live') warnings.push('Live mode: writes change real orders and money.');
  if (c && c.source === 'env' && !c.store) warnings.push('No store is named (--store, MERCHANT_STORE or the profile): commands that need one will ask for it.');
  return {
    authenticated: Boolean(c),
    masked: c?.masked ?? null,
    source: c?.source ?? null,
    source_label: c?.sourceLabel ?? null,
    storage: c?.storage ?? null,
    keychain: { available: keychainProblem === undefined, reason: keychainProblem ?? null },
    kind: c?.kind ?? null,
    username: c?.username ?? null,
    environment: c?.environment ?? null,
    store: c?.store ?? settings.store.value ?? null,
    profile: settings.profile.value,
    backend: settings.backend.value,
    base_url: base ?? null,
    shadowed_key: c ? (resolution.shadowed ?? null) : null,
    warnings,
  };
}
