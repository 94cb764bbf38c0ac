/**
 * zod schemas for order lines crossing a boundary (a lines file, a provider response), plus a helper
 * that turns zod's complaints into our ValidationError issues with Kustom-style paths
 * (`order_lines[2].unit_price`).
 *
 * Decision: a lines file uses exactly the API's units — `unit_price` and `total_discount_amount` as
 * integer minor units, `tax_rate` as percent × 100 — so a file can be checked against Kustom's
 * documentation and copied from API output without conversion, and no decimal parsing (with its locale
 * questions) hides inside file loading. Decimal amounts are for flags, via parseAmount/parseTaxRate.
 * A file is either a bare array of lines or an object with `order_lines` (so `--json` output of an order
 * can be fed back); line keys are strict, so a typo such as `unitprice` is reported rather than ignored.
 * The schemas check shapes and ranges only; arithmetic rules live in order-lines.ts.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { Issue } from '../errors.js';
import { isTaxWithinTolerance } from './tax.js';
import { computeLine, MAX_ORDER_LINES, OM_ORDER_LINE_TYPES, orderLineInputIssues, ORDER_LINE_TYPES } from './order-lines.js';
import type { OrderLine, OrderLineInput } from './order-lines.js';

const minor = z.number().int();

export const orderLineInputSchema = z.strictObject({
  type: z.enum(ORDER_LINE_TYPES),
  reference: z.string().max(255).optional(),
  name: z.string().min(1).max(255),
  quantity: z.number().int().min(0),
  quantity_unit: z.string().min(1).max(8).optional(),
  unit_price: minor,
  tax_rate: z.number().int().min(0).max(10000),
  total_discount_amount: minor.min(0).optional(),
});

/**
 * A line as Kustom returns it. Unknown keys (product_url, merchant_data, …) are dropped; a missing `type`
 * means `physical` and a missing `reference` is `''`, as in our own lines. OM's `return_fee` is
 * accepted here because OM responses may carry it.
 */
export const orderLineSchema = z.object({
  type: z.enum(OM_ORDER_LINE_TYPES).default('physical'),
  reference: z.string().max(255).default(''),
  name: z.string().min(1).max(255),
  quantity: z.number().int().min(0),
  quantity_unit: z.string().min(1).max(10).optional(),
  unit_price: minor,
  tax_rate: z.number().int().min(0).max(10000),
  total_discount_amount: minor.min(0).default(0),
  total_amount: minor,
  total_tax_amount: minor,
});

/**
 * A line in a lines file: the input fields, and optionally Kustom's own `total_amount` and
 * `total_tax_amount` (so a line copied from a Kustom order or request is accepted as it is). Given totals
 * are checked against the line's own arithmetic; the line is then built from its inputs.
 */
const fileLineSchema = orderLineInputSchema.extend({ total_amount: minor.optional(), total_tax_amount: minor.optional() });
const fileLinesArray = z.array(fileLineSchema).min(1).max(MAX_ORDER_LINES);

export const linesFileSchema = z.union([fileLinesArray, z.object({ order_lines: fileLinesArray }).transform((file) => file.order_lines)]);

// Compile-time guards that the schemas stay in step with the domain interfaces (a mismatch fails tsc).
type Assert<T extends true> = T;
export type SchemaMatchesOrderLineInput = Assert<z.output<typeof orderLineInputSchema> extends OrderLineInput ? true : false>;
export type SchemaMatchesOrderLine = Assert<z.output<typeof orderLineSchema> extends Omit<OrderLine, 'type'> ? true : false>;

/** Formats a zod path as `order_lines[2].unit_price`, prefixed by `root` when given. */
export function formatIssuePath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(input)' : out;
}

/** Converts a ZodError into our issues. */
export function issuesFromZod(error: z.ZodError, root = ''): Issue[] {
  return error.issues.map((issue) => ({ field: formatIssuePath(issue.path, root), rule: issue.message }));
}

/** Parses `value` with `schema`, throwing one ValidationError that names every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error, root));
  return result.data;
}

/** Parses a lines file's JSON value into line inputs; paths read `order_lines[2].unit_price` for both shapes. */
export function parseLinesFile(value: unknown): OrderLineInput[] {
  if (typeof value !== 'object' || value === null) {
    throw ValidationError.single('order_lines', 'a lines file must hold a JSON array of order lines, or an object with "order_lines"');
  }
  const lines = Array.isArray(value) ? parseWith(fileLinesArray, value, 'order_lines') : parseWith(z.object({ order_lines: fileLinesArray }), value).order_lines;
  const issues = lines.flatMap((line, i) => givenTotalIssues(line, i));
  if (issues.length > 0) throw new ValidationError(issues);
  return lines.map(({ total_amount: _total, total_tax_amount: _tax, ...input }) => input);
}

/** A total the file gives must be the one the line's own fields make (the API refuses it otherwise). */
function givenTotalIssues(line: z.output<typeof fileLineSchema>, index: number): Issue[] {
  if (line.total_amount === undefined && line.total_tax_amount === undefined) return [];
  const { total_amount: _total, total_tax_amount: _tax, ...input } = line;
  if (orderLineInputIssues(input, index).length > 0) return []; // the line's own issues are reported when it is built
  const built = computeLine(input, index);
  const issues: Issue[] = [];
  if (line.total_amount !== undefined && line.total_amount !== built.total_amount) {
    issues.push({ field: `order_lines[${index}].total_amount`, rule: `is ${line.total_amount}, but quantity × unit_price − total_discount_amount is ${built.total_amount} (minor units)` });
  }
  // Kustom allows a rounding tolerance on the tax; within it the line keeps the amount its fields make.
  if (line.total_tax_amount !== undefined && !isTaxWithinTolerance(built.total_amount, line.tax_rate, line.total_tax_amount)) {
    issues.push({ field: `order_lines[${index}].total_tax_amount`, rule: `is ${line.total_tax_amount}, but total_amount at tax_rate ${line.tax_rate} makes ${built.total_tax_amount} (minor units)` });
  }
  return issues;
}
