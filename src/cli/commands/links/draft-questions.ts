/**
 * The interactive part of `links create`: asks only for what the flags did not give (store, contact,
 * references, lines — or one amount — with a running total, discounts, auto-capture, delivery). Each
 * question is its own function, so the review can ask one of them again (edit before confirm). Without a
 * TTY nothing is asked; every missing value is named in ONE usage error instead.
 */
import type { Backend } from '../../../backends/backend.js';
import type { Store } from '../../../domain/model/store.js';
import { UsageError, ValidationError } from '../../../errors.js';
import { normalizeEmail, normalizePhone, validateDescription, validateMerchantReference } from '../../../domain/link-fields.js';
import { parseDiscountSpec, lineFromFields, parseLineSpec } from '../../../domain/line-spec.js';
import { suggestLineReference } from '../../../domain/line-reference.js';
import { formatMoney } from '../../../domain/money.js';
import { computeOrder, ORDER_LINE_TYPES, type OrderLineInput } from '../../../domain/order-lines.js';
import { suggestedTaxRate } from '../../../domain/standard-vat.js';
import { assertStoreReadyForLinks } from '../../../domain/store-rules.js';
import { checkText } from '../../../domain/text-rules.js';
import type { Logger } from '../../../output/logger.js';
import { defaultLinkCurrency, linkStore, type LinkDraft } from '../../../services/links/link-draft.js';
import type { Prompter } from '../../../prompts/prompter.js';

/** What the questions need: someone to ask, and somewhere to show the running total. */
export interface DraftPromptContext {
  prompter: Prompter;
  logger: Logger;
}

/** Flags a script must give (named together when missing). */
export function missingFlags(draft: Partial<LinkDraft>): string[] {
  const missing: string[] = [];
  if (!draft.storeId) missing.push('--store');
  if (!draft.email && !draft.phone) missing.push('--email or --phone');
  if (draft.reference === undefined) missing.push('--reference');
  if (!draft.lines?.length && draft.linesFile === undefined && draft.amount === undefined) missing.push('--line, --lines-file or --amount');
  return missing;
}

const check = (fn: (value: string) => unknown) => (value: string): true | string => {
  try {
    fn(value);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.rule).join('; ');
    throw error;
  }
};

/** Why a store cannot take links, or undefined when it can. */
function storeRefusal(store: Store): string | undefined {
  try {
    assertStoreReadyForLinks(store);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return `(${error.issues.map((i) => i.rule.replace(`store ${store.id} `, '')).join('; ')})`;
    throw error;
  }
}

/** Starts on the first store that can take links; the others are shown, disabled, with the reason. */
async function pickStore(ctx: DraftPromptContext, backend: Backend): Promise<string> {
  const stores = await backend.stores.list();
  const choices = stores.map((s: Store) => {
    const refusal = storeRefusal(s);
    return { name: `${s.id} — ${s.name} (${s.purchase_country}, ${s.currencies.join('/')})`, value: s.id, ...(refusal ? { disabled: refusal } : {}) };
  });
  const first = choices.find((c) => !('disabled' in c));
  if (!first) {
    throw new UsageError('No store can take payment links yet: every store lacks a terms-and-conditions URL.', {
      hint: 'Set one with: merchant stores configure <id> --terms-url https://your-shop.example/terms',
    });
  }
  return ctx.prompter.select<string>({ message: 'Store', flag: '--store', choices, default: first.value });
}

/** What every question about a draft knows: the store's country, currency and standard VAT rate. */
export interface DraftMarket {
  country: string;
  currency: string;
  vat: string;
}

export async function draftMarket(backend: Backend, draft: LinkDraft): Promise<DraftMarket> {
  const store = await linkStore(backend, draft.storeId);
  const country = (draft.country ?? store.purchase_country).toUpperCase();
  return { country, currency: draft.currency?.toUpperCase() ?? defaultLinkCurrency(store, country), vat: suggestedTaxRate(country) };
}

/** Email, phone, or both; a local phone number is read with the purchase country. */
export async function askContact(p: Prompter, draft: LinkDraft, market: DraftMarket): Promise<void> {
  const email = await p.input({ message: 'Customer email (empty to give only a phone number)', flag: '--email', default: draft.email ?? '', validate: (v) => (v.trim() === '' ? true : check((x) => normalizeEmail(x))(v)) });
  draft.email = email.trim() || undefined;
  const phone = await p.input({
    message: draft.email ? `Customer phone (optional; local ${market.country} numbers are fine)` : `Customer phone (local ${market.country} numbers are fine)`,
    flag: '--phone',
    default: draft.phone ?? '',
    validate: (v) => (v.trim() === '' && draft.email ? true : check((x) => normalizePhone(x, 'phone', market.country))(v)),
  });
  draft.phone = phone.trim() ? normalizePhone(phone, 'phone', market.country) : undefined;
}

