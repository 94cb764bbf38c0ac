/** The bench's options: `--scale` multiplies data sizes, bad input is refused, latest.json stays the default table. */
import { describe, expect, it } from 'vitest';
import { sized } from '../../../bench/figure.js';
import { parseRunOptions, parseScale, resultFile, wantsHelp } from '../../../bench/options.js';

const FIGURES = ['startup', 'sandbox-capture'];

describe('bench --scale', () => {
  it('defaults to 1 and reads a positive factor', () => {
    expect(parseScale(undefined)).toBe(1);
    expect(parseScale('0.3')).toBe(0.3);
    expect(parseScale('2')).toBe(2);
    expect(parseScale('.5')).toBe(0.5);
  });

  it.each(['0', '-1', 'x', '', '1e3', 'Infinity', 'NaN', '2x'])('refuses %j, naming the option', (text) => {
    expect(() => parseScale(text)).toThrow(/--scale must be a positive number/);
  });

  it('multiplies the quick or the full size and never goes below one', () => {
    expect(sized({ quick: false, scale: 1 }, 20, 10_000)).toBe(10_000);
    expect(sized({ quick: false, scale: 0.3 }, 20, 10_000)).toBe(3_000);
    expect(sized({ quick: false, scale: 2.5 }, 20, 1_000_000)).toBe(2_500_000);
    expect(sized({ quick: true, scale: 2 }, 20, 10_000)).toBe(40);
    expect(sized({ quick: true, scale: 0.001 }, 20, 10_000)).toBe(1);
  });
});

describe('bench options', () => {
  it('reads --quick, --only and --scale together', () => {
    expect(parseRunOptions(['--quick', '--only', 'startup', '--scale', '2'], FIGURES)).toEqual({ quick: true, only: 'startup', scale: 2 });
    expect(parseRunOptions([], FIGURES)).toEqual({ quick: false, only: undefined, scale: 1 });
  });

  it('refuses an unknown figure and an option without its value', () => {
    expect(() => parseRunOptions(['--only', 'nope'], FIGURES)).toThrow(/--only must be one of startup, sandbox-capture/);
    expect(() => parseRunOptions(['--scale'], FIGURES)).toThrow(/--scale needs a value/);
    expect(() => parseRunOptions(['--only', '--quick'], FIGURES)).toThrow(/--only needs a value/);
  });

  it('refuses an unknown word, so a typo never starts a full run', () => {
    expect(() => parseRunOptions(['-h2'], FIGURES)).toThrow(/unknown argument "-h2" \(usage: npm run bench/);
    expect(() => parseRunOptions(['--only', 'startup', 'extra'], FIGURES)).toThrow(/unknown argument "extra"/);
    expect(() => parseRunOptions(['--quik'], FIGURES)).toThrow(/unknown argument "--quik"/);
  });

  it('asks for the usage with -h or --help', () => {
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--only', 'startup', '--help'])).toBe(true);
    expect(wantsHelp(['--quick'])).toBe(false);
  });

  it('writes latest.json only for a full run at the default sizes', () => {
    expect(resultFile(false, undefined, 1)).toBe('latest.json');
    expect(resultFile(false, undefined, 2)).toBe('scale-2.json');
    expect(resultFile(false, 'startup', 1)).toBe('only-startup.json');
    expect(resultFile(false, 'startup', 0.3)).toBe('only-startup-scale-0.3.json');
    expect(resultFile(true, undefined, 1)).toBe('quick.json');
    expect(resultFile(true, 'startup', 2)).toBe('quick-scale-2.json');
  });
});
