/** Runs every contract suite against every backend harness. */
import type { HarnessFactory } from './harness.js';
import { kustomHarness, kustomPostgresHarness } from './kustom-harness.js';
import { pgBaseUrl } from '../helpers/postgres.js';
import { sandboxHarness } from './sandbox-harness.js';
import { linksContract } from './links.contract.js';
import { storesContract } from './stores.contract.js';
import { keysContract } from './keys.contract.js';
import { ordersContract } from './orders.contract.js';
import { settlementsContract } from './settlements.contract.js';
import { overviewContract } from './overview.contract.js';

// The kustom backend runs the contract twice: ledger in a local file, and in a shared PostgreSQL database.
const HARNESSES: HarnessFactory[] = [sandboxHarness, kustomHarness, ...(pgBaseUrl() === null ? [] : [kustomPostgresHarness])];

for (const harness of HARNESSES) {
  storesContract(harness);
  linksContract(harness);
  keysContract(harness);
  ordersContract(harness);
  settlementsContract(harness);
  overviewContract(harness);
}
