import { describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../../../../../src/errors.js';
import { environmentForKey, defaultBaseUrl, fieldFromMessage, mapError, redactBody, redactString } from '../../../../../src/backends/kustom/http/index.js';

const ctx = { operation: 'orders.capture' };

describe('mapError', () => {
  it('maps each status family to its error kind', () => {
    expect(mapError(401, '', ctx).kind).toBe('auth');
    expect(mapError(403, { error_code: 'NOT_ALLOWED', error_messages: ['Update not allowed.'] }, ctx).kind).toBe('state_conflict');
    expect(mapError(403, { error_code: 'REFUND_NOT_ALLOWED', error_messages: ['x'] }, ctx).kind).toBe('state_conflict');
    expect(mapError(403, { error_code: 'FORBIDDEN', error_messages: ['no'] }, ctx).kind).toBe('auth');
    expect(mapError(403, '<html>Forbidden by firewall</html>', ctx).message).toContain('non-JSON 403 response: Forbidden by firewall');
    expect(mapError(404, { error_code: 'NO_SUCH_ORDER' }, { ...ctx, resource: 'Order', id: 'o1' }).kind).toBe('not_found');
    expect(mapError(409, { error_code: 'CONFLICT', correlation_id: 'c' }, ctx).kind).toBe('state_conflict');
    expect(mapError(429, {}, { ...ctx, retryAfterMs: 1000 }).kind).toBe('rate_limited');
    expect(mapError(500, {}, ctx).kind).toBe('transient');
    const other = mapError(422, { error_code: 'INVALID_ADDRESS', error_messages: ['bad'], correlation_id: 'c422' }, ctx);
    expect(other).toBeInstanceOf(ApiError);
    expect(other.message).toContain('INVALID_ADDRESS');
    expect(other.message).toContain('c422');
  });

  it.each([400, 402, 405, 410, 415, 422])('shows a %i response\'s error_code, error_messages and correlation_id (message and details)', (status) => {
    const error = mapError(status, { error_code: 'INVALID_ADDRESS', error_messages: ['Street is missing', 'Postcode is invalid'], correlation_id: 'corr-1' }, ctx);
    expect(error.message).toContain('Street is missing; Postcode is invalid');
    expect(error.message).toContain('error_code INVALID_ADDRESS');
    expect(error.message).toContain('correlation_id corr-1');
    expect(error.details).toMatchObject({ status, errorCode: 'INVALID_ADDRESS', errorMessages: ['Street is missing', 'Postcode is invalid'], correlationId: 'corr-1' });
  });

  it.each([{}, '', { error_code: 'X' }])('never repeats the status as the message of a response without messages (%j)', (body) => {
    const error = mapError(422, body, ctx);
    expect(error.message).not.toMatch(/HTTP 422\): HTTP 422/);
    expect(error.message).toMatch(/HTTP 422\): no error (message|details) given/);
  });

  it('turns BAD_VALUE into a ValidationError naming the field', () => {
    const error = mapError(400, JSON.stringify({ error_code: 'BAD_VALUE', error_messages: ['BAD_VALUE : order_lines[1].tax_rate'], correlation_id: 'c1' }), ctx);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('order_lines[1].tax_rate');
    expect(error.message).toContain('c1');
    expect(fieldFromMessage('Bad value: total_tax_amount')).toBe('total_tax_amount');
  });
});

describe('keys and redaction helpers', () => {
  it('derives the environment from the key prefix', () => {
    expect(environmentForKey('kco_test_api_x')).toBe('test');
    expect(environmentForKey('kco_live_api_x')).toBe('live');
    expect(environmentForKey('legacy-secret')).toBeUndefined();
    expect(defaultBaseUrl('test')).toBe('https://api.playground.kustom.co');
    expect(defaultBaseUrl('live')).toBe('https://api.kustom.co');
  });

  it('redacts deeply', () => {
    expect(redactBody({ a: [{ token: 'abc', contact: { email: 'jane.doe@shop.example', phone: '0701234567' } }] })).toEqual({
      a: [{ token: '***', contact: { email: 'j***@shop.example', phone: '********67' } }],
    });
    expect(redactString('key kco_live_api_abcDEF123, header Basic a2NvOnNlY3JldA==')).toBe('key kco_live_api_***, header Basic ***');
  });
});
