/** `merchant completion bash|zsh|fish`: a completion script generated from this very command tree. */
import type { Command } from 'commander';
import { defineCommand, type ZodApi } from '../../define-command.js';

const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;

/** One of a fixed list, refused in commander's words. */
export const choiceOf = <T extends string>(z: ZodApi, name: string, choices: readonly [T, ...T[]]) =>
  z.enum(choices, { error: (issue) => `"${String(issue.input)}" is invalid for argument '${name}'. Allowed choices are ${choices.join(', ')}.` });

export const completionCommand = (program: Command) =>
  defineCommand({
    name: 'completion',
    description: 'print a shell completion script (commands, flags, their values, local store IDs and profiles)',
    args: [{ name: 'shell', description: 'bash, zsh or fish' }],
    examples: [
      'merchant completion bash > ~/.local/share/bash-completion/completions/merchant',
      'merchant completion zsh > "${fpath[1]}/_merchant"',
      'merchant completion fish > ~/.config/fish/completions/merchant.fish',
    ],
    schema: (z) => z.object({ shell: choiceOf(z, 'shell', SHELL_NAMES) }),
    async handler(_ctx, input) {
      const { completionScript } = await import('../../completion/script.js');
      return completionScript(program, input.shell);
    },
    async render(ctx, script) {
      const { writeText } = await import('../../../output/views/text.js');
      writeText(ctx.io, script);
    },
  });
