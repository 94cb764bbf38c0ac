/**
 * The schemas that live in the shared database when database_url is set, each with its one numbered
 * migration list (the same steps as its local SQLite file). The sandbox is not here: it stays local.
 */
import { LEDGER_MIGRATIONS } from '../backends/kustom/ledger/migrations.js';
import type { Paths } from '../config/paths.js';
import { LOG_MIGRATIONS } from '../logs/log-store.js';
import { logsDbPath } from '../logs/log-sink.js';
import { journalFile } from '../services/orders/bulk/bulk-capture.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS } from '../services/orders/bulk/journal.js';
import type { LocalSchema } from '../services/db/database-schema.js';

export function sharedSchemas(paths: Paths): LocalSchema[] {
  return [
    { name: 'ledger', label: 'the kustom ledger', migrations: LEDGER_MIGRATIONS, file: paths.kustomLedger },
    { name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS, file: journalFile(paths.dataDir) },
    { name: 'logs', label: 'the developer log', migrations: LOG_MIGRATIONS, file: logsDbPath(paths) },
  ];
}
