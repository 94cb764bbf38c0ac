/**
 * `orders capture` is one command with two modes: one order (with per-order flags such as --amount), or
 * many (several IDs, "-" for stdin, --from, --apply, --plan-out). Bulk rows carry those values in CSV
 * columns instead, so a per-order flag in bulk mode is refused rather than applied to every row.
 */
import { UsageError } from '../../errors.js';
import { assertWritableOutputPath } from '../../infra/output-path.js';

export const PER_ORDER_FLAGS = ['line', 'amount', 'reference', 'description', 'carrier', 'trackingNumber', 'trackingUrl', 'another'] as const;

export type CaptureModeFlags = { [K in (typeof PER_ORDER_FLAGS)[number]]?: unknown } & { from?: string | undefined; apply?: string | undefined; planOut?: string | undefined; results?: string | undefined };

export type CaptureMode = { mode: 'bulk' } | { mode: 'one'; order: string };

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function captureMode(orders: readonly string[], flags: CaptureModeFlags): CaptureMode {
  const bulk = orders.length > 1 || orders.includes('-') || Boolean(flags.from || flags.apply || flags.planOut);
  if (bulk) {
    const given = PER_ORDER_FLAGS.find((k) => flags[k] !== undefined);
    if (given !== undefined) {
      throw new UsageError(`--${kebab(given)} applies to one order; for bulk capture put it in a --from CSV column (amount, lines, capture_reference, carrier, tracking_number, tracking_url).`);
    }
    if (flags.apply && (flags.from || orders.length > 0 || flags.planOut)) throw new UsageError('--apply runs a plan file as it is; do not combine it with order IDs, --from or --plan-out.');
    // The files the run writes are checked before any order is read or captured.
    if (flags.planOut) assertWritableOutputPath(flags.planOut, '--plan-out');
    if (flags.results) assertWritableOutputPath(flags.results, '--results');
    return { mode: 'bulk' };
  }
  const [order] = orders;
  if (!order) throw new UsageError('Name the order to capture (or several, or "-" for stdin, or --from <file.csv>).', { hint: 'merchant orders capture <order> --yes' });
  return { mode: 'one', order };
}
