/**
 * Flags given twice or in conflict, across every command: a flag that takes one value is refused when
 * repeated (exit 2, naming the flag, both values shown cut), never settled by the last one winning; only
 * the flags documented as repeatable collect. Nothing runs, so nothing changes.
 */
import { PassThrough } from 'node:stream';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createContext } from '../../src/cli/context.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

/** Every [command path, long flag] whose flag takes a value, and whether it is documented as repeatable. */
function valueFlags(): [string, string, boolean][] {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
  const program = buildProgram(createContext('0.0.0', { io, env: {} }));
  const out: [string, string, boolean][] = [];
  const takesValue = (o: Option) => (o.required || o.optional) && o.long !== undefined && !o.hidden;
  for (const o of program.options.filter(takesValue)) out.push(['status', o.long!, false]);
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const path = [...prefix, sub.name()];
      if (sub.commands.length === 0) for (const o of sub.options.filter(takesValue)) out.push([path.join(' '), o.long!, /repeatable/.test(o.description)]);
      walk(sub, path);
    }
  };
  walk(program, []);
  return out;
}

const FLAGS = valueFlags();

describe('a flag that takes one value, given twice', () => {
  it('covers many flags (the walk found them)', () => {
    expect(FLAGS.filter(([, , repeatable]) => !repeatable).length).toBeGreaterThan(50);
  });

  it.each(FLAGS.filter(([, , repeatable]) => !repeatable))('%s %s is refused naming the flag', async (path, flag) => {
    const home = tempHome();
    const r = await runCli([...path.split(' '), flag, 'first-value', flag, 'x'.repeat(500)], { home });
    expect(r.exitCode, r.stderr).toBe(2);
    // With --json the error is the JSON error document; its message is the same words.
    const message = r.stderr.startsWith('{') ? (JSON.parse(r.stderr) as { error: { message: string } }).error.message : r.stderr;
    expect(message).toContain(`${flag}: given more than once ("first-value", then "${'x'.repeat(60)}"… (500 characters)); give it once.`);
    expect(r.stdout).toBe('');
  });

  it('the documented repeatable flags collect every value', async () => {
    expect(FLAGS.filter(([, , repeatable]) => repeatable).map(([p, f]) => `${p} ${f}`)).toEqual(expect.arrayContaining(['links create --line', 'links create --note', 'orders capture --line']));
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'R', '--line', TSHIRT, '--line', 'name=Cap,price=99,tax=25', '--dry-run', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json<{ request: { order_lines: unknown[] } }>().request.order_lines).toHaveLength(2);
  });

  it('a repeated flag creates nothing: no link after links create --email twice', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--email', 'b@example.com', '--reference', 'R', '--line', TSHIRT, '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect((await runCli(['links', 'list', '--json'], { home })).json<unknown[]>()).toEqual([]);
  });
});

describe('two output formats', () => {
  it.each([
    [['--json', '--csv']],
    [['--json', 'order_id', '--csv']],
    [['--csv', '--json', 'order_id']],
  ])('orders list %j is refused', async (flags) => {
    const r = await runCli(['orders', 'list', ...flags]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--json and --csv are two output formats; choose one.');
  });
});
