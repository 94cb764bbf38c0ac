/**
 * Capturing or refunding some lines of an order: `--line SKU-1:2` selections, the quantities already
 * captured/refunded per line, and the partial line (proportional amounts) that goes into the request.
 *
 * Decisions:
 *   - Lines are matched by `reference` (what merchants ship by); a reference used on several lines of the
 *     order is ambiguous and refused. A selection that matches no reference is matched by the line's
 *     name when exactly one line has that name (`--line "Wool sweater:1"`), so links made without line
 *     references can still be captured by line.
 *   - Progress (captured, refunded) is counted per line key: the reference, or the name for a line
 *     without one — captured and refunded lines carry both from the order line.
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
  /** What identifies the line in the order (see lineKey). */
  key: string;
  reference: string;
  name: string;
  quantity: number;
  total_amount: number;
  captured_quantity: number;
  captured_amount: number;
  refunded_quantity: number;
  refunded_amount: number;
}

/** A line's identity within its order: its reference, or its name when it has none. */
export function lineKey(line: { reference?: string | undefined; name: string }): string {
  return line.reference ? `ref:${line.reference}` : `name:${line.name}`;
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

/** Per line of the order: how much has been captured and refunded so far (matched by line key). */
export function lineProgress(lines: readonly OrderLine[], captured: readonly OrderLine[][], refunded: readonly OrderLine[][]): LineProgress[] {
  const sum = (groups: readonly OrderLine[][], key: string, value: 'quantity' | 'total_amount'): number =>
    groups.flat().filter((l) => lineKey(l) === key).reduce((n, l) => n + l[value], 0);
  return lines.map((l) => {
    const key = lineKey(l);
    return {
      key,
      reference: l.reference,
      name: l.name,
      quantity: l.quantity,
      total_amount: l.total_amount,
      captured_quantity: sum(captured, key, 'quantity'),
      captured_amount: sum(captured, key, 'total_amount'),
      refunded_quantity: sum(refunded, key, 'quantity'),
      refunded_amount: sum(refunded, key, 'total_amount'),
    };
  });
}

/** The one line a selection names: by reference, else by a name no other line has. */
function findLine(lines: readonly OrderLine[], wanted: string): { line?: OrderLine; rule?: string } {
  const byReference = lines.filter((l) => l.reference === wanted);
  if (byReference.length > 1) return { rule: 'several lines share this reference; capture by --amount instead' };
  if (byReference.length === 1) return { line: byReference[0] };
  const byName = lines.filter((l) => l.name === wanted);
  if (byName.length > 1) return { rule: `${byName.length} lines have this name; name the line by its reference instead` };
  if (byName.length === 1) return { line: byName[0] };
  const known = lines.map((l) => (l.reference ? l.reference : `"${l.name}"`));
  return { rule: `no line with this reference or name (the order has: ${known.join(', ') || 'no lines'})` };
}

function proportion(value: number, part: number, whole: number): number {
  const exact = (value * part) / whole;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

/**
 * Builds the request lines for a selection. `done` says, per line key, how many units and how much money
 * were already taken by earlier operations of the same kind (captures for a capture, refunds for a refund),
 * and `limit` how many units may be taken in all (the line's quantity for a capture, the captured
 * quantity for a refund). Every problem is reported at once.
 */
export function selectLines(
  lines: readonly OrderLine[],
  selections: readonly LineSelection[],
  done: (key: string) => { quantity: number; amount: number },
  limit: (line: OrderLine) => { quantity: number; amount: number },
  verb: 'capture' | 'refund',
): { order_lines: OrderLine[]; amount: number } {
  const issues: Issue[] = [];
  const out: OrderLine[] = [];
  const seen = new Set<string>();
  selections.forEach((sel, i) => {
    const field = `--line[${i + 1}] ${sel.reference}`;
    const found = findLine(lines, sel.reference);
    if (!found.line) return void issues.push({ field, rule: found.rule ?? 'no such line' });
    const line = found.line;
    const key = lineKey(line);
    if (seen.has(key)) return void issues.push({ field, rule: 'this line is selected twice' });
    seen.add(key);
    const before = done(key);
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
