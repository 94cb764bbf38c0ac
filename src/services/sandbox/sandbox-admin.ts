/** Use cases behind `merchant sandbox …`: they need a backend with sandbox controls. */
import { shown } from '../../domain/text-rules.js';
import { requireCapability, type Backend, type SandboxControlApi } from '../../backends/backend.js';
import { parseDuration } from '../../domain/link-expiry.js';
import { ValidationError } from '../../errors.js';

export function sandboxControls(backend: Backend): SandboxControlApi {
  requireCapability(backend, 'sandbox.control', 'run sandbox commands');
  if (!backend.sandbox) throw new Error('sandbox.control listed without controls');
  return backend.sandbox;
}

const MAX_ADVANCE_MS = 3650 * 86_400_000;

export async function advanceSandboxClock(backend: Backend, duration: string): Promise<{ advanced_ms: number; sandbox_time: string }> {
  if (duration.trim().startsWith('-')) {
    throw ValidationError.single('duration', `${shown(duration)}: the sandbox clock only moves forward; it cannot go back`, {
      hint: 'To start again from the real time: merchant sandbox reset',
    });
  }
  const ms = parseDuration(duration, 'duration');
  // A huge duration would push the clock past the largest Date; ten years at a time is more than any test needs.
  if (ms > MAX_ADVANCE_MS) throw ValidationError.single('duration', `${shown(duration)} is too far; advance at most 3650d (10 years) at a time`);
  const now = await sandboxControls(backend).advanceClock(ms);
  return { advanced_ms: ms, sandbox_time: now.toISOString() };
}