export async function askReferences(p: Prompter, draft: LinkDraft, askOptional: boolean): Promise<void> {
  draft.reference = await p.input({ message: 'Merchant reference (e.g. your order number)', flag: '--reference', ...(draft.reference ? { default: draft.reference } : {}), validate: check((v: string) => validateMerchantReference(v, 'merchant_reference1')) });
  if (!askOptional) return;
  const second = await p.input({ message: 'Merchant reference 2 (optional)', flag: '--reference2', default: draft.reference2 ?? '', validate: (v) => (v.trim() === '' ? true : check((x) => validateMerchantReference(x, 'merchant_reference2'))(v)) });
  draft.reference2 = second.trim() || undefined;
}

/** One order line: name, reference (a suggestion from the name), type, price, quantity, tax rate. */
export async function askLine(p: Prompter, market: DraftMarket, others: readonly OrderLineInput[], n: number): Promise<OrderLineInput> {
  const { currency, vat } = market;
  const name = await p.input({ message: `Line ${n} name`, flag: '--line', validate: (v) => (v.trim() ? check((x) => checkText(x, 'name'))(v) : 'a name is required') });
  const taken = others.map((l) => l.reference).filter((r): r is string => Boolean(r));
  const ref = await p.input({
    message: `Line ${n} reference (SKU; captures and refunds name the line by it)`,
    flag: '--line',
    default: suggestLineReference(name, taken, n),
    validate: (v) => (taken.includes(v.trim()) ? `another line already has reference ${v.trim()}` : check((x) => lineFromFields({ name, ref: x, price: '0', tax: '0' }, currency, 'line'))(v)),
  });
  const type = await p.select<string>({
    message: `Line ${n} type`,
    flag: '--line',
    default: 'physical',
    choices: ORDER_LINE_TYPES.filter((t) => t !== 'discount').map((t) => ({ name: t, value: t })),
  });
  const price = await p.input({ message: `Line ${n} unit price (${currency}, tax included)`, flag: '--line', validate: check((v: string) => lineFromFields({ name, price: v, tax: '0' }, currency, 'line')) });
  const qty = await p.input({ message: `Line ${n} quantity`, flag: '--line', default: '1', validate: check((v: string) => lineFromFields({ name, price, qty: v, tax: '0' }, currency, 'line')) });
  const tax = await p.input({ message: `Line ${n} tax rate %`, flag: '--line', default: vat, validate: check((v: string) => lineFromFields({ name, price, qty, tax: v }, currency, 'line')) });
  return lineFromFields({ name, ref, type, price, qty, tax }, currency, `line[${n}]`);
}

/** An amount-only link: one line named by the description, taxed at the standard rate unless told otherwise. */
export async function askAmount(p: Prompter, draft: LinkDraft, market: DraftMarket): Promise<void> {
  draft.amount = await p.input({ message: `Amount (${market.currency}, tax included)`, flag: '--amount', ...(draft.amount ? { default: draft.amount } : {}), validate: check((v: string) => lineFromFields({ name: 'x', price: v, tax: '0' }, market.currency, 'amount')) });
  draft.description = await p.input({ message: 'Description (the line the customer sees)', flag: '--description', ...(draft.description ? { default: draft.description } : {}), validate: (v) => (v.trim() ? check((x) => validateDescription(x))(v) : 'a description is required') });
  draft.tax = await p.input({ message: 'Tax rate %', flag: '--tax', default: draft.tax ?? market.vat, validate: check((v: string) => lineFromFields({ name: 'x', price: '1', tax: v }, market.currency, 'amount')) });
}

function showTotal(ctx: DraftPromptContext, inputs: readonly OrderLineInput[], currency: string, afterDiscounts = false): void {
  const totals = computeOrder(inputs);
  const what = afterDiscounts ? 'total after discounts' : `${inputs.length} line${inputs.length === 1 ? '' : 's'} · total`;
  ctx.logger.info(`  ${what} ${formatMoney(totals.order_amount, currency)} (tax ${formatMoney(totals.order_tax_amount, currency)})`);
}

export async function askLines(ctx: DraftPromptContext, inputs: OrderLineInput[], market: DraftMarket): Promise<void> {
  for (;;) {
    inputs.push(await askLine(ctx.prompter, market, inputs, inputs.length + 1));
    showTotal(ctx, inputs, market.currency);
    if (!(await ctx.prompter.confirm({ message: 'Add another line?', flag: '--line', default: false }))) break;
  }
}

