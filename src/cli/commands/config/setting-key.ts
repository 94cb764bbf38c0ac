/** What `config get|set|unset` share: the key argument and the profile they change. */
import type { ArgumentSpec, OptionSpec } from '../../define-command.js';

export const SETTING_KEY_ARG: ArgumentSpec = { name: 'key', description: 'backend, store, base_url or database_url' };
export const FOR_PROFILE_OPTION: OptionSpec = { flags: '--for-profile <name>', description: 'change this profile instead of the one in use' };
