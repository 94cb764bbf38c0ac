/**
 * Shell completion, in the real shells: the bash script is sourced in `bash` and its function asked
 * (COMP_WORDS/COMP_CWORD in, COMPREPLY out), with `merchant` being the built binary so local IDs come
 * from `merchant __complete`; fish answers through `complete -C`; zsh's script must parse. zsh and fish
 * come from Debian's packages (CI installs them); a test skips, saying so, only where the shell is absent.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, spawnCli } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

const has = (shell: string): boolean => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
for (const shell of ['zsh', 'fish']) if (!has(shell)) console.warn(`completion: ${shell} is not installed (apt-get install ${shell}); its test is skipped.`);

const home = tempHome('merchant-completion-');
const script = (shell: string): string => join(home, `merchant.${shell}`);
const env = { ...process.env, MERCHANT_HOME: home, MERCHANT_KEYCHAIN: 'off', NODE_BIN: process.execPath, MERCHANT_BIN: BIN };

beforeAll(async () => {
  assertBuilt();
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await spawnCli(['completion', shell], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    writeFileSync(script(shell), r.stdout);
  }
  // Local IDs to complete: the sandbox's stores (created on first use), a second profile, a stored key.
  expect((await spawnCli(['stores', 'add', '--id', 'nl-shop', '--name', 'NL', '--country', 'NL'], { home })).exitCode).toBe(0);
  expect((await spawnCli(['profiles', 'add', 'ci'], { home })).exitCode).toBe(0);
});

/** What bash's completion function offers for a command line; the last word is the one being completed. */
function bashComplete(...words: string[]): string[] {
  const driver = `
    merchant() { "$NODE_BIN" "$MERCHANT_BIN" "$@"; }
    source ${JSON.stringify(script('bash'))}
    COMP_WORDS=(merchant "$@"); COMP_CWORD=$#
    _merchant
    printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '-c', driver, 'bash', ...words], { env });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout.toString().split('\n').filter(Boolean).sort();
}

describe('bash completion', () => {
  it('completes commands and subcommands from the command tree', () => {
    expect(bashComplete('li')).toEqual(['links']);
    expect(bashComplete('links', '')).toEqual(['cancel', 'create', 'dispatch', 'duplicate', 'list', 'resend', 'show']);
    expect(bashComplete('sandbox', 'clock', '')).toEqual(['advance', 'show']);
    expect(bashComplete('keys', 'mi')).toEqual(['migrate']);
    expect(bashComplete('__com')).toEqual([]);
  });

  it('completes flags, the command’s and the global ones', () => {
    expect(bashComplete('links', 'list', '--st')).toEqual(['--status', '--store']);
    expect(bashComplete('keys', 'add', '--sto')).toEqual(['--storage', '--store']);
    expect(bashComplete('auth', 'status', '--pro')).toEqual(['--profile']);
    expect(bashComplete('--ba')).toEqual(['--backend', '--base-url']);
  });

  it('completes enumerated values', () => {
    expect(bashComplete('links', 'list', '--status', '')).toEqual(['cancelled', 'completed', 'created', 'disabled', 'expired', 'failed', 'in_progress']);
    expect(bashComplete('links', 'create', '--send', 's')).toEqual(['sms']);
    expect(bashComplete('links', 'resend', 'pl_1', '--send', '')).toEqual(['email', 'email,sms', 'sms']);
    expect(bashComplete('links', 'create', '--send', 'email,')).toEqual(['email,sms']);
    expect(bashComplete('settlements', 'export', '--dialect', 'excel')).toEqual(['excel', 'excel-eu']);
    expect(bashComplete('settlements', 'export', '--amounts', '')).toEqual(['major', 'minor']);
    expect(bashComplete('orders', 'list', '--status', 'C')).toEqual(['CANCELLED', 'CAPTURED', 'CLOSED']);
    expect(bashComplete('keys', 'create', '--role', 'read')).toEqual(['read_only']);
    expect(bashComplete('keys', 'migrate', '--to', '')).toEqual(['file', 'keychain']);
    expect(bashComplete('--backend', '')).toEqual(['kustom', 'sandbox']);
    expect(bashComplete('completion', '')).toEqual([]);
  });

  it('completes local store IDs and profile names, after flags and as arguments', () => {
    expect(bashComplete('links', 'list', '--store', '')).toEqual(['de-demo', 'nl-shop', 'se-demo']);
    expect(bashComplete('links', 'create', '-s', 'n')).toEqual(['nl-shop']);
    expect(bashComplete('stores', 'show', 'se')).toEqual(['se-demo']);
    expect(bashComplete('--profile', '')).toEqual(['ci', 'default']);
    expect(bashComplete('profiles', 'use', 'c')).toEqual(['ci']);
    // A flag's value is not mistaken for a command word.
    expect(bashComplete('--profile', 'ci', 'stores', 'sh')).toEqual(['show']);
  });
});

/**
 * Every command's flags as bash offers them for `-`, in one bash run that walks the command tree through
 * the script's own table of subcommands: `path<TAB>flag` per offered word, in the order offered.
 */
function bashFlagsOfEveryCommand(): Map<string, string[]> {
  const driver = `
    merchant() { "$NODE_BIN" "$MERCHANT_BIN" "$@"; }
    source ${JSON.stringify(script('bash'))}
    paths=("")
    for ((k = 0; k < \${#paths[@]}; k++)); do
      path="\${paths[k]}"
      while IFS= read -r sub; do [[ -n $sub ]] && paths+=("\${path:+$path }$sub"); done < <(_merchant_subs "$path")
      read -ra words <<< "$path"
      COMP_WORDS=(merchant "\${words[@]}" -); COMP_CWORD=\${#COMP_WORDS[@]}; COMP_CWORD=$((COMP_CWORD - 1))
      _merchant
      for flag in "\${COMPREPLY[@]}"; do printf '%s\\t%s\\n' "$path" "$flag"; done
    done`;
  const r = spawnSync('bash', ['--norc', '-c', driver], { env });
  expect(r.status, r.stderr.toString()).toBe(0);
  const flags = new Map<string, string[]>();
  for (const line of r.stdout.toString().split('\n').filter(Boolean)) {
    const [path = '', flag = ''] = line.split('\t');
    flags.set(path, [...(flags.get(path) ?? []), flag]);
  }
  return flags;
}

describe('bash completion of flags', () => {
  it('offers each flag once, for the program and every command (the command’s -h/--help and the global one are one flag)', () => {
    const flags = bashFlagsOfEveryCommand();
    expect(flags.size).toBeGreaterThan(50);
    for (const [path, offered] of flags) {
      const repeated = offered.filter((f, i) => offered.indexOf(f) !== i);
      expect(repeated, `merchant ${path} -<TAB>`).toEqual([]);
      // The command's own flags and the global ones are all still there.
      expect(offered, `merchant ${path} -<TAB>`).toEqual(expect.arrayContaining(['-h', '--help', '--backend']));
    }
    expect(flags.get('orders capture')).toEqual(expect.arrayContaining(['--from', '--concurrency', '--profile', '--debug']));
    expect(bashComplete('orders', 'capture', '--he')).toEqual(['--help']);
    expect(bashComplete('--he')).toEqual(['--help']);
  });
});

describe('merchant __complete', () => {
  it('reads local files only: in an empty home it lists nothing and creates nothing', async () => {
    const empty = tempHome();
    const r = await spawnCli(['__complete', 'stores'], { home: empty });
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(readdirSync(empty)).toEqual([]);
    expect((await spawnCli(['__complete', 'profiles'], { home: empty })).stdout).toBe('default\n');
  });

  it('is not listed in help', async () => {
    const help = await spawnCli(['--help'], { home });
    expect(help.stdout).toContain('completion');
    expect(help.stdout).not.toContain('__complete');
  });
});

describe.skipIf(!has('zsh'))('zsh completion', () => {
  it('parses (zsh -n)', () => {
    const r = spawnSync('zsh', ['-n', script('zsh')]);
    expect(r.status, r.stderr.toString()).toBe(0);
  });
});

describe.skipIf(!has('fish'))('fish completion', () => {
  it('parses (fish -n) and answers for commands, values and local IDs', () => {
    expect(spawnSync('fish', ['-n', script('fish')]).status).toBe(0);
    const complete = (line: string): string[] => {
      const driver = `function merchant; $NODE_BIN $MERCHANT_BIN $argv; end; source ${JSON.stringify(script('fish'))}; complete -C ${JSON.stringify(line)}`;
      const r = spawnSync('fish', ['--no-config', '-c', driver], { env });
      expect(r.status, r.stderr.toString()).toBe(0);
      return r.stdout.toString().split('\n').filter(Boolean).map((l) => l.split('\t')[0] ?? '').sort();
    };
    expect(complete('merchant sandbox clock ')).toEqual(['advance', 'show']);
    // A command's -h/--help and the program's are offered once.
    expect(complete('merchant orders capture --he')).toEqual(['--help']);
    expect(complete('merchant links list --status c')).toEqual(['cancelled', 'completed', 'created']);
    expect(complete('merchant links list --store ')).toEqual(['de-demo', 'nl-shop', 'se-demo']);
    expect(complete('merchant keys migrate --to ')).toEqual(['file', 'keychain']);
  });
});
