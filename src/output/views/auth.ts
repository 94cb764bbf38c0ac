/** How `auth status` looks: warnings on stderr, then the credential's facts (never its secret). */
import type { AuthStatus } from '../../services/auth/auth-status.js';
import type { Logger } from '../logger.js';
import { renderRecord, type RenderTarget } from '../render.js';

export async function renderAuthStatus(target: RenderTarget, logger: Logger, s: AuthStatus): Promise<void> {
  for (const w of s.warnings) logger.warn(w);
  await renderRecord(
    target,
    [
      ['Credential', s.masked ? (s.username ? `${s.username}:${s.masked}` : s.masked) : '(none)'],
      ['Source', s.source_label ?? '-'],
      ['Storage', s.storage === 'keychain' ? 'keychain' : s.storage === 'file' ? 'secrets file (0600)' : '-'],
      ['Keychain', s.keychain.available ? 'available' : `not available: ${s.keychain.reason}`],
      ['Environment', s.environment ?? '-'],
      ['Store', s.store ?? '(none named)'],
      ['Profile', s.profile],
      ['Backend', s.backend],
      ['Base URL', s.base_url ?? '(default for the key)'],
      ['Shadowed stored key', s.shadowed_key ? `${s.shadowed_key.masked} (store ${s.shadowed_key.store})` : '-'],
    ],
    s,
  );
}
