/**
 * Where `merchant` keeps its files. `MERCHANT_HOME` puts everything under one folder (tests and CI use
 * it); otherwise the XDG base directories are followed, with the usual fallbacks under the home folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Paths {
  /** Settings and profiles (`config.json`), and secrets (`credentials.json`, mode 0600). */
  configDir: string;
  /** Sandbox database, ledgers, journals, developer logs. */
  dataDir: string;
  configFile: string;
  credentialsFile: string;
  sandboxDb: string;
  /** The kustom backend's local ledger (links, orders and operations it has sent). */
  kustomLedger: string;
}

export function resolvePaths(env: Readonly<Record<string, string | undefined>>): Paths {
  const home = env['MERCHANT_HOME'];
  let configDir: string;
  let dataDir: string;
  if (home) {
    configDir = join(home, 'config');
    dataDir = join(home, 'data');
  } else {
    const userHome = env['HOME'] || homedir();
    configDir = join(env['XDG_CONFIG_HOME'] || join(userHome, '.config'), 'merchant');
    dataDir = join(env['XDG_DATA_HOME'] || join(userHome, '.local', 'share'), 'merchant');
  }
  return {
    configDir,
    dataDir,
    configFile: join(configDir, 'config.json'),
    credentialsFile: join(configDir, 'credentials.json'),
    sandboxDb: join(dataDir, 'sandbox.db'),
    kustomLedger: join(dataDir, 'kustom-ledger.db'),
  };
}
