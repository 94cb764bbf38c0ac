/** The bench's command-line options: which figures, at which sizes, and where the table is written. */

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** `--scale`: a positive number (0.3, 2); anything else is refused before any figure runs. */
export function parseScale(text: string | undefined): number {
  if (text === undefined) return 1;
  const scale = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a positive number (a factor such as 0.3 or 2), got "${text}"`);
  return scale;
}

/** Where a run's table goes: latest.json only for a full run at the default sizes. */
export function resultFile(quick: boolean, only: string | undefined, scale: number): string {
  const sizes = scale === 1 ? '' : `scale-${scale}`;
  if (quick) return sizes ? `quick-${sizes}.json` : 'quick.json';
  if (only) return sizes ? `only-${only}-${sizes}.json` : `only-${only}.json`;
  return sizes ? `${sizes}.json` : 'latest.json';
}

export interface RunOptions {
  quick: boolean;
  only: string | undefined;
  scale: number;
}

export const USAGE = 'usage: npm run bench -- [--quick] [--only <figure>] [--scale <factor>]';

/** `-h`/`--help`: print the usage and run nothing. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('-h') || args.includes('--help');
}

/** Refuses any word that is not one of the options or their values, so a typo never starts a full run. */
function refuseUnknown(args: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === '--only' || word === '--scale') i++;
    else if (word !== '--quick') throw new Error(`unknown argument "${word}" (${USAGE})`);
  }
}

/** `--quick`, `--only <figure>`, `--scale <factor>`; throws a message naming the option on bad input. */
export function parseRunOptions(args: readonly string[], figures: readonly string[]): RunOptions {
  const only = optionValue(args, '--only');
  if (only !== undefined && !figures.includes(only)) throw new Error(`--only must be one of ${figures.join(', ')}, got "${only}"`);
  const scale = parseScale(optionValue(args, '--scale'));
  refuseUnknown(args);
  return { quick: args.includes('--quick'), only, scale };
}
