/**
 * The bulk-capture journal's group commit: the claims asked for in one turn are one transaction, each is
 * durable (seen by another connection) before the claim resolves, and queued outcomes reach the file with
 * the next group, on a read of their key, or on close.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/services/orders/bulk/journal.js';

const request = { captured_amount: 1_000 };
const fileIn = (): string => join(mkdtempSync(join(tmpdir(), 'journal-')), 'journal.db');
const stateOnDisk = (file: string, key: string): string | undefined => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT state FROM capture_ops WHERE op_key = ?').get(key) as { state: string } | undefined)?.state;
  } finally {
    db.close();
  }
};

describe('bulk journal group commit', () => {
  it('commits the claims of one turn together; each is on disk before its claim resolves', async () => {
    const file = fileIn();
    const journal = openJournal(file);
    const at = new Date('2026-01-01T00:00:00Z');
    const claims = ['a', 'b', 'c'].map((key) =>
      journal.claim(key, `o-${key}`, request, at).then((claim) => {
        // What a row does right after its claim resolves is send its request: the claim must already be durable.
        expect(stateOnDisk(file, key)).toBe('sending');
        return claim;
      }),
    );
    expect(stateOnDisk(file, 'a')).toBeUndefined();
    const done = await Promise.all(claims);
    expect(done.map((c) => c.claimed)).toEqual([true, true, true]);
    await journal.close();
  });

  it('queues outcomes: written with the next group, on a read of the key, or on close', async () => {
    const file = fileIn();
    const journal = openJournal(file);
    const at = new Date('2026-01-01T00:00:00Z');
    await journal.claim('a', 'o-a', request, at);
    await journal.claim('b', 'o-b', request, at);
    await journal.finish('a', 'captured', { capture_id: 'cap-a' }, at);
    expect(stateOnDisk(file, 'a')).toBe('sending');
    expect(await journal.get('a')).toMatchObject({ state: 'captured', capture_id: 'cap-a' });
    expect(stateOnDisk(file, 'a')).toBe('captured');
    await journal.finish('b', 'failed', { reason: 'refused' }, at);
    await journal.claim('c', 'o-c', request, at);
    expect(stateOnDisk(file, 'b')).toBe('failed');
    await journal.found('d', 'o-d', 'cap-d', at);
    await journal.close();
    expect(stateOnDisk(file, 'd')).toBe('captured');
  });

  it('a captured key is refused to every later claim, and a claim still queued at close is refused unsent', async () => {
    const file = fileIn();
    const journal = openJournal(file);
    const at = new Date('2026-01-01T00:00:00Z');
    await journal.found('a', 'o-a', 'cap-a', at);
    expect(await journal.claim('a', 'o-a', request, at)).toMatchObject({ claimed: false, op: { capture_id: 'cap-a' } });
    const queued = journal.claim('b', 'o-b', request, at);
    await journal.close();
    await expect(queued).rejects.toThrow(/closed/);
    expect(stateOnDisk(file, 'b')).toBeUndefined();
  });
});
