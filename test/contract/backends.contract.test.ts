/** Runs every contract suite against every backend harness. */
import type { HarnessFactory } from './harness.js';
import { kustomHarness } from './kustom-harness.js';
import { sandboxHarness } from './sandbox-harness.js';
import { storesContract } from './stores.contract.js';

const HARNESSES: HarnessFactory[] = [sandboxHarness, kustomHarness];

for (const harness of HARNESSES) {
  storesContract(harness);
}
