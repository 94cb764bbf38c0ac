/** `links dispatch`: send what is due, stopping cleanly on SIGINT/SIGTERM. */
import type { LinkMessage } from '../../domain/model/payment-link.js';
import { InterruptedError, type StopSignal } from '../../errors.js';
import type { OpenBackend, WriteGate } from '../auth/write-gate.js';
import type { BulkStop } from './create-links-from-file.js';
import { dispatchDueMessages } from './manage-links.js';

export interface DispatchOptions {
  stop: Omit<BulkStop, 'deadline'>;
  /** The live-write check: dispatch sends for every store, so under a live key the profile must pin the store. */
  gate: WriteGate;
}

export async function dispatchUntilStopped(openBackend: OpenBackend, options: DispatchOptions): Promise<LinkMessage[]> {
  options.gate.check({ action: 'dispatch due messages', store: undefined });
  const backend = await openBackend();
  const { stop } = options;
  return stop.stoppable(() => dispatchDueMessages(backend, { stopped: () => stop.signal.aborted }));
}

/** After the sent messages are shown: a stopped run is interrupted; what was not sent stays scheduled. */
export function settleDispatch(fired: StopSignal | undefined): void {
  if (fired) throw new InterruptedError(fired, `Interrupted (${fired}): messages not sent yet stay scheduled for the next dispatch.`);
}
