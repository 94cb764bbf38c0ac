/** `logs --order/--link` read an ID by the one identifier rule: braces and capitals name the same UUID. */
import { describe, expect, it } from 'vitest';
import { buildLogQuery } from '../../../../src/services/logs/query-logs.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const ID = '0b8e2a8e-4b5a-4968-8776-5a4b3c2d1e0f';

describe('buildLogQuery ids', () => {
  it.each([`{${ID}}`, ID.toUpperCase(), `{${ID.toUpperCase()}}`, ` ${ID} `])('%s is the lower-case UUID', (typed) => {
    expect(buildLogQuery({ order: typed, link: typed }, NOW)).toMatchObject({ order: ID, link: ID });
  });

  it('other text is kept as typed', () => {
    expect(buildLogQuery({ order: 'ORD-7' }, NOW).order).toBe('ORD-7');
  });
});
