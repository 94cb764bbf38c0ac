/** The signal rules of the entry point, driven by a fake signal source (no real signals in-process). */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCancellation } from '../../../src/cli/cancellation.js';

function setup(waitMs = 20) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const stopping: string[] = [];
  const c = createCancellation(source, { waitMs, exitNow: (code) => void exits.push(code), onStopping: (s) => void stopping.push(s) });
  return { source, exits, stopping, c };
}

describe('cancellation', () => {
  it('outside a stoppable phase a signal ends the run at once: 130 for SIGINT, 143 for SIGTERM', () => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const { source, exits, c } = setup();
      source.emit(signal);
      expect(exits).toEqual([code]);
      expect(c.fired).toBe(signal);
      c.dispose();
    }
  });

  it('in a stoppable phase the first signal aborts `signal`, the deadline follows, a second signal ends the run', async () => {
    const { source, exits, stopping, c } = setup();
    await c.stoppable(async () => {
      source.emit('SIGTERM');
      expect(c.signal.aborted).toBe(true);
      expect(c.signal.reason).toBe('SIGTERM');
      expect(exits).toEqual([]);
      expect(stopping).toEqual(['SIGTERM']);
      await new Promise<void>((resolve) => c.deadline.addEventListener('abort', () => resolve()));
      source.emit('SIGINT');
    });
    expect(exits).toEqual([130]);
    expect(c.fired).toBe('SIGTERM');
    c.dispose();
  });

  it('a closed stdout stops a writing phase as SIGPIPE (exit 141 later), and is left to the caller elsewhere', async () => {
    const { exits, stopping, c } = setup();
    expect(c.outputClosed()).toBe(false);
    await c.stoppable(async () => expect(c.outputClosed()).toBe(false), { whenOutputCloses: 'end' });
    expect(c.fired).toBeUndefined();
    await c.stoppable(async () => {
      expect(c.outputClosed()).toBe(true);
      expect(c.signal.reason).toBe('SIGPIPE');
      // Every later write fails too: the run is already stopping, nothing ends it at once.
      expect(c.outputClosed()).toBe(true);
    });
    expect(stopping).toEqual(['SIGPIPE']);
    expect(exits).toEqual([]);
    expect(c.fired).toBe('SIGPIPE');
    c.dispose();
  });

  it('dispose removes the handlers', () => {
    const { source, c } = setup();
    c.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});
