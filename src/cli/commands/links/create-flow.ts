/**
 * The single-link flow of `links create`: complete the draft (prompts on a terminal, one usage error
 * naming every missing flag otherwise), check it against the backend, then — unless it is a dry run —
 * pass the write guard, show the review and, on a terminal, create, edit (a field, a line added or
 * removed; the review is shown again) or cancel.
 */
import type { Writable } from 'node:stream';
import type { Backend, CreateLinkRequest } from '../../../backends/backend.js';
import type { PaymentLink } from '../../../domain/model/payment-link.js';
import { CancelledError, ValidationError } from '../../../errors.js';
import { reviewText } from '../../../output/views/links.js';
import type { LinkDraft } from '../../../services/links/link-draft.js';
import type { WriteGate } from '../../../services/auth/write-gate.js';
import {
  askAmount,
  askAutoCapture,
  askContact,
  askDelivery,
  askLine,
  askReferences,
  completeDraft,
  draftMarket,
  editableLines,
  type DraftPromptContext,
} from './draft-questions.js';

export type CreateOneResult = { dryRun: true; request: CreateLinkRequest } | { dryRun: false; link: PaymentLink };

export interface CreateOneOptions {
  /** With --yes: no confirmation, and optional questions (discounts, delivery) take their defaults. */
  yes: boolean;
  dryRun: boolean;
  gate: WriteGate;
  /** The `--store` flag, if given. */
  storeFlag?: string | undefined;
}

type ReviewChoice = 'create' | 'edit' | 'cancel';
type EditChoice = 'contact' | 'references' | 'add-line' | 'remove-line' | 'amount' | 'auto-capture' | 'delivery' | 'back';

/** Asks again for the part of the draft the person picks at the review. */
async function editDraft(ctx: DraftPromptContext, backend: Backend, draft: LinkDraft, refused: boolean): Promise<void> {
  const p = ctx.prompter;
  const market = await draftMarket(backend, draft);
  const amountOnly = draft.amount !== undefined;
  const fromFile = draft.linesFile !== undefined;
  const lines = amountOnly || fromFile ? [] : editableLines(draft, market.currency);
  const what = await p.select<EditChoice>({
    message: 'Edit what?',
    flag: '--yes',
    choices: [
      { name: 'Customer (email, phone)', value: 'contact' },
      { name: 'Merchant references', value: 'references' },
      ...(amountOnly
        ? [{ name: 'Amount, description, tax', value: 'amount' as const }]
        : fromFile
          ? []
          : [
              { name: 'Add a line', value: 'add-line' as const },
              ...(lines.length > 1 ? [{ name: 'Remove a line', value: 'remove-line' as const }] : []),
            ]),
      { name: 'Auto-capture', value: 'auto-capture' },
      { name: 'Delivery', value: 'delivery' },
      // A refused draft has no review to go back to: the way out is to cancel.
      refused ? { name: 'Cancel (nothing is created)', value: 'back' } : { name: 'Back to the review', value: 'back' },
    ],
  });
  if (what === 'back' && refused) throw new CancelledError('Cancelled: nothing was changed.');
  if (what === 'contact') await askContact(p, draft, market);
  else if (what === 'references') await askReferences(p, draft, true);
  else if (what === 'amount') await askAmount(p, draft, market);
  else if (what === 'auto-capture') await askAutoCapture(p, draft);
  else if (what === 'delivery') await askDelivery(p, draft);
  else if (what === 'add-line' || what === 'remove-line') {
    if (what === 'add-line') lines.push(await askLine(p, market, lines, lines.length + 1));
    else {
      const index = await p.select<number>({ message: 'Remove which line?', flag: '--line', choices: lines.map((l, i) => ({ name: `${l.name}${l.reference ? ` (${l.reference})` : ''}`, value: i })) });
      lines.splice(index, 1);
    }
    // The flag specs are now lines like the typed ones; discounts stay discounts (they follow the lines).
    draft.lines = undefined;
    draft.lineInputs = lines;
  }
  // A delivery channel whose contact was just removed is asked again.
  if ((draft.send === 'email' && !draft.email) || (draft.send === 'sms' && !draft.phone)) await askDelivery(p, draft);
}

export async function createOneLink(
  ctx: DraftPromptContext & { io: { stderr: Writable } },
  backend: Backend,
  given: Omit<LinkDraft, 'storeId'> & { storeId?: string | undefined },
  options: CreateOneOptions,
): Promise<CreateOneResult> {
  const { checkLinkDraft, createLink } = await import('../../../services/links/create-link.js');
  const draft = await completeDraft(ctx, backend, given, !options.yes);
  const reviewing = ctx.prompter.interactive && !options.yes && !options.dryRun;
  for (;;) {
    let request: CreateLinkRequest;
    try {
      // Checked against the backend and, unless it is a dry run, the live write (the store named or picked).
      request = await checkLinkDraft(backend, draft, { dryRun: options.dryRun, gate: options.gate, storeFlag: options.storeFlag, storePicked: given.storeId === undefined });
    } catch (error) {
      // At the review a refused draft can be fixed in place instead of starting over.
      if (!reviewing || !(error instanceof ValidationError)) throw error;
      ctx.io.stderr.write(`\n${error.message}\n`);
      await editDraft(ctx, backend, draft, true);
      continue;
    }
    if (options.dryRun) return { dryRun: true, request };
    if (!reviewing) return { dryRun: false, link: await createLink(backend, request) };
    ctx.io.stderr.write(`\n${reviewText(request, backend.clock.now())}\n`);
    const choice = await ctx.prompter.select<ReviewChoice>({
      message: 'Create this payment link?',
      flag: '--yes',
      choices: [
        { name: 'Yes, create it', value: 'create' },
        { name: 'Edit before creating', value: 'edit' },
        { name: 'No, cancel', value: 'cancel' },
      ],
    });
    if (choice === 'cancel') throw new CancelledError('Cancelled: nothing was changed.');
    if (choice === 'create') return { dryRun: false, link: await createLink(backend, request) };
    await editDraft(ctx, backend, draft, false);
  }
}
