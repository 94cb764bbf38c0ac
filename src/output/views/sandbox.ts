/** How the sandbox's own state looks: status, clock, outbox, the customer's acts, faults and seeds. */
import type { SandboxStatus, SeededOrder, SeedVolumeResult } from '../../backends/backend.js';
import type { LinkMessage, PaymentLink } from '../../domain/model/payment-link.js';
import { formatFaultSpec } from '../../domain/fault-spec.js';
import type { FaultsStatus } from '../../services/sandbox/sandbox-faults.js';
import type { SeedOptions } from '../../services/sandbox/seed-volume.js';
import { time } from '../cells.js';
import type { Logger } from '../logger.js';
import { renderRecord, writeJson, type RenderTarget } from '../render.js';
import type { Reporter } from './reporter.js';

export async function renderSandboxStatus(target: RenderTarget, status: SandboxStatus): Promise<void> {
  await renderRecord(
    target,
    [
      ['Database', status.database],
      ['Schema version', status.schema_version],
      ['Size', `${Math.ceil(status.size_bytes / 1024)} KiB`],
      ['Journal mode', status.journal_mode],
      ['Sandbox time', time(status.sandbox_time)],
      ['Clock offset', status.clock_offset_ms === 0 ? 'none (real time)' : `+${Math.round(status.clock_offset_ms / 60000)} min`],
      ...Object.entries(status.counts).map(([table, n]) => [`Rows: ${table}`, n] as const),
    ],
    status,
  );
}

export const resetQuestion = 'Delete every link, order, payout and key in the sandbox and start over?';

export function renderSandboxReset(out: Reporter): void {
  out.logger.success('The sandbox was reset to its demo data.');
}

export function renderSandboxTime(out: Reporter, status: Pick<SandboxStatus, 'sandbox_time' | 'clock_offset_ms'>, json: boolean): void {
  if (json) writeJson(out.io, { sandbox_time: status.sandbox_time, clock_offset_ms: status.clock_offset_ms });
  else out.io.stdout.write(`${status.sandbox_time}\n`);
}

export function renderClockAdvanced(out: Reporter, result: { advanced_ms: number; sandbox_time: string }, json: boolean): void {
  if (json) writeJson(out.io, result);
  else out.io.stdout.write(`${result.sandbox_time}\n`);
}

/** The messages as the customer got them; an empty outbox is said on stderr. */
export function renderOutbox(out: Reporter, messages: readonly LinkMessage[], json: boolean): void {
  if (json) {
    writeJson(out.io, messages);
    return;
  }
  if (messages.length === 0) out.logger.info('The outbox is empty.');
  for (const m of messages) {
    out.io.stdout.write(`--- ${m.channel} to ${m.recipient} at ${m.sent_at ?? ''} (link ${m.link_id})\n`);
    if (m.subject) out.io.stdout.write(`Subject: ${m.subject}\n\n`);
    out.io.stdout.write(`${m.body}\n\n`);
  }
}

export function renderLinkOpened(out: Reporter, link: PaymentLink, json: boolean): void {
  if (json) writeJson(out.io, link);
  else out.io.stdout.write(`${link.status}\n`);
}

export function renderLinkPaid(out: Reporter, link: PaymentLink, json: boolean): void {
  if (json) writeJson(out.io, link);
  else out.io.stdout.write(`${link.order_id ?? link.status}\n`);
  if (link.order_id) out.logger.success(`Paid: link ${link.link_id} is completed; order ${link.order_id} is ${link.auto_capture ? 'captured' : 'authorized'}.`);
  else out.logger.info(`Declined: link ${link.link_id} is ${link.status}; the customer may try again.`);
}

export function renderFaults(out: Reporter, status: FaultsStatus, json: boolean): void {
  if (json) writeJson(out.io, status);
  else out.io.stdout.write(`${formatFaultSpec(status.in_force) || 'none'}\t${status.source}\n`);
}

export function renderFaultsSet(out: Reporter, stored: string | null): void {
  out.logger.success(stored ? `Sandbox faults set: ${stored}` : 'No faults set (every share was 0).');
}

export function renderFaultsCleared(out: Reporter): void {
  out.logger.success('Sandbox faults cleared.');
}

/** The IDs one a line (a script reads them), or the orders as JSON. */
export function renderSeededOrders(out: Reporter, rows: readonly SeededOrder[], storeId: string, json: boolean): void {
  if (json) writeJson(out.io, rows);
  else out.io.stdout.write(rows.map((r) => `${r.order_id}\n`).join(''));
  out.logger.success(`Created ${rows.length} authorized order(s) in ${storeId}.`);
}

export function announceSeed(logger: Logger, options: SeedOptions): void {
  logger.info(`Seeding about ${options.transactions} settlement transactions over ${options.months} months for ${options.stores.join(', ')}…`);
}

export function renderSeeded(out: Reporter, result: SeedVolumeResult, elapsedMs: number, json: boolean): void {
  if (json) writeJson(out.io, result);
  out.logger.success(
    `Seeded ${result.orders} orders, ${result.captures} captures, ${result.refunds} refunds, ${result.payouts} payouts, ${result.transactions} transactions (${result.pending_movements} pending) in ${(elapsedMs / 1000).toFixed(1)} s.`,
  );
}
