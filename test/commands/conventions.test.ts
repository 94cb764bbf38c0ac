/** Conventions every command shares: help with examples, exit codes, colour, JSON errors. */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { createContext } from '../../src/cli/context.js';
import { PassThrough } from 'node:stream';
import { runCli } from '../helpers/run-cli.js';

function allCommands(): string[][] {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
  const program = buildProgram(createContext('0.0.0', { io, env: {} }));
  const paths: string[][] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const path = [...prefix, sub.name()];
      if (sub.commands.length === 0) paths.push(path);
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

describe('CLI conventions', () => {
  it.each(allCommands())('%s … --help shows examples and exits 0', async (...path: string[]) => {
    const r = await runCli([...path, '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: merchant');
    expect(r.stdout).toContain('Examples:');
    expect(r.stderr).toBe('');
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('treats an unknown flag as a usage error (exit 2) on stderr only', async () => {
    const r = await runCli(['stores', 'list', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('documents the exit codes', async () => {
    const r = await runCli(['help', 'exit-codes', '--json']);
    const codes = r.json<{ code: number }[]>().map((e) => e.code);
    expect(codes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 130, 141, 143]);
  });

  it('refuses to prompt without a TTY and names the flag', async () => {
    const r = await runCli(['sandbox', 'reset']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('pass --yes');
  });

  it('colours only when allowed', async () => {
    const plain = await runCli(['stores', 'show', 'nope'], { tty: true });
    expect(plain.stderr).not.toContain('\u001b[');
    const forced = await runCli(['stores', 'show', 'nope'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
    const flagged = await runCli(['stores', 'show', 'nope', '--no-color'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flagged.stderr).not.toContain('\u001b[');
  });

  it('resets the sandbox with --yes and advances its clock', async () => {
    const home = (await import('../helpers/run-cli.js')).tempHome();
    await runCli(['stores', 'add', '--id', 'extra', '--name', 'Extra', '--country', 'NO'], { home });
    const advanced = await runCli(['sandbox', 'clock', 'advance', '49h', '--json'], { home });
    expect(advanced.json()).toMatchObject({ advanced_ms: 49 * 3_600_000 });
    expect((await runCli(['sandbox', 'reset', '--yes'], { home })).exitCode).toBe(0);
    const status = await runCli(['sandbox', 'status', '--json'], { home });
    expect(status.json()).toMatchObject({ clock_offset_ms: 0, counts: { stores: 2 } });
    const bad = await runCli(['sandbox', 'clock', 'advance', 'soon'], { home });
    expect(bad.exitCode).toBe(2);
  });
});

describe('JSON errors', () => {
  it('use snake_case keys in details, like every other JSON document', async () => {
    const { snakeKeys } = await import('../../src/output/snake-keys.js');
    expect(snakeKeys({ errorCode: 'X', nested: [{ correlationId: 'c' }], plain: 1 })).toEqual({ error_code: 'X', nested: [{ correlation_id: 'c' }], plain: 1 });
  });
});
