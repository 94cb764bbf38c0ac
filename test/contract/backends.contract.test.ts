/** Runs every contract suite against every backend harness. */
import type { HarnessFactory } from './harness.js';
import { kustomHarness } from './kustom-harness.js';
import { sandboxHarness } from './sandbox-harness.js';
import { linksContract } from './links.contract.js';
import { storesContract } from './stores.contract.js';
import { keysContract } from './keys.contract.js';
import { ordersContract } from './orders.contract.js';
import { settlementsContract } from './settlements.contract.js';
import { overviewContract } from './overview.contract.js';

const HARNESSES: HarnessFactory[] = [sandboxHarness, kustomHarness];

for (const harness of HARNESSES) {
  storesContract(harness);
  linksContract(harness);
  keysContract(harness);
  ordersContract(harness);
  settlementsContract(harness);
  overviewContract(harness);
}
