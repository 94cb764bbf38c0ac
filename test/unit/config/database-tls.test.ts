import { describe, expect, it } from 'vitest';
import { databaseTls } from '../../../src/config/database-url.js';

describe('TLS settings in the database URL', () => {
  it('defaults to disable and strips the TLS parameters from the URL the client is given', () => {
    expect(databaseTls('postgres://u@h/d')).toMatchObject({ mode: 'disable', rootCert: undefined });
    const tls = databaseTls('postgres://u@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=x');
    expect(tls).toMatchObject({ mode: 'verify-full', rootCert: '/etc/ca.pem' });
    expect(tls.url).toBe('postgres://u@h/d?application_name=x');
  });

  it.each(['require', 'verify-ca&sslrootcert=/ca.pem', 'verify-full', 'disable'])('accepts sslmode=%s', (mode) => {
    expect(() => databaseTls(`postgres://h/d?sslmode=${mode}`)).not.toThrow();
  });

  it.each(['prefer', 'allow', 'VERIFY-FULL', ''])('refuses sslmode=%j naming the setting and the modes', (mode) => {
    expect(() => databaseTls(`postgres://h/d?sslmode=${mode}`)).toThrow(/database_url sslmode: must be one of disable, require, verify-ca, verify-full/);
  });

  it('verify-ca needs the CA file', () => {
    expect(() => databaseTls('postgres://h/d?sslmode=verify-ca')).toThrow(/sslrootcert: is required with sslmode=verify-ca/);
  });
});
