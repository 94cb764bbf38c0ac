/**
 * The single-link flow of `links create`: complete the draft (prompts on a terminal, one usage error
 * naming every missing flag otherwise), check it against the backend (and the live write), then — unless
 * it is a dry run — show the review and confirm on a terminal, and create the link.
 */
import type { Writable } from 'node:stream';
import type { Backend, CreateLinkRequest } from '../../../backends/backend.js';
import type { PaymentLink } from '../../../domain/model/payment-link.js';
import { reviewText } from '../../../output/views/links.js';
import type { LinkDraft } from '../../../services/links/link-draft.js';
import type { WriteGate } from '../../../services/auth/write-gate.js';
import { completeDraft, type DraftPromptContext } from './draft-questions.js';
import { confirmOrAbort } from '../../../prompts/prompter.js';

export type CreateOneResult = { dryRun: true; request: CreateLinkRequest } | { dryRun: false; link: PaymentLink };

export interface CreateOneOptions {
  /** With --yes: no confirmation, and optional questions (discounts, delivery) take their defaults. */
  yes: boolean;
  dryRun: boolean;
  gate: WriteGate;
  /** The `--store` flag, if given. */
  storeFlag?: string | undefined;
}

export async function createOneLink(
  ctx: DraftPromptContext & { io: { stderr: Writable } },
  backend: Backend,
  given: Omit<LinkDraft, 'storeId'> & { storeId?: string | undefined },
  options: CreateOneOptions,
): Promise<CreateOneResult> {
  const { checkLinkDraft, createLink } = await import('../../../services/links/create-link.js');
  const draft = await completeDraft(ctx, backend, given, !options.yes);
  const request = await checkLinkDraft(backend, draft, { dryRun: options.dryRun, gate: options.gate, storeFlag: options.storeFlag, storePicked: given.storeId === undefined });
  if (options.dryRun) return { dryRun: true, request };
  if (ctx.prompter.interactive && !options.yes) {
    ctx.io.stderr.write(`\n${reviewText(request)}\n`);
    await confirmOrAbort(ctx.prompter, false, 'Create this payment link?');
  }
  return { dryRun: false, link: await createLink(backend, request) };
}
