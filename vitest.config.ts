import { defineConfig } from 'vitest/config';

// Two projects: `fast` runs in-process (unit, command, contract tests); `e2e` spawns the built binary,
// PTYs and the benchmark runner. `npm run test:fast` runs only the first; `npm test` runs both.
const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    // Two cores: keep the pool small so process-spawning tests do not starve each other.
    maxWorkers: 2,
    // A real PostgreSQL server for the shared-database tests (test/helpers/postgres-server.ts).
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
    projects: [
      { test: { ...shared, name: 'fast', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
      // A test here may start the binary a dozen times or more (each a Node start-up and a database open);
      // on a loaded two-core machine such a test has taken over 20 s, too close to 30 s.
      { test: { ...shared, testTimeout: 90_000, name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
