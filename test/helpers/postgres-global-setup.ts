/** vitest globalSetup: one PostgreSQL server for the whole run (see postgres-server.ts); each file makes its own database. */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env['MERCHANT_TEST_POSTGRES'] === 'off') {
    project.provide('pgBaseUrl', null);
    return () => undefined;
  }
  const server = await startPostgres();
  project.provide('pgBaseUrl', server.baseUrl);
  return () => server.stop();
}
