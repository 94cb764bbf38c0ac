/**
 * The interactive part of `links create`: asks only for what the flags did not give (store, contact,
 * reference, lines with a running total, discounts, delivery). Without a TTY nothing is asked; every
 * missing value is named in ONE usage error instead.
 */
import type { Backend } from '../../../backends/backend.js';
import type { Store } from '../../../domain/model/store.js';
import { UsageError, ValidationError } from '../../../errors.js';
import { normalizeEmail, normalizePhone, validateMerchantReference } from '../../../domain/link-fields.js';
import { parseDiscountSpec, lineFromFields } from '../../../domain/line-spec.js';
import { formatMoney } from '../../../domain/money.js';
import { computeOrder, type OrderLineInput } from '../../../domain/order-lines.js';
import { suggestedTaxRate } from '../../../domain/standard-vat.js';
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
  if (!draft.lines?.length && draft.linesFile === undefined) missing.push('--line or --lines-file');
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

async function pickStore(ctx: DraftPromptContext, backend: Backend): Promise<string> {
  const stores = await backend.stores.list();
  return ctx.prompter.select<string>({
    message: 'Store',
    flag: '--store',
    choices: stores.map((s: Store) => ({
      name: `${s.id} — ${s.name} (${s.purchase_country}, ${s.currencies.join('/')})${s.terms_url ? '' : ' · no terms URL'}`,
      value: s.id,
    })),
  });
}

/** Returns the draft completed by prompts (or throws the usage error naming every missing flag). */
export async function completeDraft(
  ctx: DraftPromptContext,
  backend: Backend,
  draft: Omit<LinkDraft, 'storeId'> & { storeId?: string | undefined },
  /** false with --yes: ask only for required values; optional ones (discounts, delivery) take their defaults. */
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
  const store = await linkStore(backend, storeId);
  const next: LinkDraft = { ...draft, storeId };
  const country = (draft.country ?? store.purchase_country).toUpperCase();
  const currency = draft.currency?.toUpperCase() ?? defaultLinkCurrency(store, country);
  const vat = suggestedTaxRate(country);

  if (!next.email && !next.phone) {
    const email = await p.input({ message: 'Customer email (empty to give a phone number instead)', flag: '--email', validate: (v) => (v.trim() === '' ? true : check((x) => normalizeEmail(x))(v)) });
    if (email.trim()) next.email = email.trim();
    else next.phone = await p.input({ message: 'Customer phone (E.164, e.g. +46701234567)', flag: '--phone', validate: check((v: string) => normalizePhone(v)) });
  }
  if (next.reference === undefined) {
    next.reference = await p.input({ message: 'Merchant reference (e.g. your order number)', flag: '--reference', validate: check((v: string) => validateMerchantReference(v, 'merchant_reference1')) });
  }
  const inputs: OrderLineInput[] = [...(next.lineInputs ?? [])];
  if (!next.lines?.length && next.linesFile === undefined) {
    for (;;) {
      const n = inputs.length + 1;
      const name = await p.input({ message: `Line ${n} name`, flag: '--line', validate: (v) => (v.trim() ? true : 'a name is required') });
      const price = await p.input({ message: `Line ${n} unit price (${currency}, tax included)`, flag: '--line', validate: check((v: string) => lineFromFields({ name, price: v, tax: '0' }, currency, 'line')) });
      const qty = await p.input({ message: `Line ${n} quantity`, flag: '--line', default: '1', validate: check((v: string) => lineFromFields({ name, price, qty: v, tax: '0' }, currency, 'line')) });
      const tax = await p.input({ message: `Line ${n} tax rate %`, flag: '--line', default: vat, validate: check((v: string) => lineFromFields({ name, price, qty, tax: v }, currency, 'line')) });
      inputs.push(lineFromFields({ name, price, qty, tax }, currency, `line[${n}]`));
      const totals = computeOrder(inputs);
      ctx.logger.info(`  ${inputs.length} line${inputs.length === 1 ? '' : 's'} · total ${formatMoney(totals.order_amount, currency)} (tax ${formatMoney(totals.order_tax_amount, currency)})`);
      if (!(await p.confirm({ message: 'Add another line?', flag: '--line', default: false }))) break;
    }
  }
  if (askOptional && next.discounts === undefined && inputs.length > 0) {
    const rates = inputs.map((l) => l.tax_rate);
    while (await p.confirm({ message: 'Add a discount?', flag: '--discount', default: false })) {
      const amount = await p.input({ message: `Discount amount (${currency})`, flag: '--discount', validate: check((v: string) => parseDiscountSpec(`amount=${v},tax=0`, currency, rates)) });
      const name = await p.input({ message: 'Discount name', flag: '--discount', default: 'Discount' });
      const spec = `amount=${amount},name=${name.replace(/,/g, '\\,')}`;
      let line: OrderLineInput;
      try {
        line = parseDiscountSpec(spec, currency, rates);
      } catch {
        const tax = await p.input({ message: 'Discount tax rate % (the lines have several)', flag: '--discount', default: vat });
        line = parseDiscountSpec(`${spec},tax=${tax}`, currency, rates);
      }
      inputs.push(line);
      const totals = computeOrder(inputs);
      ctx.logger.info(`  total after discounts ${formatMoney(totals.order_amount, currency)} (tax ${formatMoney(totals.order_tax_amount, currency)})`);
    }
  }
  next.lineInputs = inputs;
  if (askOptional && next.send === undefined) {
    const choices = [
      ...(next.email ? [{ name: `Email to ${next.email}`, value: 'email' }] : []),
      ...(next.phone ? [{ name: `SMS to ${next.phone}`, value: 'sms' }] : []),
      { name: 'Do not send (print the URL)', value: 'none' },
    ];
    next.send = await p.select<string>({ message: 'Delivery', flag: '--send', choices });
  }
  return next;
}
