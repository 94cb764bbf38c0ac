import { describe, expect, it } from 'vitest';
import { slugOf, suggestLineReference } from '../../../src/domain/line-reference.js';

describe('the reference suggested for a typed line', () => {
  it('is the name as a slug', () => {
    expect(slugOf('Wool sweater (XL)')).toBe('wool-sweater-xl');
    expect(slugOf('Smörgåsbord')).toBe('smorgasbord');
    expect(slugOf('x'.repeat(100))).toHaveLength(64);
  });

  it('is L<n> when the name gives no slug or the slug is taken', () => {
    expect(suggestLineReference('東京', [], 2)).toBe('L2');
    expect(suggestLineReference('Hat', ['hat'], 2)).toBe('L2');
    expect(suggestLineReference('Hat', ['hat', 'L2'], 2)).toBe('L3');
  });
});
