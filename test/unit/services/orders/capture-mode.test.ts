import { describe, expect, it } from 'vitest';
import { captureMode, PER_ORDER_FLAGS } from '../../../../src/services/orders/capture-mode.js';
import { UsageError } from '../../../../src/errors.js';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('capture mode', () => {
  it('one order ID is single mode and takes the per-order flags', () => {
    expect(captureMode(['o1'], { amount: '10', trackingNumber: '1' })).toEqual({ mode: 'one', order: 'o1' });
  });

  it.each([
    [['o1', 'o2'], {}],
    [['-'], {}],
    [[], { from: 'rows.csv' }],
    [[], { apply: 'plan.json' }],
    [['o1'], { planOut: 'plan.json' }],
  ])('%j %j is bulk mode', (orders, flags) => {
    expect(captureMode(orders, flags)).toEqual({ mode: 'bulk' });
  });

  it.each(PER_ORDER_FLAGS.map((flag) => [flag]))('refuses --%s in bulk mode, naming it as typed', (flag) => {
    const attempt = (): unknown => captureMode(['o1', 'o2'], { [flag]: flag === 'another' ? true : 'x' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(`--${kebab(flag)} applies to one order`);
  });

  it('refuses --apply with any other source, and no order at all', () => {
    expect(() => captureMode(['o1'], { apply: 'plan.json' })).toThrow('--apply runs a plan file as it is');
    expect(() => captureMode([], { apply: 'plan.json', from: 'x.csv' })).toThrow('--apply runs a plan file as it is');
    expect(() => captureMode([], { apply: 'plan.json', planOut: 'p.json' })).toThrow('--apply runs a plan file as it is');
    expect(() => captureMode([], {})).toThrow('Name the order to capture');
  });
});
