import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openLogStore, type NewLogEntry } from '../../../src/logs/log-store.js';
import { tempHome } from '../../helpers/run-cli.js';

const entry: NewLogEntry = {
  time: new Date().toISOString(), kind: 'call', backend: 'kustom', store: null, operation: 'orders.get', method: null, path: null,
  status: null, outcome: 'ok', duration_ms: 3, correlation_id: null, idempotency_key: null, order_id: 'o1', link_id: null,
  request: null, response: null, error: null,
};

it('every developer-log entry names the machine and the user that made the call', () => {
  const store = openLogStore(join(tempHome(), 'logs.db'));
  store.append(entry, new Date());
  store.appendMany([entry, entry], new Date());
  const rows = store.query({});
  store.close();
  expect(rows).toHaveLength(3);
  for (const row of rows) {
    expect(row.host).toBe(hostname());
    expect(row.os_user).toBe(userInfo().username);
  }
});
