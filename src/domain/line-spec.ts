/**
 * The compact order-line syntax for flags and CSV files, e.g.
 *   --line "name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25,type=physical,discount=25.00,unit=pcs"
 * Keys: name (required), price (required; decimal, tax included, per unit), tax (required; percent),
 * qty (default 1), ref, type (default physical), discount (decimal, off this line's total), unit.
 * A comma inside a value is written `\,`. Amounts are decimals in the link's currency (parseAmount);
 * tax is a percentage (parseTaxRate) — the human forms, unlike a JSON lines file which uses API units.
 *
 * Decision: `tax` is required. A missing rate would otherwise default to 0 %, and an untaxed line on a
 * taxed market is a bookkeeping error nobody sees until the settlement report.
 */
import { ValidationError } from '../errors.js';
import type { Issue } from '../errors.js';
import { parseAmount } from './money.js';
import { ORDER_LINE_TYPES, type OrderLineInput, type OrderLineType } from './order-lines.js';
import { parseTaxRate } from './tax.js';
import { shown, textIssues } from './text-rules.js';

export const LINE_SPEC_KEYS = ['name', 'ref', 'qty', 'price', 'tax', 'type', 'discount', 'unit'] as const;
export const DISCOUNT_SPEC_KEYS = ['amount', 'name', 'tax', 'ref'] as const;

/** Splits `a=1,b=x\,y` into { a: '1', b: 'x,y' }; the field names the flag in errors. */
export function parseKeyValues(spec: string, field: string, allowed: readonly string[]): Record<string, string> {
  const pairs: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    if (ch === '\\' && spec[i + 1] === ',') {
      current += ',';
      i++;
    } else if (ch === ',') {
      pairs.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pairs.push(current);
  const out: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const pair of pairs) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).trim().toLowerCase();
    if (eq < 0 && /^\d+$/.test(pair.trim())) {
      // Most likely a decimal comma (price=1 234,50) split as if it separated keys.
      issues.push({ field, rule: `${shown(pair.trim())} is not key=value; for a decimal comma inside a line write \\, (price=1 234\\,50) or use a point (price=1234.50)` });
    } else if (eq < 0) issues.push({ field, rule: `${shown(pair.trim())} is not key=value (e.g. name=T-shirt,price=125.00,tax=25)` });
    else if (!allowed.includes(key)) issues.push({ field, rule: `unknown key ${shown(key)}; known: ${allowed.join(', ')}` });
    else if (Object.hasOwn(out, key)) issues.push({ field, rule: `${key} is given twice` });
    else out[key] = pair.slice(eq + 1).trim();
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

function collectIssues(run: () => void, issues: Issue[]): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
}

/** Turns line fields (from a --line spec or a CSV row) into a line input; every problem is reported at once. */
export function lineFromFields(fields: Readonly<Record<string, string | undefined>>, currency: string, field: string): OrderLineInput {
  const issues: Issue[] = [];
  const name = fields['name']?.trim() ?? '';
  if (name === '') issues.push({ field: `${field}.name`, rule: 'is required (name=…)' });
  for (const key of ['name', 'ref', 'unit'] as const) issues.push(...textIssues(fields[key] ?? '', `${field}.${key}`));
  let unitPrice = 0;
  if (fields['price'] === undefined || fields['price'].trim() === '') issues.push({ field: `${field}.price`, rule: 'is required (price=125.00, tax included, per unit)' });
  else collectIssues(() => (unitPrice = parseAmount(fields['price'] ?? '', currency, { field: `${field}.price` })), issues);
  let taxRate = 0;
  if (fields['tax'] === undefined || fields['tax'].trim() === '') issues.push({ field: `${field}.tax`, rule: 'is required (tax=25 for 25 %; tax=0 for untaxed)' });
  else collectIssues(() => (taxRate = parseTaxRate(fields['tax'] ?? '', `${field}.tax`)), issues);
  let quantity = 1;
  const qty = fields['qty']?.trim();
  if (qty !== undefined && qty !== '') {
    if (!/^\d+$/.test(qty) || Number(qty) < 1) issues.push({ field: `${field}.qty`, rule: `${shown(qty)} must be a whole number ≥ 1` });
    else quantity = Number(qty);
  }
  const type = (fields['type']?.trim() || 'physical') as OrderLineType;
  if (!(ORDER_LINE_TYPES as readonly string[]).includes(type)) issues.push({ field: `${field}.type`, rule: `must be one of ${ORDER_LINE_TYPES.join(', ')}; got ${shown(type)}` });
  let discount: number | undefined;
  const discountText = fields['discount']?.trim();
  if (discountText) collectIssues(() => (discount = parseAmount(discountText, currency, { field: `${field}.discount` })), issues);
  if (issues.length > 0) throw new ValidationError(issues);
  const ref = fields['ref']?.trim();
  const unit = fields['unit']?.trim();
  return {
    type,
    ...(ref ? { reference: ref } : {}),
    name,
    quantity,
    ...(unit ? { quantity_unit: unit } : {}),
    unit_price: unitPrice,
    tax_rate: taxRate,
    ...(discount ? { total_discount_amount: discount } : {}),
  };
}

/** Parses one `--line` value. `index` names it in errors: `line[2].price`. */
export function parseLineSpec(spec: string, currency: string, index = 0): OrderLineInput {
  const field = `line[${index + 1}]`;
  return lineFromFields(parseKeyValues(spec, field, LINE_SPEC_KEYS), currency, field);
}

/**
 * Parses one `--discount` value: a bare amount (`50.00`) or `amount=50.00,name=Loyalty,tax=25,ref=D1`.
 * Without `tax`, the discount takes the lines' tax rate when they all share one; otherwise tax is required,
 * because a discount must be taxed like the goods it reduces.
 */
export function parseDiscountSpec(spec: string, currency: string, lineTaxRates: readonly number[], index = 0): OrderLineInput {
  const field = `discount[${index + 1}]`;
  const fields = spec.includes('=') ? parseKeyValues(spec, field, DISCOUNT_SPEC_KEYS) : { amount: spec };
  const issues: Issue[] = [];
  let amount = 0;
  collectIssues(() => (amount = parseAmount(fields['amount'] ?? '', currency, { field: `${field}.amount`, allowZero: false })), issues);
  let taxRate: number | undefined;
  if (fields['tax'] !== undefined) collectIssues(() => (taxRate = parseTaxRate(fields['tax'] ?? '', `${field}.tax`)), issues);
  else {
    const rates = [...new Set(lineTaxRates)];
    if (rates.length === 1) taxRate = rates[0];
    else issues.push({ field: `${field}.tax`, rule: 'is required when the lines have different tax rates (e.g. amount=50,tax=25)' });
  }
  for (const key of ['name', 'ref'] as const) issues.push(...textIssues(fields[key] ?? '', `${field}.${key}`));
  if (issues.length > 0) throw new ValidationError(issues);
  const ref = fields['ref']?.trim();
  return {
    type: 'discount',
    ...(ref ? { reference: ref } : {}),
    name: fields['name']?.trim() || 'Discount',
    quantity: 1,
    unit_price: -amount,
    tax_rate: taxRate ?? 0,
  };
}
