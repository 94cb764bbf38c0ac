/**
 * `merchant completion bash|zsh|fish` prints a completion script generated from this very command tree;
 * the hidden `merchant __complete stores|profiles` lists local IDs for it (files only: no prompt, no
 * network, no database created).
 */
import { Argument, type Command } from 'commander';
import type { Context } from '../context.js';
import { examples } from '../options.js';
import { DYNAMIC_KINDS, type DynamicKind } from './values.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function registerCompletionCommands(program: Command, ctx: Context): void {
  examples(
    program
      .command('completion')
      .description('print a shell completion script (commands, flags, their values, local store IDs and profiles)')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS)),
    [
      'merchant completion bash > ~/.local/share/bash-completion/completions/merchant',
      'merchant completion zsh > "${fpath[1]}/_merchant"',
      'merchant completion fish > ~/.config/fish/completions/merchant.fish',
    ],
  ).action(async (shell: (typeof SHELLS)[number]) => {
    const { completionTree } = await import('./tree.js');
    const tree = completionTree(program);
    if (shell === 'fish') ctx.io.stdout.write((await import('./fish.js')).fishScript(tree));
    else {
      const { bashScript, zshScript } = await import('./bash.js');
      ctx.io.stdout.write(shell === 'zsh' ? zshScript(tree) : bashScript(tree));
    }
  });

  examples(
    program
      .command('__complete', { hidden: true })
      .description('list local store IDs or profile names, one a line (called by the completion scripts)')
      .addArgument(new Argument('<kind>', 'stores or profiles').choices(DYNAMIC_KINDS)),
    ['merchant __complete stores', 'merchant __complete profiles'],
  ).action(async (kind: DynamicKind) => {
      const { localProfileNames, localStoreIds } = await import('../../services/completion/local-ids.js');
      const settings = () => ctx.settingsStore.read();
      const ids = kind === 'stores' ? localStoreIds(ctx.paths, settings) : localProfileNames(settings);
      ctx.io.stdout.write(ids.map((id) => `${id}\n`).join(''));
    });
}
