import { describe, expect, it } from 'vitest';
import { checkText, shown, textIssues } from '../../../src/domain/text-rules.js';

describe('the text rule', () => {
  it.each([
    ['a C0 control', 'a\u0000b', /control characters/],
    ['DEL', 'a\u007fb', /control characters/],
    ['a C1 control', 'a\u0085b', /one line|control/],
    ['a newline', 'a\nb', /one line/],
    ['a carriage return', 'a\rb', /one line/],
    ['a line separator', 'a\u2028b', /one line/],
    ['a tab', 'a\tb', /tab/],
    ['RLO', 'a\u202Eb', /bidirectional/],
    ['an isolate', 'a\u2067b', /bidirectional/],
    ['RLM', 'a\u200Fb', /bidirectional/],
    ['zero-width only', '\u200B\u200D\uFEFF', /no visible characters/],
    ['zero-width and spaces only', ' \u200B ', /no visible characters/],
  ])('refuses %s, naming the field', (_, value, rule) => {
    const issues = textIssues(value, 'line[1].name');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.field).toBe('line[1].name');
    expect(issues.map((i) => i.rule).join('; ')).toMatch(rule);
  });

  it.each(['Wool sweater', 'Smörgås', '東京', 'café ☕', 'family 👨‍👩‍👧', 'שלום', ''])('accepts %j', (value) => {
    expect(textIssues(value, 'name')).toEqual([]);
  });

  it('allows newlines only in multi-line fields, and never control characters', () => {
    expect(textIssues('a\nb', 'template', { multiline: true })).toEqual([]);
    expect(() => checkText('a\u0007\nb', 'template', { multiline: true })).toThrow(/template: must not contain control characters/);
  });

  it('shown() quotes, escapes and cuts long values', () => {
    expect(shown('a\nb')).toBe('"a\\nb"');
    const long = shown('y'.repeat(100_000));
    expect(long.length).toBeLessThan(100);
    expect(long).toContain('(100000 characters)');
  });
});
