#!/usr/bin/env node
// The `merchant` binary: run the CLI and let Node exit with its code once output has drained.
import { run } from '../dist/cli/main.js';

// `merchant … | head` closes our stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2));
