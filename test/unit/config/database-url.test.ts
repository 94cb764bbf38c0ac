import { describe, expect, it } from 'vitest';
import { assertStorableDatabaseUrl, maskDatabaseUrl, parseDatabaseUrl } from '../../../src/config/database-url.js';
import { isMerchantError } from '../../../src/errors.js';

describe('database URL', () => {
  it.each([
    ['postgres://u:s3cret@db.example:6543/ledger', 'postgres://u:***@db.example:6543/ledger'],
    ['postgresql://u:p%40ss@h/d?sslmode=require', 'postgresql://u:***@h/d?sslmode=require'],
    ['postgres://u@h/d?password=s3cret&sslmode=verify-full', 'postgres://u@h/d?password=***&sslmode=verify-full'],
    ['postgres://u:s3cret@h:notaport/d', 'postgres://u:***@h:notaport/d'],
  ])('masks the password of %s', (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
  });

  it('never shows a password in the masked form, whatever the characters', () => {
    for (const pw of ['a:b', 'p@ss', 'x/y', '%41%42', 'spaces here']) {
      const url = `postgres://user:${encodeURIComponent(pw)}@h:1/d`;
      expect(maskDatabaseUrl(url)).not.toContain(encodeURIComponent(pw));
    }
  });

  it('reads host, port, database and user, with defaults', () => {
    expect(parseDatabaseUrl('postgres://alice@db:6000/shop')).toEqual({ host: 'db', port: 6000, database: 'shop', user: 'alice', hasPassword: false });
    expect(parseDatabaseUrl('postgres://db/shop').port).toBe(5432);
  });

  it.each(['mysql://h/d', 'http://h/d', 'db.example:5432', ''])('refuses %j naming the setting', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(/database_url: must be a postgres/);
  });

  it('refuses to store a URL with a password (in the userinfo or the query) and says where it goes', () => {
    for (const url of ['postgres://u:pw@h/d', 'postgres://u@h/d?password=pw']) {
      let caught: unknown;
      try {
        assertStorableDatabaseUrl(url);
      } catch (error) {
        caught = error;
      }
      expect(isMerchantError(caught) && caught.kind).toBe('validation');
      expect((caught as Error).message).toMatch(/~\/\.pgpass|PGPASSWORD/);
      expect((caught as Error).message).not.toContain('pw@');
    }
    expect(() => assertStorableDatabaseUrl('postgres://u@h/d?sslmode=require')).not.toThrow();
  });
});
