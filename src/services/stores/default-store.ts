/**
 * `--default` on `stores add` and `stores configure`: after the store is written, it becomes the default
 * store of this profile (a local setting, so it is made only once the backend accepted the store).
 */
import type { SettingsStore } from '../../config/settings-store.js';
import { setSetting } from '../config/settings.js';

export interface DefaultStoreTarget {
  settings: SettingsStore;
  profile: string;
}

export async function makeDefaultStore(target: DefaultStoreTarget, storeId: string): Promise<void> {
  await setSetting(target.settings, target.profile, 'store', storeId);
}
