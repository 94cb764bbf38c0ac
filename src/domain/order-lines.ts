/**
 * Kustom order lines: building them from what the merchant typed, and checking lines someone else built.
 *
 * Field names are Kustom's snake_case because these objects go to the API and into `--json` output
 * unchanged. The arithmetic rules Kustom checks on every order:
 *   total_amount     = quantity × unit_price − total_discount_amount          (exact)
 *   total_tax_amount ≈ total_amount·tax_rate/(10000+tax_rate)                  (±1 minor unit)
 *   order_amount     = Σ total_amount,  order_tax_amount = Σ total_tax_amount  (exact)
 *   discount lines are negative.
 *
 * Decisions:
 *   - `reference` is always present on a computed line and defaults to `''`: Kustom advises always sending
 *     it, and a fixed shape keeps JSON output and CSV columns stable.
 *   - New lines ({@link computeLine}) need quantity ≥ 1: a zero-quantity line adds nothing to a new cart and
 *     is almost always a typo. Lines we only check ({@link validateOrderLines}, e.g. from the provider)
 *     may have quantity 0, as Kustom allows.
 *   - `discount` lines must have a negative unit_price; `gift_card` and `store_credit` may have either sign
 *     (selling a gift card is positive, redeeming one against the order is negative); every other type
 *     must be non-negative.
 *   - An order built here has 1–1000 lines and 0 ≤ order_amount ≤ 200 000 000 minor units. Kustom caps each
 *     line at 100 000 000 but sets no order cap; 200 000 000 is the most one capture, refund or
 *     authorization update may carry, so a larger order could not be handled in one step.
 *     A zero total (a discount exactly covering the cart) is allowed, as Kustom allows it.
 */
import { shown, textIssues } from './text-rules.js';
import { ValidationError } from '../errors.js';
import { formatMoney } from './money.js';
import type { Issue } from '../errors.js';
import { isTaxWithinTolerance, lineTaxAmount, MAX_TAX_RATE } from './tax.js';

export const ORDER_LINE_TYPES = [
  'physical',
  'discount',
  'shipping_fee',
  'sales_tax',
  'digital',
  'gift_card',
  'store_credit',
  'surcharge',
] as const;
export type OrderLineType = (typeof ORDER_LINE_TYPES)[number];

/** Order Management additionally accepts `return_fee` (e.g. on refunds); Checkout does not. */
export const OM_ORDER_LINE_TYPES = [...ORDER_LINE_TYPES, 'return_fee'] as const;

/** Types whose amounts may be negative without being a `discount` (see the module comment). */
const SIGNED_LINE_TYPES: readonly string[] = ['gift_card', 'store_credit'];

export const MAX_LINE_AMOUNT = 100_000_000; // KCO: |unit_price| and |total_amount| per line
export const MAX_OM_LINE_AMOUNT = 200_000_000; // OM spec allows larger unit prices
export const MAX_ORDER_AMOUNT = 200_000_000; // largest single capture/refund/authorization Kustom accepts
export const MAX_ORDER_LINES = 1000;
export const MAX_NAME_LENGTH = 255;
export const MAX_REFERENCE_LENGTH = 255;
export const MAX_QUANTITY_UNIT_LENGTH = 8; // Checkout; OM allows 10

export interface OrderLineInput {
  type: OrderLineType;
  reference?: string;
  name: string;
  quantity: number;
  quantity_unit?: string;
  /** Minor units, tax included, before discount; negative for `discount` lines. */
  unit_price: number;
  /** Percent × 100: 25 % → 2500. */
  tax_rate: number;
  /** Minor units, tax included, ≥ 0. */
  total_discount_amount?: number;
}

export interface OrderLine extends OrderLineInput {
  reference: string;
  total_discount_amount: number;
  total_amount: number;
  total_tax_amount: number;
}

export interface OrderTotals {
  order_amount: number;
  order_tax_amount: number;
  order_lines: OrderLine[];
}

export interface OrderLinesToValidate {
  order_amount: number;
  order_tax_amount: number;
  order_lines: readonly OrderLine[];
}

