/**
 * What a table cell may hold, and how each kind is written in each output mode. Keeping this in one
 * place is what makes a piped row look the same for every command (ISO timestamps, plain decimals).
 */
import { formatAmount, formatMoney } from '../domain/money.js';

export type OutputMode = 'table' | 'plain' | 'json' | 'csv';

export interface MoneyCell {
  kind: 'money';
  minor: number;
  currency: string;
}

export interface TimeCell {
  kind: 'time';
  iso: string | null | undefined;
}

export type CellValue = string | number | boolean | null | undefined | MoneyCell | TimeCell;

export const money = (minor: number, currency: string): MoneyCell => ({ kind: 'money', minor, currency });
export const time = (iso: string | null | undefined): TimeCell => ({ kind: 'time', iso });

/**
 * Renders one cell as text for a human table (`now` gives relative times) or a machine row. In list
 * tables (`compact`) a time is short — relative within a week, else the date — so a row fits a terminal;
 * `show` and piped rows keep the full time.
 */
export function cellText(value: CellValue, mode: OutputMode, now: Date, compact = false): string {
  if (value === null || value === undefined) return mode === 'table' ? '-' : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value.kind === 'money') {
    return mode === 'table' ? formatMoney(value.minor, value.currency) : `${formatAmount(value.minor, value.currency)} ${value.currency}`;
  }
  if (!value.iso) return mode === 'table' ? '-' : '';
  if (mode !== 'table') return value.iso;
  return compact ? compactTime(value.iso, now) : humanTime(value.iso, now);
}

/** `9 m ago`, `in 2 d`, or `2026-11-03` once more than a week away. */
export function compactTime(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const delta = date.getTime() - now.getTime();
  return Math.abs(delta) < 7 * 86_400_000 ? relative(delta) : iso.slice(0, 10);
}

/** `2026-11-25 16:30 UTC (2 h ago)`: absolute for the record, relative for a glance. */
export function humanTime(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const absolute = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return `${absolute} (${relative(date.getTime() - now.getTime())})`;
}

/**
 * Whole units, rounded down; days only from 48 h on, because "in 1d" for 47 h 59 m hides almost a day —
 * and 48 h is exactly how long a payment link may live.
 */
export function relative(deltaMs: number): string {
  const future = deltaMs > 0;
  const abs = Math.abs(deltaMs);
  const units: [number, string, number][] = [
    [86_400_000, 'd', 48 * 3_600_000],
    [3_600_000, 'h', 3_600_000],
    [60_000, 'm', 60_000],
  ];
  for (const [size, unit, from] of units) {
    if (abs >= from) {
      const n = Math.floor(abs / size);
      return future ? `in ${n} ${unit}` : `${n} ${unit} ago`;
    }
  }
  return future ? 'in <1 m' : 'just now';
}
