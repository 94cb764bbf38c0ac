/** `merchant keys add|list|use|remove|verify|rotate` (stored keys) and `create|revoke|issued` (sandbox). */
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withCsv, withJson, withStore, withYes } from '../options.js';
import { readSecret } from './read-secret.js';
import { SECRET_STORAGES, type SecretStorage } from '../../config/secret-store.js';
import { completeValues } from '../completion/values.js';
import { ROLES } from '../../backends/types/keys.js';

const storageOption = (flags: string, description: string): Option => new Option(flags, description).choices(SECRET_STORAGES);

export function registerKeysCommands(program: Command, ctx: Context): void {
  const keys = examples(program.command('keys').description('API keys: store, list, verify and rotate them; issue sandbox keys with roles'), [
    'merchant keys add --store se-demo --stdin < key.txt',
    'merchant keys list',
    'merchant keys verify',
    'merchant keys create --role read_only --store se-demo',
  ]);

  const storeOrThrow = async (verb: string): Promise<string> => {
    const store = ctx.settings().store.value;
    if (store !== undefined) return store;
    const { UsageError } = await import('../../errors.js');
    throw new UsageError(`Which store? ${verb} needs --store <id> (or a default store in the profile).`, { details: { flag: '--store' } });
  };

  examples(
    withJson(
      withStore(keys.command('add').description('store an API key for a store and profile (hidden prompt, or --stdin; never an argument)'))
        .option('--stdin', 'read the key from standard input (one line)')
        .option('--username <name>', 'the username shown with the key (<MID>-<suffix>): stores a username + secret pair')
        .option('--environment <env>', 'test or live, only for a legacy secret without a kco_ prefix')
        .addOption(storageOption('--storage <where>', 'where to keep the secret (default: the keychain when one is reachable, else the secrets file)')),
    ),
    [
      'merchant keys add --store se-demo                 # asks for the key, hidden',
      'merchant keys add --store se-demo --storage file --stdin < key.txt',
      'merchant keys add --store se-demo --stdin < key.txt',
      'pass show kustom/se | merchant keys add --store se-demo --profile live --stdin',
      'merchant keys add --store M123 --username M123-ab12 --stdin < secret.txt',
    ],
  ).action(async (opts: { stdin?: boolean; username?: string; environment?: string; storage?: SecretStorage; json?: boolean }) => {
    const { addKey } = await import('../../services/keys/add-key.js');
    const { storedKeyJson } = await import('../../output/views/keys.js');
    const { writeJson } = await import('../../output/render.js');
    const store = await storeOrThrow('keys add');
    const settings = ctx.settings();
    const secret = await readSecret(ctx, opts.stdin, opts.username ? 'secret' : 'API key');
    const view = addKey({
      file: ctx.paths.credentialsFile,
      profile: settings.profile.value,
      store,
      secret,
      username: opts.username,
      environment: opts.environment,
      baseUrl: settings.base_url.value,
      backend: settings.backend.value,
      now: ctx.clock.now(),
      storage: opts.storage,
      stores: ctx.secretStores,
    });
    if (opts.json) writeJson(ctx.io, storedKeyJson(view));
    else ctx.io.stdout.write(`${view.id}\n`);
    const where = view.storage === 'keychain' ? 'the keychain' : `${ctx.paths.credentialsFile} (mode 0600)`;
    ctx.logger.success(`Stored ${view.environment} key ${view.masked} for store ${view.store} (profile "${view.profile}") in ${where}.`);
    if (view.environment === 'live') ctx.logger.warn('This is a live key: writes with it change real orders and money.');
    ctx.logger.info(`Check it works: merchant keys verify --store ${view.store}`);
  });

  examples(withCsv(withJson(keys.command('list').description('stored keys, masked: store, profile, environment, storage, added, last used (* = used when no store is named)'))), [
    'merchant keys list',
    'merchant keys list --json',
  ]).action(async (opts: { json?: boolean; csv?: boolean }) => {
    const { listStoredKeys } = await import('../../services/keys/stored-keys.js');
    const { renderList } = await import('../../output/render.js');
    const { storedKeyColumns, storedKeyJson } = await import('../../output/views/keys.js');
    const rows = listStoredKeys(ctx.paths.credentialsFile);
    await renderList(ctx.output(opts), rows, storedKeyColumns, (r) => r.map(storedKeyJson), { empty: 'No stored keys. Add one: merchant keys add --store <id>' });
  });

  examples(withJson(keys.command('use').argument('<store>', 'store whose stored key this profile uses by default').description('choose which stored key the profile uses when no store is named')), [
    'merchant keys use se-demo',
    'merchant keys use M123 --profile live',
  ]).action(async (store: string, opts: { json?: boolean }) => {
    const { useKey } = await import('../../services/keys/manage-keys.js');
    const { storedKeyJson } = await import('../../output/views/keys.js');
    const { writeJson } = await import('../../output/render.js');
    const view = useKey(ctx.paths.credentialsFile, ctx.settings().profile.value, store);
    if (opts.json) writeJson(ctx.io, storedKeyJson(view));
    ctx.logger.success(`Profile "${view.profile}" now uses ${view.masked} (store ${view.store}) when no store is named.`);
  });

  examples(withYes(keys.command('remove').argument('<store>', 'store whose stored key to forget').description('forget a stored key, from the secrets file or the keychain (the key itself stays valid at the provider)')), [
    'merchant keys remove se-demo --yes',
  ]).action(async (store: string, opts: { yes?: boolean }) => {
    const { findStoredKey, removeKey } = await import('../../services/keys/manage-keys.js');
    const { confirmOrAbort } = await import('../../prompts/prompter.js');
    const profile = ctx.settings().profile.value;
    const view = findStoredKey(ctx.paths.credentialsFile, profile, store);
    await confirmOrAbort(ctx.prompter, opts.yes, `Forget key ${view.masked} for store ${store} (profile "${profile}")?`);
    const removed = removeKey(ctx.paths.credentialsFile, profile, store, ctx.secretStores);
    if (removed.keychain_error) ctx.logger.warn(`The secret stays in the keychain (${removed.keychain_error}); delete "${removed.id}" (service merchant-cli) there by hand.`);
    ctx.logger.success(`Removed key ${view.masked} for store ${store} (profile "${profile}"). Delete it in the Portal too if it is no longer needed.`);
  });

  examples(
    withJson(
      keys
        .command('migrate')
        .description("move stored keys between the keychain and the secrets file (the profile's keys, or one store's)")
        .addOption(storageOption('--to <where>', 'where to move the secrets').makeOptionMandatory())
        .option('-s, --store <id>', 'only this store\'s key'),
    ),
    ['merchant keys migrate --to keychain', 'merchant keys migrate --to file --store se-demo --profile live'],
  ).action(async (opts: { to: SecretStorage; store?: string; json?: boolean }) => {
    const { migrateKeys } = await import('../../services/keys/key-storage.js');
    const { storedKeyJson } = await import('../../output/views/keys.js');
    const { writeJson } = await import('../../output/render.js');
    const profile = ctx.settings().profile.value;
    const r = migrateKeys(ctx.paths.credentialsFile, ctx.secretStores, { to: opts.to, profile, store: opts.store });
    if (opts.json) writeJson(ctx.io, { moved: r.moved.map(storedKeyJson), unchanged: r.unchanged.map(storedKeyJson) });
    else for (const k of r.moved) ctx.io.stdout.write(`${k.id}\n`);
    for (const k of r.moved) ctx.logger.success(`Moved key ${k.masked} for store ${k.store} (profile "${k.profile}") to the ${opts.to === 'file' ? 'secrets file' : 'keychain'}.`);
    if (r.moved.length === 0) ctx.logger.info(`Nothing to move: profile "${profile}" has no stored key outside the ${opts.to === 'file' ? 'secrets file' : 'keychain'}${opts.store ? ` for store ${opts.store}` : ''}.`);
  });

  examples(withJson(withStore(keys.command('verify').description('make one harmless authenticated call: does the key in use work, and for which store?'))), [
    'merchant keys verify',
    'MERCHANT_API_KEY=... merchant keys verify --json',
  ]).action(async (opts: { json?: boolean }) => {
    const { verifyKey } = await import('../../services/keys/verify-key.js');
    const { renderRecord } = await import('../../output/render.js');
    const r = await verifyKey(await ctx.backend(), ctx.credential());
    await renderRecord(
      ctx.output(opts),
      [
        ['Works', 'yes'],
        ['Key', r.masked],
        ['Source', r.source],
        ['Environment', r.environment],
        ['Store', r.store ?? '(all stores)'],
        ['Role', r.role ?? '(not reported by the provider)'],
        ['Backend', r.backend],
      ],
      r,
    );
  });

  examples(
    withJson(
      withStore(keys.command('rotate').description('replace a stored key: store the new one only after it verifies, then retire the old one'))
        .option('--stdin', 'read the new key from standard input (one line)')
        .option('--username <name>', 'username for a username + secret pair')
        .option('--environment <env>', 'test or live, only for a legacy secret without a kco_ prefix'),
    ),
    ['merchant keys rotate --store se-demo', 'merchant keys rotate --store se-demo --stdin < new-key.txt'],
  ).action(async (opts: { stdin?: boolean; username?: string; environment?: string; json?: boolean }) => {
    const { rotateKey } = await import('./rotate.js');
    await rotateKey(ctx, opts, await storeOrThrow('keys rotate'));
  });

  examples(
    withJson(
      withStore(keys.command('create').description('sandbox: issue a new API key with a Portal role (shown once)'))
        .requiredOption('--role <role>', 'admin, super_admin, user, settlement, disputes, read_only or external_user')
        .option('--expires <when>', 'expiry: a duration (30d, 12h, 2w) or an ISO date; required for external_user'),
    ),
    [
      'merchant keys create --role admin --store se-demo',
      'merchant keys create --role read_only --store se-demo | merchant keys add --store se-demo --profile support --stdin',
      'merchant keys create --role external_user --store se-demo --expires 30d --json',
    ],
  ).action(async (opts: { role: string; store?: string; expires?: string; json?: boolean }) => {
    const { createSandboxKey } = await import('../../services/keys/sandbox-keys.js');
    const { writeJson } = await import('../../output/render.js');
    const { issuedKeyJson } = await import('../../output/views/keys.js');
    const { key, secret } = await createSandboxKey(await ctx.backend(), { role: opts.role, store: ctx.settings().store.value, expires: opts.expires });
    // The one place a secret is printed, by design: it is shown once and only its hash is kept.
    if (opts.json) writeJson(ctx.io, { ...issuedKeyJson(key), secret });
    else ctx.io.stdout.write(`${secret}\n`);
    ctx.logger.success(`Issued ${key.role} key ${key.key_id} for ${key.store_id ? `store ${key.store_id}` : 'all stores'}${key.expires_at ? `, expires ${key.expires_at}` : ''}.`);
    ctx.logger.info(`It is shown only this once. Store it: merchant keys add --store ${key.store_id ?? '<id>'} --stdin`);
  });

  examples(withYes(keys.command('revoke').argument('<key-id>', 'the key ID from `keys issued`').description('sandbox: revoke an issued key (it stops working at once)')), [
    'merchant keys revoke key_1a2b3c4d5e6f --yes',
  ]).action(async (keyId: string, opts: { yes?: boolean }) => {
    const { revokeSandboxKey } = await import('../../services/keys/sandbox-keys.js');
    const { confirmOrAbort } = await import('../../prompts/prompter.js');
    const backend = await ctx.backend();
    await confirmOrAbort(ctx.prompter, opts.yes, `Revoke sandbox key ${keyId}? Anything using it stops working.`);
    const key = await revokeSandboxKey(backend, keyId);
    ctx.logger.success(`Revoked key ${key.key_id} (${key.role}, ${key.masked}).`);
  });

  examples(withCsv(withJson(keys.command('issued').description('sandbox: keys the sandbox has issued (masked), with role, expiry and revocation'))), [
    'merchant keys issued',
  ]).action(async (opts: { json?: boolean; csv?: boolean }) => {
    const { listSandboxKeys } = await import('../../services/keys/sandbox-keys.js');
    const { renderList } = await import('../../output/render.js');
    const { issuedKeyColumns, issuedKeyJson } = await import('../../output/views/keys.js');
    const rows = await listSandboxKeys(await ctx.backend());
    await renderList(ctx.output(opts), rows, issuedKeyColumns, (r) => r.map(issuedKeyJson), { empty: 'No keys issued: the sandbox is open. Issue one: merchant keys create --role admin' });
  });
  completeValues(keys, ['create'], '--role', ROLES);
  for (const verb of ['add', 'rotate']) completeValues(keys, [verb], '--environment', ['test', 'live']);
}
