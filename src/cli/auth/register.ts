/** `merchant auth status`: which credential is in effect, where it came from, and what it is for. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson, withStore } from '../options.js';

export function registerAuthCommands(program: Command, ctx: Context): void {
  const auth = examples(program.command('auth').description('the credential in effect'), ['merchant auth status']);
  examples(withJson(withStore(auth.command('status').description('which key is in effect, its source (env or profile), environment and store'))), [
    'merchant auth status',
    'merchant auth status --profile live --json',
  ]).action(async (opts: { json?: boolean }) => {
    const { authStatus } = await import('../../services/auth/auth-status.js');
    const { renderRecord } = await import('../../output/render.js');
    const s = authStatus(ctx.credentials(), ctx.settings(), ctx.secretStores.keychain.unavailable());
    for (const w of s.warnings) ctx.logger.warn(w);
    await renderRecord(
      ctx.output(opts),
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
  });
}