export interface ValidateOrderLinesOptions {
  /** `order_management` accepts `return_fee`, 10-char units and 200 000 000 unit prices. Default `checkout`. */
  context?: 'checkout' | 'order_management';
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Shows a value from untrusted input in a rule: numbers as written, anything else as JSON. */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

function linePath(index: number, key: string): string {
  return `order_lines[${index}].${key}`;
}

function formatLimit(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

interface LineRuleOptions {
  types: readonly string[];
  minQuantity: number;
  maxUnitLength: number;
  maxUnitPrice: number;
}

/** Rules shared by new and given lines: everything except the computed totals. */
function inputIssues(line: Partial<Record<keyof OrderLine, unknown>>, index: number, rules: LineRuleOptions): Issue[] {
  const issues: Issue[] = [];
  const add = (key: string, rule: string): void => {
    issues.push({ field: linePath(index, key), rule });
  };

  if (typeof line.type !== 'string' || !rules.types.includes(line.type)) {
    add('type', `must be one of ${rules.types.join(', ')}; got ${JSON.stringify(line.type)}`);
  }
  if (typeof line.name !== 'string' || line.name.trim() === '') {
    add('name', 'must be a non-empty text of at most 255 characters');
  } else if (line.name.length > MAX_NAME_LENGTH) {
    add('name', `is ${line.name.length} characters; at most ${MAX_NAME_LENGTH} are allowed`);
  } else {
    issues.push(...textIssues(line.name, linePath(index, 'name')));
  }
  if (line.reference !== undefined) {
    if (typeof line.reference !== 'string') add('reference', 'must be text');
    else if (line.reference.length > MAX_REFERENCE_LENGTH) {
      add('reference', `is ${line.reference.length} characters; at most ${MAX_REFERENCE_LENGTH} are allowed`);
    } else issues.push(...textIssues(line.reference, linePath(index, 'reference')));
  }
  if (!isInt(line.quantity) || line.quantity < rules.minQuantity) {
    add('quantity', `must be a whole number ≥ ${rules.minQuantity}; got ${show(line.quantity)}`);
  }
  if (line.quantity_unit !== undefined) {
    if (
      typeof line.quantity_unit !== 'string' ||
      line.quantity_unit.length < 1 ||
      line.quantity_unit.length > rules.maxUnitLength
    ) {
      add('quantity_unit', `must be 1–${rules.maxUnitLength} characters, e.g. pcs or kg; got ${typeof line.quantity_unit === 'string' ? shown(line.quantity_unit) : JSON.stringify(line.quantity_unit)}`);
    } else issues.push(...textIssues(line.quantity_unit, linePath(index, 'quantity_unit')));
  }
  if (!isInt(line.unit_price)) {
    add('unit_price', `must be a whole number of minor units; got ${show(line.unit_price)}`);
  } else if (Math.abs(line.unit_price) > rules.maxUnitPrice) {
    add('unit_price', `${line.unit_price} is beyond the per-line limit of ±${formatLimit(rules.maxUnitPrice)} minor units`);
  } else if (line.type === 'discount' && line.unit_price >= 0) {
    add('unit_price', `discount lines must have a negative unit_price; got ${line.unit_price}`);
  } else if (
    line.type !== 'discount' &&
    typeof line.type === 'string' &&
    !SIGNED_LINE_TYPES.includes(line.type) &&
    line.unit_price < 0
  ) {
    add('unit_price', `must not be negative for a ${line.type} line (use a discount line for reductions); got ${line.unit_price}`);
  }
  if (!isInt(line.tax_rate) || line.tax_rate < 0 || line.tax_rate > MAX_TAX_RATE) {
    add('tax_rate', `must be an integer from 0 to 10000 (percent × 100, 25% = 2500); got ${show(line.tax_rate)}`);
  }
  if (line.total_discount_amount !== undefined) {
    const discount = line.total_discount_amount;
    if (!isInt(discount) || discount < 0) {
      add('total_discount_amount', `must be a whole number of minor units ≥ 0; got ${show(discount)}`);
    } else if (isInt(line.quantity) && isInt(line.unit_price) && discount > 0) {
      const gross = line.quantity * line.unit_price;
      if (discount > Math.max(0, gross)) {
        add(
          'total_discount_amount',
          gross <= 0
            ? `must be 0 on a line whose quantity × unit_price is ${gross}`
            : `${discount} exceeds quantity × unit_price (${gross})`,
        );
      }
    }
  }
  return issues;
}

const NEW_LINE_RULES: LineRuleOptions = {
  types: ORDER_LINE_TYPES,
  minQuantity: 1,
  maxUnitLength: MAX_QUANTITY_UNIT_LENGTH,
  maxUnitPrice: MAX_LINE_AMOUNT,
};

/** Issues with a new line, without throwing; {@link computeLine} throws them. */
export function orderLineInputIssues(input: OrderLineInput, index = 0): Issue[] {
  const issues = inputIssues(input, index, NEW_LINE_RULES);
  if (issues.length === 0) {
    const total = input.quantity * input.unit_price - (input.total_discount_amount ?? 0);
    if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_LINE_AMOUNT) {
      issues.push({
        field: linePath(index, 'total_amount'),
        rule: `quantity × unit_price − total_discount_amount = ${total} is beyond the per-line limit of ±${formatLimit(MAX_LINE_AMOUNT)} minor units`,
      });
    }
  }
  return issues;
}

function buildLine(input: OrderLineInput): OrderLine {
  const discount = input.total_discount_amount ?? 0;
  const total = input.quantity * input.unit_price - discount;
  // Key order mirrors Kustom's documentation so JSON output reads like the API.
  const line: OrderLine = {
    type: input.type,
    reference: input.reference ?? '',
    name: input.name,
    quantity: input.quantity,
    ...(input.quantity_unit === undefined ? {} : { quantity_unit: input.quantity_unit }),
    unit_price: input.unit_price,
    tax_rate: input.tax_rate,
    total_discount_amount: discount,
    total_amount: total,
    total_tax_amount: lineTaxAmount(total, input.tax_rate),
  };
  return line;
}

/** Validates a new line (every issue at once) and fills in its totals. `index` only names fields. */
export function computeLine(input: OrderLineInput, index = 0): OrderLine {
  const issues = orderLineInputIssues(input, index);
  if (issues.length > 0) throw new ValidationError(issues);
  return buildLine(input);
}

/** Validates and totals a new cart; all issues from all lines are reported together. */
export function computeOrder(inputs: readonly OrderLineInput[], currency?: string): OrderTotals {
  // Messages speak money when the currency is known (a merchant typed 5, not 500).
  const amount = (minor: number): string => (currency === undefined ? String(minor) : formatMoney(minor, currency));
  if (inputs.length === 0) throw ValidationError.single('order_lines', 'must contain at least one line');
  if (inputs.length > MAX_ORDER_LINES) {
    throw ValidationError.single('order_lines', `has ${inputs.length} lines; at most ${MAX_ORDER_LINES} are allowed`);
  }
  const issues = inputs.flatMap((input, index) => orderLineInputIssues(input, index));
  if (issues.length > 0) throw new ValidationError(issues);

  const lines = inputs.map(buildLine);
  // Each line is within ±1e8 and there are at most 1000, so these sums stay far inside the safe range.
  const orderAmount = lines.reduce((sum, line) => sum + line.total_amount, 0);
  const orderTax = lines.reduce((sum, line) => sum + line.total_tax_amount, 0);
  if (orderAmount < 0) {
    const discounts = lines.filter((l) => l.total_amount < 0).reduce((s, l) => s - l.total_amount, 0);
    issues.push({
      field: 'order_amount',
      rule: `discounts (${amount(discounts)}) exceed the rest of the order (${amount(orderAmount + discounts)}); the order total cannot be negative`,
    });
  } else if (orderAmount > MAX_ORDER_AMOUNT) {
    issues.push({ field: 'order_amount', rule: `${orderAmount} exceeds the maximum of ${formatLimit(MAX_ORDER_AMOUNT)} minor units` });
  }
  // A negative order total already explains a negative tax; report the root cause once.
  if (orderTax < 0 && orderAmount >= 0) {
    issues.push({
      field: 'order_tax_amount',
      rule: `is ${orderTax}; Kustom requires order tax ≥ 0 (a discount taxed at a higher rate than the goods it reduces?)`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { order_amount: orderAmount, order_tax_amount: orderTax, order_lines: lines };
}

/**
 * Checks GIVEN lines and totals (a lines file, a provider response) against Kustom's rules and returns
 * every broken rule; [] when valid. Nothing is recomputed or corrected.
 */
export function validateOrderLines(order: OrderLinesToValidate, opts: ValidateOrderLinesOptions = {}): Issue[] {
  const om = opts.context === 'order_management';
  const rules: LineRuleOptions = {
    types: om ? OM_ORDER_LINE_TYPES : ORDER_LINE_TYPES,
    minQuantity: 0,
    maxUnitLength: om ? 10 : MAX_QUANTITY_UNIT_LENGTH,
    maxUnitPrice: om ? MAX_OM_LINE_AMOUNT : MAX_LINE_AMOUNT,
  };
  const issues: Issue[] = [];
  const lines: readonly unknown[] = Array.isArray(order.order_lines) ? order.order_lines : [];
  if (!Array.isArray(order.order_lines)) issues.push({ field: 'order_lines', rule: 'must be a list of order lines' });
  if (lines.length > MAX_ORDER_LINES) {
    issues.push({ field: 'order_lines', rule: `has ${lines.length} lines; at most ${MAX_ORDER_LINES} are allowed` });
  }

  let sumAmount = 0n;
  let sumTax = 0n;
  let sumsKnown = true;
  lines.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) {
      issues.push({ field: `order_lines[${index}]`, rule: 'must be an order line object' });
      sumsKnown = false;
      return;
    }
    const line = raw as Partial<Record<keyof OrderLine, unknown>>;
    const lineIssues = inputIssues(line, index, rules);
    issues.push(...lineIssues);
    const add = (key: string, rule: string): void => {
      issues.push({ field: linePath(index, key), rule });
    };

    const { quantity, unit_price: unitPrice, tax_rate: taxRate, total_amount: total, total_tax_amount: tax } = line;
    const discount = line.total_discount_amount ?? 0;
    if (!isInt(total)) {
      add('total_amount', `must be a whole number of minor units; got ${show(total)}`);
      sumsKnown = false;
    } else {
      sumAmount += BigInt(total);
      if (Math.abs(total) > rules.maxUnitPrice) {
        add('total_amount', `${total} is beyond the per-line limit of ±${formatLimit(rules.maxUnitPrice)} minor units`);
      }
      if (isInt(quantity) && isInt(unitPrice) && isInt(discount)) {
        const expected = BigInt(quantity) * BigInt(unitPrice) - BigInt(discount);
        if (BigInt(total) !== expected) {
          add('total_amount', `is ${total}; quantity × unit_price − total_discount_amount = ${expected}`);
        }
      }
    }
    if (!isInt(tax)) {
      add('total_tax_amount', `must be a whole number of minor units; got ${show(tax)}`);
      sumsKnown = false;
    } else {
      sumTax += BigInt(tax);
      if (isInt(total) && isInt(taxRate) && taxRate >= 0 && taxRate <= MAX_TAX_RATE && !isTaxWithinTolerance(total, taxRate, tax)) {
        add(
          'total_tax_amount',
          `is ${tax}; at tax_rate ${taxRate} the tax in ${total} is ${lineTaxAmount(total, taxRate)} (±1 accepted)`,
        );
      }
    }
    if (line.type === 'discount') {
      if (isInt(total) && total > 0) add('total_amount', `discount lines must have a negative total_amount; got ${total}`);
      if (isInt(tax) && tax > 0) add('total_tax_amount', `discount lines must have a negative total_tax_amount; got ${tax}`);
    }
  });

  if (!isInt(order.order_amount) || order.order_amount < 0) {
    issues.push({ field: 'order_amount', rule: `must be a whole number of minor units ≥ 0; got ${show(order.order_amount)}` });
  } else if (sumsKnown && BigInt(order.order_amount) !== sumAmount) {
    issues.push({ field: 'order_amount', rule: `is ${order.order_amount}; the sum of the lines' total_amount is ${sumAmount}` });
  }
  if (!isInt(order.order_tax_amount) || order.order_tax_amount < 0) {
    issues.push({
      field: 'order_tax_amount',
      rule: `must be a whole number of minor units ≥ 0; got ${show(order.order_tax_amount)}`,
    });
  } else if (sumsKnown && BigInt(order.order_tax_amount) !== sumTax) {
    issues.push({ field: 'order_tax_amount', rule: `is ${order.order_tax_amount}; the sum of the lines' total_tax_amount is ${sumTax}` });
  }
  return issues;
}

/** {@link validateOrderLines}, throwing one ValidationError with every issue. */
export function assertValidOrderLines(order: OrderLinesToValidate, opts: ValidateOrderLinesOptions = {}): void {
  const issues = validateOrderLines(order, opts);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A one-unit `discount` line taking `amount` (positive minor units, tax included) off the order. */
export function discountLine(name: string, amount: number, taxRate: number, reference?: string): OrderLineInput {
  if (!isInt(amount) || amount <= 0) {
    throw ValidationError.single('discount', `must be a positive whole number of minor units; got ${show(amount)}`);
  }
  return {
    type: 'discount',
    ...(reference === undefined ? {} : { reference }),
    name,
    quantity: 1,
    unit_price: -amount,
    tax_rate: taxRate,
  };
}
