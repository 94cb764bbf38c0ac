/** `merchant profiles list|add|use|remove`: named sets of settings (e.g. sandbox, ci, live). */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson, withYes } from '../options.js';

export function registerProfilesCommands(program: Command, ctx: Context): void {
  const profiles = program.command('profiles').description('named settings profiles: backend, default store, base URL');

  examples(withJson(profiles.command('list').description('list profiles (* marks the current one)')), ['merchant profiles list']).action(
    async (opts: { json?: boolean }) => {
      const { listProfiles } = await import('../../services/config/settings.js');
      const { renderList } = await import('../../output/render.js');
      const rows = listProfiles(ctx.settingsStore.read());
      await renderList(
        ctx.output(opts),
        rows,
        [
          { header: 'Name', value: (r) => (r.current ? `${r.name} *` : r.name) },
          { header: 'Backend', value: (r) => r.backend ?? 'sandbox (default)' },
          { header: 'Store', value: (r) => r.store },
          { header: 'Base URL', value: (r) => r.base_url },
        ],
        (r) => r,
      );
    },
  );

  examples(
    profiles
      .command('add')
      .argument('<name>', 'profile name')
      .option('--store <id>', 'default store')
      .option('--use', 'switch to it now')
      .description('create a profile (the global --backend and --base-url set its backend and base URL)'),
    ['merchant profiles add ci --backend kustom --store M123456 --use'],
  ).action(async (name: string, _opts: unknown, cmd: Command) => {
    // --backend and --base-url are global flags; commander hands them to us through the globals.
    const opts = cmd.optsWithGlobals<{ backend?: string; store?: string; baseUrl?: string; use?: boolean }>();
    const { addProfile, useProfile } = await import('../../services/config/settings.js');
    await addProfile(ctx.settingsStore, name, { backend: opts.backend, store: opts.store, base_url: opts.baseUrl });
    if (opts.use) await useProfile(ctx.settingsStore, name);
    ctx.logger.success(`Created profile "${name}"${opts.use ? ' and switched to it' : ''}.`);
  });

  examples(profiles.command('use').argument('<name>', 'profile name').description('make a profile the current one'), ['merchant profiles use ci']).action(
    async (name: string) => {
      const { useProfile } = await import('../../services/config/settings.js');
      await useProfile(ctx.settingsStore, name);
      ctx.logger.success(`Now using profile "${name}".`);
    },
  );

  examples(withYes(profiles.command('remove').argument('<name>', 'profile name').description('delete a profile')), ['merchant profiles remove old --yes']).action(
    async (name: string, opts: { yes?: boolean }) => {
      const { removeProfile } = await import('../../services/config/settings.js');
      const { confirmOrAbort } = await import('../../prompts/prompter.js');
      await confirmOrAbort(ctx.prompter, opts.yes, `Delete profile "${name}"?`);
      await removeProfile(ctx.settingsStore, name);
      ctx.logger.success(`Removed profile "${name}".`);
    },
  );
}
