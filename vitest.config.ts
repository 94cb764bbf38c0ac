import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the pool small so process-spawning tests do not starve each other.
    maxWorkers: 2,
    // A real PostgreSQL server for the shared-database tests (test/helpers/postgres-server.ts).
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
  },
});