async function askDiscounts(ctx: DraftPromptContext, inputs: OrderLineInput[], market: DraftMarket): Promise<void> {
  const p = ctx.prompter;
  const { currency, vat } = market;
  const rates = inputs.map((l) => l.tax_rate);
  while (await p.confirm({ message: 'Add a discount?', flag: '--discount', default: false })) {
    const amount = await p.input({ message: `Discount amount (${currency})`, flag: '--discount', validate: check((v: string) => parseDiscountSpec(`amount=${v},tax=0`, currency, rates)) });
    const name = await p.input({ message: 'Discount name', flag: '--discount', default: 'Discount', validate: check((v: string) => checkText(v, 'discount name')) });
    const spec = `amount=${amount},name=${name.replace(/,/g, '\\,')}`;
    let line: OrderLineInput;
    try {
      line = parseDiscountSpec(spec, currency, rates);
    } catch {
      const tax = await p.input({ message: 'Discount tax rate % (the lines have several)', flag: '--discount', default: vat });
      line = parseDiscountSpec(`${spec},tax=${tax}`, currency, rates);
    }
    inputs.push(line);
    showTotal(ctx, inputs, currency, true);
  }
}

export async function askAutoCapture(p: Prompter, draft: LinkDraft): Promise<void> {
  draft.autoCapture = await p.confirm({ message: 'Capture automatically when the customer pays?', flag: '--auto-capture', default: draft.autoCapture ?? false });
}

export async function askDelivery(p: Prompter, draft: LinkDraft): Promise<void> {
  const choices = [
    ...(draft.email ? [{ name: `Email to ${draft.email}`, value: 'email' }] : []),
    ...(draft.phone ? [{ name: `SMS to ${draft.phone}`, value: 'sms' }] : []),
    { name: 'Do not send (print the URL)', value: 'none' },
  ];
  draft.send = await p.select<string>({ message: 'Delivery', flag: '--send', choices, ...(draft.send ? { default: draft.send } : {}) });
}

/** The lines a draft has, as inputs the review can edit (flag specs are parsed; a lines file stays a file). */
export function editableLines(draft: LinkDraft, currency: string): OrderLineInput[] {
  const inputs = [...(draft.lineInputs ?? [])];
  (draft.lines ?? []).forEach((spec, i) => inputs.push(parseLineSpec(spec, currency, i)));
  return inputs;
}

/** Returns the draft completed by prompts (or throws the usage error naming every missing flag). */
export async function completeDraft(
  ctx: DraftPromptContext,
  backend: Backend,
  draft: Omit<LinkDraft, 'storeId'> & { storeId?: string | undefined },
  /** false with --yes: ask only for required values; optional ones (reference 2, discounts, auto-capture, delivery) take their defaults. */
  askOptional = true,
): Promise<LinkDraft> {
  const p = ctx.prompter;
  if (!p.interactive) {
    const missing = missingFlags(draft);
    if (missing.length > 0) {
      throw new UsageError(`Missing ${missing.join(', ')} (cannot prompt: not a terminal).`, {
        hint: 'Example: merchant links create --store se-demo --email a@b.example --reference 10042 --line "name=T-shirt,qty=2,price=125.00,tax=25"',
        details: { missing },
      });
    }
    return draft as LinkDraft;
  }
  const storeId = draft.storeId ?? (await pickStore(ctx, backend));
  // A store without a terms URL stops the flow at once, before anything else is asked.
  const next: LinkDraft = { ...draft, storeId };
  const market = await draftMarket(backend, next);

  if (!next.email && !next.phone) await askContact(p, next, market);
  if (next.reference === undefined) await askReferences(p, next, askOptional);
  const inputs: OrderLineInput[] = [...(next.lineInputs ?? [])];
  if (!next.lines?.length && next.linesFile === undefined && next.amount === undefined && inputs.length === 0) {
    const mode = await p.select<'lines' | 'amount'>({
      message: 'Order lines, or one amount?',
      flag: '--line',
      choices: [
        { name: 'Order lines (items with quantities)', value: 'lines' },
        { name: `One amount (e.g. fees; taxed at ${market.vat} % unless you say otherwise)`, value: 'amount' },
      ],
    });
    if (mode === 'amount') await askAmount(p, next, market);
    else await askLines(ctx, inputs, market);
  }
  if (askOptional && next.discounts === undefined && inputs.length > 0) await askDiscounts(ctx, inputs, market);
  next.lineInputs = inputs;
  if (askOptional && next.autoCapture === undefined) await askAutoCapture(p, next);
  if (askOptional && next.send === undefined) await askDelivery(p, next);
  return next;
}
