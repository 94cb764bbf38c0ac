export type { Migration } from '../../../infra/sqlite.js';
