import { describe, expect, it } from 'vitest';
import { hostEnvironment, keyEnvironment, keyShapeProblem, maskSecret, usernameProblem } from '../../../src/domain/credential-shape.js';

describe('credential shape', () => {
  it.each([
    ['kco_test_api_FAKEnotAREALMnOp', 'test'],
    ['kco_live_api_FAKEnotAREALUybz0', 'live'],
    ['kco_test_api_short', undefined],
    ['kco_prod_api_AbCdEfGhIjKlMnOp', undefined],
    ['klarna_test_api_AbCdEfGhIjKlMnOp', undefined],
  ])('%s → %s', (key, env) => {
    expect(keyEnvironment(key)).toBe(env);
  });

  it('explains a bad key without echoing it', () => {
    for (const bad of ['', 'has space', 'kco_test_api_x', 'sk_live_123']) {
      const problem = keyShapeProblem(bad, 'key');
      expect(problem).toBeDefined();
      if (bad) expect(problem).not.toContain(bad);
    }
    expect(keyShapeProblem('kco_test_api_FAKEnotAREALMnOp', 'key')).toBeUndefined();
    expect(keyShapeProblem('legacySecret1', 'pair')).toBeUndefined();
    expect(keyShapeProblem('short', 'pair')).toContain('too short');
  });

  it('masks as prefix + last four', () => {
    expect(maskSecret('kco_test_api_FAKEnotAREALMnOp')).toBe('kco_test_api_…MnOp');
    expect(maskSecret('legacySecret1')).toBe('…ret1');
    expect(maskSecret('tiny')).toBe('…');
  });

  it('knows the two Kustom hosts and nothing else', () => {
    expect(hostEnvironment('https://api.kustom.co')).toBe('live');
    expect(hostEnvironment('https://api.playground.kustom.co/')).toBe('test');
    expect(hostEnvironment('http://127.0.0.1:4010')).toBeUndefined();
    expect(hostEnvironment('not a url')).toBeUndefined();
  });

  it('checks usernames', () => {
    expect(usernameProblem('M123-ab12')).toBeUndefined();
    expect(usernameProblem('a:b')).toContain(':');
    expect(usernameProblem('')).toBe('is empty');
  });
});

describe('authorization header', () => {
  it('sends a bare key as-is and a pair base64-encoded (reference §1.3)', async () => {
    const { authorizationHeader, credentialFromEntry } = await import('../../../src/config/credentials.js');
    const base = { id: 'c', profile: 'p', store: 's', environment: 'test' as const, added_at: '', last_used_at: null };
    expect(authorizationHeader(credentialFromEntry({ ...base, kind: 'api_key', username: null, secret: 'kco_test_api_FAKEnotAREALMnOp' }))).toBe('Basic kco_test_api_FAKEnotAREALMnOp');
    expect(authorizationHeader(credentialFromEntry({ ...base, kind: 'pair', username: 'M1-ab', secret: 'sec' }))).toBe(`Basic ${Buffer.from('M1-ab:sec').toString('base64')}`);
  });
});
