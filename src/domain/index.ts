/** The pure domain: money, tax, order lines, markets and the link/order state rules. No I/O. */
export * from './currency.js';
export * from './money.js';
export * from './tax.js';
export * from './order-lines.js';
export * from './markets.js';
export * from './link-expiry.js';
export * from './link-lifecycle.js';
export * from './order-lifecycle.js';
export * from './schemas.js';
