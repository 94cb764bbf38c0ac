import { describe, expect, it } from 'vitest';
import { settingRuleBroken } from '../../../src/domain/setting-rules.js';

describe('setting values', () => {
  it.each([
    ['store', '../x'],
    ['store', 'a/b'],
    ['store', ''],
    ['store', 'x'.repeat(65)],
    ['backend', 'nope'],
    ['base_url', 'ftp://x'],
    ['base_url', 'not a url'],
    ['base_url', 'https://a b'],
  ] as const)('%s %j is refused', (key, value) => {
    expect(settingRuleBroken(key, value)).toBeDefined();
  });

  it.each([
    ['store', 'se-demo'],
    ['store', 'M123'],
    ['backend', 'kustom'],
    ['base_url', 'http://127.0.0.1:8080'],
    ['base_url', 'https://api.kustom.co'],
  ] as const)('%s %j is accepted', (key, value) => {
    expect(settingRuleBroken(key, value)).toBeUndefined();
  });
});
