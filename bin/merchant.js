#!/usr/bin/env node
// The `merchant` binary: run the CLI and end the process with its code once its output has drained.
import { enablePrivateCompileCache } from './compile-cache.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // `merchant --version | …` whose reader is gone: not an error worth a stack trace. (`main` handles a
  // closed stdout itself: a bulk run stops cleanly instead of ending with exit 0.)
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // Fast path: the version alone needs neither commander nor the ~40 modules that build the program
  // (same output as commander's --version: the version and a newline).
  const { packageVersion } = await import('../dist/cli/version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  enablePrivateCompileCache();
  // node:v8 is not loaded for --version above.
  (await import('./wasm-tiering.js')).keepWasmAtBaselineTier();
  const { main } = await import('../dist/cli/main.js');
  // `main` ends the process itself once the command's output has drained (src/cli/prompt-exit.ts); where it
  // returns instead, the process ends by itself with this code.
  process.exitCode = await main(args, (code) => process.exit(code));
}
