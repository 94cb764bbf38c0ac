/** A kustom backend wired to a fresh fake Kustom; `done()` closes both and returns the OpenAPI violations. */
import type { Backend } from '../../src/backends/backend.js';
import type { Clock } from '../../src/domain/clock.js';
import type { KustomBackendOptions } from '../../src/backends/kustom/kustom-backend.js';
import { startFakeKustom, type FakeKustom, type FakeKustomOptions } from './fake-kustom/index.js';
import { addDemoStores, kustomBackendFor, type RecordingLogger } from './kustom-backend.js';

export interface FakeSetup {
  fake: FakeKustom;
  backend: Backend;
  logger: RecordingLogger;
  ledgerFile: string;
  done(): Promise<string[]>;
}

export async function withFake(options: FakeKustomOptions = {}, backendOptions: KustomBackendOptions & { clock?: Clock } = {}): Promise<FakeSetup> {
  const fake = await startFakeKustom(options);
  const built = await kustomBackendFor(fake.url, backendOptions);
  await addDemoStores(built.backend);
  return {
    fake,
    backend: built.backend,
    logger: built.logger,
    ledgerFile: built.ledgerFile,
    async done() {
      await built.backend.close();
      await fake.close();
      return [...fake.violations];
    },
  };
}
