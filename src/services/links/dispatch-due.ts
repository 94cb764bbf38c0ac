/** `links dispatch`: send what is due, stopping cleanly on SIGINT/SIGTERM. */
import type { Backend, LinkMessage } from '../../backends/backend.js';
import { InterruptedError } from '../../errors.js';
import type { BulkStop } from './create-links-from-file.js';
import { dispatchDueMessages } from './manage-links.js';

export async function dispatchUntilStopped(backend: Backend, stop: Omit<BulkStop, 'deadline'>): Promise<LinkMessage[]> {
  return stop.stoppable(() => dispatchDueMessages(backend, { stopped: () => stop.signal.aborted }));
}

/** After the sent messages are shown: a stopped run is interrupted; what was not sent stays scheduled. */
export function settleDispatch(fired: 'SIGINT' | 'SIGTERM' | undefined): void {
  if (fired) throw new InterruptedError(fired, `Interrupted (${fired}): messages not sent yet stay scheduled for the next dispatch.`);
}
