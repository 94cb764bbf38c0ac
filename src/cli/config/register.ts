/** `merchant config list|get|set|unset`: the CLI's own settings, per profile. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson } from '../options.js';

export function registerConfigCommands(program: Command, ctx: Context): void {
  const config = program.command('config').description('settings in force (backend, store, base URL) and where each comes from');

  examples(
    withJson(config.command('list').description('show every setting in force').option('--show-origin', 'also show where each value came from (flag, env, profile, default)')),
    ['merchant config list --show-origin', 'MERCHANT_BACKEND=sandbox merchant config list --show-origin --json'],
  ).action(async (opts: { showOrigin?: boolean; json?: boolean }) => {
    const { listSettings } = await import('../../services/config/settings.js');
    const { renderList } = await import('../../output/render.js');
    const settings = ctx.settings();
    const rows = listSettings(settings);
    const columns = [
      { header: 'Key', value: (r: (typeof rows)[number]) => r.key },
      { header: 'Value', value: (r: (typeof rows)[number]) => r.value ?? (ctx.io.stdoutIsTTY ? '(unset)' : '') },
      ...(opts.showOrigin ? [{ header: 'Origin', value: (r: (typeof rows)[number]) => r.origin }, { header: 'Source', value: (r: (typeof rows)[number]) => r.source }] : []),
    ];
    await renderList(ctx.output(opts), rows, columns, (r) => ({
      config_file: ctx.paths.configFile,
      settings: r.map((row) => ({ key: row.key, value: row.value, ...(opts.showOrigin ? { origin: row.origin, source: row.source } : {}) })),
    }));
    for (const s of settings.shadowed) {
      ctx.logger.warn(`${s.variable} overrides the ${s.key} set in profile "${settings.profile.value}".`);
    }
  });

  examples(config.command('get').argument('<key>', 'backend, store or base_url').description('print one setting in force (empty when unset)'), [
    'merchant config get backend',
  ]).action(async (key: string) => {
    const { settingValue } = await import('../../services/config/settings.js');
    ctx.io.stdout.write(`${settingValue(ctx.settings(), key) ?? ''}\n`);
  });

  examples(
    config
      .command('set')
      .argument('<key>', 'backend, store or base_url')
      .argument('<value>', 'the new value')
      .option('--for-profile <name>', 'change this profile instead of the one in use')
      .description('set a value in a profile'),
    ['merchant config set store se-demo', 'merchant config set backend kustom --for-profile live'],
  ).action(async (key: string, value: string, opts: { forProfile?: string }) => {
    const { setSetting } = await import('../../services/config/settings.js');
    const profile = opts.forProfile ?? ctx.settings().profile.value;
    await setSetting(ctx.settingsStore, profile, key, value);
    ctx.logger.success(`Set ${key} = ${value} in profile "${profile}" (${ctx.settingsStore.file}).`);
  });

  examples(
    config.command('unset').argument('<key>', 'backend, store or base_url').option('--for-profile <name>', 'change this profile instead of the one in use').description('remove a value from a profile'),
    ['merchant config unset store'],
  ).action(async (key: string, opts: { forProfile?: string }) => {
    const { unsetSetting } = await import('../../services/config/settings.js');
    const profile = opts.forProfile ?? ctx.settings().profile.value;
    await unsetSetting(ctx.settingsStore, profile, key);
    ctx.logger.success(`Removed ${key} from profile "${profile}".`);
  });
}
