/**
 * Capturing or refunding some lines of an order: `--line SKU-1:2` selections, the quantities already
 * captured/refunded per line, and the partial line (proportional amounts) that goes into the request.
 *
 * Decisions:
 *   - Lines are matched by `reference` (what merchants ship by); a reference used on several lines of the
 *     order is ambiguous and refused.
 *   - A partial line's total_amount is total_amount × qty / quantity, rounded half away from zero; tax is
 *     the line's tax in the same proportion. Taking the last units takes whatever is left, so rounding
 *     never leaves a stray minor unit behind.
 */
import { ValidationError, type Issue } from '../errors.js';
import type { OrderLine } from './order-lines.js';

export interface LineSelection {
  reference: string;
  /** Absent: every unit still open on that line. */
  quantity?: number | undefined;
}

export interface LineProgress {
  reference: string;
  name: string;
  quantity: number;
  total_amount: number;
  captured_quantity: number;
  captured_amount: number;
  refunded_quantity: number;
  refunded_amount: number;
}

/** Parses `REF` or `REF:QTY` (QTY a whole number ≥ 1). */
export function parseLineSelection(text: string, field = '--line'): LineSelection {
  const match = /^(.+?)(?::(\d+))?$/.exec(text.trim());
  if (!match?.[1] || text.trim() === '') throw ValidationError.single(field, `${JSON.stringify(text)} must be <reference> or <reference>:<quantity>`);
  const reference = match[1];
  if (match[2] === undefined) {
    if (/:/.test(text)) throw ValidationError.single(field, `${JSON.stringify(text)}: the quantity after ":" must be a whole number ≥ 1`);
    return { reference };
  }
  const quantity = Number(match[2]);
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw ValidationError.single(field, `${JSON.stringify(text)}: the quantity must be a whole number ≥ 1`);
  return { reference, quantity };
}

/** Per line of the order: how much has been captured and refunded so far (matched by reference). */
export function lineProgress(lines: readonly OrderLine[], captured: readonly OrderLine[][], refunded: readonly OrderLine[][]): LineProgress[] {
  const sum = (groups: readonly OrderLine[][], reference: string, key: 'quantity' | 'total_amount'): number =>
    groups.flat().filter((l) => l.reference === reference).reduce((n, l) => n + l[key], 0);
  return lines.map((l) => ({
    reference: l.reference,
    name: l.name,
    quantity: l.quantity,
    total_amount: l.total_amount,
    captured_quantity: sum(captured, l.reference, 'quantity'),
    captured_amount: sum(captured, l.reference, 'total_amount'),
    refunded_quantity: sum(refunded, l.reference, 'quantity'),
    refunded_amount: sum(refunded, l.reference, 'total_amount'),
  }));
}

function proportion(value: number, part: number, whole: number): number {
  const exact = (value * part) / whole;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

/**
 * Builds the request lines for a selection. `done` says, per reference, how many units and how much money
 * were already taken by earlier operations of the same kind (captures for a capture, refunds for a refund),
 * and `limit` how many units may be taken in all (the line's quantity for a capture, the captured
 * quantity for a refund). Every problem is reported at once.
 */
export function selectLines(
  lines: readonly OrderLine[],
  selections: readonly LineSelection[],
  done: (reference: string) => { quantity: number; amount: number },
  limit: (line: OrderLine) => { quantity: number; amount: number },
  verb: 'capture' | 'refund',
): { order_lines: OrderLine[]; amount: number } {
  const issues: Issue[] = [];
  const out: OrderLine[] = [];
  const seen = new Set<string>();
  selections.forEach((sel, i) => {
    const field = `--line[${i + 1}] ${sel.reference}`;
    const matches = lines.filter((l) => l.reference === sel.reference);
    if (seen.has(sel.reference)) return void issues.push({ field, rule: 'this line is selected twice' });
    seen.add(sel.reference);
    if (matches.length === 0) {
      const known = lines.map((l) => l.reference).filter(Boolean);
      return void issues.push({ field, rule: `no line with this reference (the order has: ${known.join(', ') || 'no line references'})` });
    }
    if (matches.length > 1) return void issues.push({ field, rule: 'several lines share this reference; capture by --amount instead' });
    const line = matches[0] as OrderLine;
    const before = done(line.reference);
    const max = limit(line);
    const open = max.quantity - before.quantity;
    if (open <= 0) return void issues.push({ field, rule: `nothing left to ${verb} on this line (${before.quantity} of ${max.quantity} already)` });
    const qty = sel.quantity ?? open;
    if (qty > open) return void issues.push({ field, rule: `only ${open} of ${max.quantity} can still be ${verb}d; asked for ${qty}` });
    const last = qty === open;
    const total = last ? max.amount - before.amount : proportion(line.total_amount, qty, line.quantity);
    const tax = proportion(line.total_tax_amount, total, line.total_amount === 0 ? 1 : line.total_amount);
    out.push({
      ...line,
      quantity: qty,
      total_amount: total,
      total_tax_amount: line.total_amount === 0 ? 0 : tax,
      total_discount_amount: proportion(line.total_discount_amount, qty, line.quantity),
    });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return { order_lines: out, amount: out.reduce((n, l) => n + l.total_amount, 0) };
}
