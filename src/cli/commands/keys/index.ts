/** `merchant keys …`: stored keys (add, list, use, remove, migrate, verify, rotate), then sandbox-issued ones. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { keysAdd } from './add.js';
import { keysCreate } from './create.js';
import { keysIssued } from './issued.js';
import { keysList } from './list.js';
import { keysMigrate } from './migrate.js';
import { keysRemove } from './remove.js';
import { keysRevoke } from './revoke.js';
import { keysRotate } from './rotate.js';
import { keysUse } from './use.js';
import { keysVerify } from './verify.js';

const EXAMPLES = ['merchant keys add --store se-demo --stdin < key.txt', 'merchant keys list', 'merchant keys verify', 'merchant keys create --role read_only --store se-demo'];

export function registerKeysCommands(program: Command, ctx: Context): void {
  attachNoun(program, ctx, 'keys', 'API keys: store, list, verify and rotate them; issue sandbox keys with roles', [
    keysAdd,
    keysList,
    keysUse,
    keysRemove,
    keysMigrate,
    keysVerify,
    keysRotate,
    keysCreate,
    keysRevoke,
    keysIssued,
  ], EXAMPLES);
}
