/**
 * The one way commands ask a person something. It prompts only when stdin and stdout are both TTYs;
 * otherwise asking is a usage error that names the flag to pass instead, so scripts fail fast and
 * clearly. Prompts are drawn on stderr (stdout carries results only). Ctrl-C becomes CancelledError,
 * which the entry point turns into a quiet exit 130.
 */
import type * as Inquirer from '@inquirer/prompts';
import { CancelledError, UsageError } from '../errors.js';
import { isInteractive, type IO } from '../output/io.js';
import { createKeyFeed, type KeyFeed } from './key-feed.js';

type InquirerPrompts = typeof Inquirer;

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  /** Shown but not selectable; the text says why. */
  disabled?: string;
}

export interface AskBase {
  message: string;
  /** The flag that supplies this value in a script, named in the error when we cannot prompt. */
  flag: string;
}

export interface Prompter {
  readonly interactive: boolean;
  input(options: AskBase & { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(options: AskBase & { validate?: (value: string) => true | string }): Promise<string>;
  select<T>(options: AskBase & { choices: readonly Choice<T>[]; default?: T }): Promise<T>;
  /** `signal` withdraws the question (a SIGINT/SIGTERM meanwhile): the answer is then a cancellation. */
  confirm(options: AskBase & { default?: boolean; signal?: AbortSignal }): Promise<boolean>;
}

export function createPrompter(io: IO): Prompter {
  const interactive = isInteractive(io);
  // One reader of the terminal for the whole run, made at the first question (see key-feed.ts).
  let feed: KeyFeed | undefined;
  const contextFor = (signal?: AbortSignal) => {
    feed ??= createKeyFeed(io.stdin);
    return { input: feed.input, output: io.stderr, clearPromptOnDone: false, ...(signal ? { signal } : {}) };
  };

  function refuse(options: AskBase): never {
    if (options.flag === '--yes') {
      throw new UsageError('This needs confirmation, and no one can be asked (not a terminal): pass --yes.', {
        details: { flag: '--yes' },
      });
    }
    throw new UsageError(`Missing a value for ${options.flag} (cannot prompt: not a terminal).`, {
      hint: `Pass ${options.flag} <value>.`,
      details: { flag: options.flag },
    });
  }

  async function guarded<T>(run: (prompts: InquirerPrompts) => Promise<T>): Promise<T> {
    const prompts = await import('@inquirer/prompts');
    try {
      // The question is listening once `run` returns its promise: only then is the next answer let through.
      const answer = run(prompts);
      feed?.open();
      return await answer;
    } catch (error) {
      // @inquirer throws ExitPromptError on Ctrl-C / closed input; AbortPromptError on abort.
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
        throw new CancelledError();
      }
      throw error;
    }
  }

  return {
    interactive,
    async input(options) {
      if (!interactive) refuse(options);
      return guarded((p) =>
        p.input(
          {
            message: options.message,
            ...(options.default !== undefined ? { default: options.default } : {}),
            ...(options.validate ? { validate: options.validate } : {}),
          },
          contextFor(),
        ),
      );
    },
    async password(options) {
      if (!interactive) refuse(options);
      return guarded((p) =>
        p.password({ message: options.message, mask: true, ...(options.validate ? { validate: options.validate } : {}) }, contextFor()),
      );
    },
    async select<T>(options: AskBase & { choices: readonly Choice<T>[]; default?: T }) {
      if (!interactive) refuse(options);
      return guarded((p) =>
        p.select<T>(
          {
            message: options.message,
            choices: options.choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}), ...(c.disabled ? { disabled: c.disabled } : {}) })),
            ...(options.default !== undefined ? { default: options.default } : {}),
          },
          contextFor(),
        ),
      );
    },
    async confirm(options) {
      if (!interactive) refuse(options);
      return guarded((p) => p.confirm({ message: options.message, default: options.default ?? false }, contextFor(options.signal)));
    },
  };
}

/**
 * Destructive and money-moving commands call this: `--yes` skips the question, a TTY asks, and a script
 * without `--yes` gets a usage error naming it. Declining is a cancellation (exit 130).
 */
export async function confirmOrAbort(prompter: Prompter, yes: boolean | undefined, message: string, signal?: AbortSignal): Promise<void> {
  if (yes) return;
  const ok = await prompter.confirm({ message, flag: '--yes', default: false, ...(signal ? { signal } : {}) });
  if (!ok) throw new CancelledError('Cancelled: nothing was changed.');
}
