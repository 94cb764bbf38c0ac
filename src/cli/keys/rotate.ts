/** Wiring for `keys rotate`: verifies the new key through a backend built for it, then swaps it in. */
import type { ResolvedCredential } from '../../config/credentials.js';
import type { Context } from '../context.js';
import { readSecret } from './read-secret.js';

export async function rotateKey(ctx: Context, opts: { stdin?: boolean; username?: string; environment?: string; json?: boolean }, store: string): Promise<void> {
  const { rotateKey: rotate } = await import('../../services/keys/rotate-key.js');
  const { verifyKey } = await import('../../services/keys/verify-key.js');
  const { findStoredKey } = await import('../../services/keys/manage-keys.js');
  const { createBackend } = await import('../../backends/registry.js');
  const { withLogging } = await import('../../backends/logging-backend.js');
  const { createLogSink, logsDbPath } = await import('../../logs/log-sink.js');
  const { storedKeyJson } = await import('../../output/views/keys.js');
  const { writeJson } = await import('../../output/render.js');
  const settings = ctx.settings();
  findStoredKey(ctx.paths.credentialsFile, settings.profile.value, store); // fail before asking for a key
  const secret = await readSecret(ctx, opts.stdin, 'new API key');
  const verify = async (credential: ResolvedCredential) => {
    const sink = createLogSink({ file: logsDbPath(ctx.paths), clock: ctx.clock, backend: settings.backend.value, debug: ctx.logger.debugEnabled ? (l) => ctx.logger.debug(l) : undefined });
    const raw = await createBackend(settings.backend.value, { paths: ctx.paths, settings, env: ctx.env, clock: ctx.clock, logger: ctx.logger, version: ctx.version, credential, logSink: sink });
    const backend = withLogging(raw, sink);
    try {
      return await verifyKey(backend, credential);
    } finally {
      sink.close();
      await raw.close();
    }
  };
  const { old, next, verified } = await rotate({
    file: ctx.paths.credentialsFile,
    profile: settings.profile.value,
    store,
    secret,
    username: opts.username,
    environment: opts.environment,
    baseUrl: settings.base_url.value,
    backend: settings.backend.value,
    now: ctx.clock.now(),
    stores: ctx.secretStores,
    verify,
  });
  if (opts.json) writeJson(ctx.io, { old: storedKeyJson(old), new: storedKeyJson(next), verified });
  else ctx.io.stdout.write(`${next.id}\n`);
  ctx.logger.success(`Rotated the key for store ${store} (profile "${next.profile}"): ${old.masked} → ${next.masked}, verified (${verified.backend}).`);
  ctx.logger.info(
    settings.backend.value === 'sandbox'
      ? 'Revoke the old key if it was issued by this sandbox: merchant keys issued, then merchant keys revoke <id>.'
      : 'Now delete the old key in the Kustom Portal (Integrations → API → ⋯ → Delete API Key).',
  );
}
