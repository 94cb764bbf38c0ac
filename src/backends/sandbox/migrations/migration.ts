export type { Migration } from '../../sqlite/open-migrated.js';
