/** The kustom backend's local ledger file in the data folder (its own module: completion reads it without loading the HTTP stack). */
export const KUSTOM_LEDGER_FILE = 'kustom-ledger.db';
