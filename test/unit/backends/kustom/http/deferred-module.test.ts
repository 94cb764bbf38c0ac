import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferFunctionModule } from '../../../../../src/backends/kustom/http/deferred-module.js';

const require = createRequire(import.meta.url);
const globals = globalThis as { deferredLoads?: number };

/** A CommonJS module exporting one function, counting how often its body is evaluated. */
function functionModule(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'merchant-deferred-')), 'fn.cjs');
  writeFileSync(file, `globalThis.deferredLoads = (globalThis.deferredLoads ?? 0) + 1;\nmodule.exports = function (a, b) { return [this && this.tag, a, b]; };\n`);
  return file;
}

describe('deferFunctionModule', () => {
  it('evaluates the module only at the first call, forwarding this and the arguments every time', () => {
    const file = functionModule();
    globals.deferredLoads = 0;
    deferFunctionModule(require, file);
    const fn = require(file) as (this: unknown, a: number, b: string) => unknown[];
    expect(globals.deferredLoads).toBe(0);
    expect(fn.call({ tag: 'me' }, 1, 'x')).toEqual(['me', 1, 'x']);
    expect(globals.deferredLoads).toBe(1);
    expect(fn.call({ tag: 'again' }, 2, 'y')).toEqual(['again', 2, 'y']);
    expect(globals.deferredLoads).toBe(1);
    // Whatever requires it from now on gets the real module.
    expect(require(file)).not.toBe(fn);
    expect((require(file) as (a: number, b: string) => unknown[])(3, 'z')).toEqual([undefined, 3, 'z']);
    expect(globals.deferredLoads).toBe(1);
  });

  it('leaves a module that is already loaded as it is', () => {
    const file = functionModule();
    globals.deferredLoads = 0;
    const loaded = require(file) as unknown;
    deferFunctionModule(require, file);
    expect(require(file)).toBe(loaded);
    expect(globals.deferredLoads).toBe(1);
  });
});
