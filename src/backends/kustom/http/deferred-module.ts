/**
 * A CommonJS module whose exports are one function, evaluated only when that function is first called:
 * a stand-in goes into the module cache, so whatever requires it gets the stand-in, and the first call
 * loads the real module (replacing the stand-in in the cache) and forwards to it. A module already in the
 * cache is left as it is.
 */
import { Module } from 'node:module';

type Require = NodeJS.Require;
type Fn = (this: unknown, ...args: unknown[]) => unknown;

export function deferFunctionModule(require: Require, file: string): void {
  if (require.cache[file]) return;
  let real: Fn | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      if (require.cache[file] === standIn) delete require.cache[file];
      real = require(file) as Fn;
    }
    return real.apply(this, args);
  };
  require.cache[file] = standIn;
}
