/**
 * A fake Kustom per test: every server `start` gives is closed after the test, and the test fails on any
 * request the server's OpenAPI check refused (unless `checkViolations` is false: a test of the fake's own
 * refusals, or one that sends such requests on purpose). Call it at a file's (or describe's) top level.
 */
import { afterEach, expect } from 'vitest';
import { startFakeKustom, type FakeKustom, type FakeKustomOptions } from './fake-kustom/index.js';

export interface FakeKustomEachTest {
  start(options?: FakeKustomOptions): Promise<FakeKustom>;
}

export function fakeKustomEachTest(options: { checkViolations?: boolean } = {}): FakeKustomEachTest {
  let started: FakeKustom[] = [];
  afterEach(async () => {
    const fakes = started;
    started = [];
    // A test may have stopped its server itself (a provider that went away): that one is closed already.
    for (const fake of fakes) await fake.close().catch((error: NodeJS.ErrnoException) => (error.code === 'ERR_SERVER_NOT_RUNNING' ? undefined : Promise.reject(error)));
    if (options.checkViolations !== false) for (const fake of fakes) expect(fake.violations).toEqual([]);
  });
  return {
    async start(startOptions) {
      const fake = await startFakeKustom(startOptions);
      started.push(fake);
      return fake;
    },
  };
}
