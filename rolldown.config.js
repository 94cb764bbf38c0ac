// The production build: src/ bundled into a few ES modules under dist/, so a command loads a handful of
// files instead of hundreds (module resolution and linking were most of the start-up cost). Code splitting
// keeps every `await import()` a separate chunk, loaded only when a command reaches it.
//
// Layout: the two entries the binary loads (dist/cli/main.js, dist/cli/version.js) and every chunk
// (dist/chunks/) sit two folders below the package root, so `new URL('../../package.json', import.meta.url)`
// finds package.json from any of them.
//
// Packages stay external (installed, loaded by Node), except zod, pg, commander and chalk. commander and
// chalk are what every command loads first (the program, the colours): bundled into the entry, Node resolves,
// reads and links one file instead of their dozen (package.json lookups, exports and `#imports` maps), some
// 15-20 ms of every start. zod, bundled from named imports
// (src/cli/zod-api.ts), loses what commands never use, its ~40 locales first. pg and the packages under it
// (pg-pool, pg-protocol, pg-types, ...) are some 40 CommonJS files, each resolved, read and wrapped on load
// (about a third of what loading pg costs): bundled they are one chunk, loaded when a command reaches the
// shared database. Its optional parts stay out: pg-native (a native build, loaded only if `pg.native` is
// asked for, which merchant never does) and pg-cloudflare (Cloudflare Workers only).
//
// Chunks: left to itself the bundler makes one chunk per set of importers, so start-up alone would open
// ~25 small files. Every module start-up loads statically (tag `$initial`) goes into the entry instead,
// but version.ts: `--version` loads dist/cli/version.js alone. Without `includeDependenciesRecursively`
// the group takes exactly those modules, so nothing a lazy chunk needs moves into start-up.
import { readFileSync, rmSync } from 'node:fs';
import { defineConfig } from 'rolldown';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const bundled = new Set(['zod', 'pg', 'commander', 'chalk']);
const optional = ['pg-native', 'pg-cloudflare'];
const external = [...Object.keys(pkg.dependencies).filter((name) => !bundled.has(name)), ...optional];

/**
 * pg decides on load whether it runs in a Cloudflare Worker by building a `Response`, which on Node makes
 * Node load its own fetch implementation (a second undici, 25-45 ms of start-up) for nothing. Node is never a
 * Worker, so the bundled pg takes its Node sockets straight away. A pg whose check reads differently fails
 * the build, so the rewrite is never silently lost.
 */
const pgOnNode = {
  name: 'pg-on-node',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/.test(id)) return null;
    const check = 'function isCloudflareRuntime() {';
    if (!code.includes(check)) throw new Error(`pg-on-node: ${id} no longer defines isCloudflareRuntime(); review the rewrite.`);
    return { code: code.replace(check, `${check}\n  return false;`), map: null };
  },
};

/**
 * commander loads node:child_process when it loads (some 2 ms of every start, with dgram and the socket
 * list), for commands that run as separate executables, which merchant never declares. The bundled
 * commander takes it when it would spawn one. A commander whose line reads differently fails the build.
 */
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const line = "const childProcess = require('node:child_process');";
    if (!code.includes(line)) throw new Error(`commander-spawns-lazily: ${id} no longer loads node:child_process as expected; review the rewrite.`);
    return { code: code.replace(line, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), map: null };
  },
};

rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

export default defineConfig({
  input: { 'cli/main': 'src/cli/main.ts', 'cli/version': 'src/cli/version.ts' },
  platform: 'node',
  plugins: [pgOnNode, commanderSpawnsLazily],
  // Entries may export more than their source does (the start-up group needs it); nothing imports them but bin/.
  preserveEntrySignatures: 'allow-extension',
  // A command may `await import()` a module start-up already loaded (errors, the prompter): that costs
  // nothing, so the bundler need not warn about it on every build.
  checks: { ineffectiveDynamicImport: false },
  external: (id) => id.startsWith('node:') || external.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
    // Doc comments are for readers of src/ (and the source maps point there): left out, the files Node
    // parses on every start are smaller.
    comments: { legal: true, annotation: true, jsdoc: false },
    codeSplitting: {
      groups: [{ name: 'startup', tags: ['$initial'], test: (id) => !id.endsWith('/src/cli/version.ts'), includeDependenciesRecursively: false }],
    },
  },
});
