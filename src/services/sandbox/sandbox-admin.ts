/** Use cases behind `merchant sandbox …`: they need a backend with sandbox controls. */
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
  const ms = parseDuration(duration, 'duration');
  // A huge duration would push the clock past the largest Date; ten years at a time is more than any test needs.
  if (ms > MAX_ADVANCE_MS) throw ValidationError.single('duration', `${JSON.stringify(duration)} is too far; advance at most 3650d (10 years) at a time`);
  const now = await sandboxControls(backend).advanceClock(ms);
  return { advanced_ms: ms, sandbox_time: now.toISOString() };
}
