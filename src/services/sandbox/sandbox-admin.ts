/** Use cases behind `merchant sandbox …`: they need a backend with sandbox controls. */
import { requireCapability, type Backend, type SandboxControlApi } from '../../backends/backend.js';
import { parseDuration } from '../../domain/link-expiry.js';

export function sandboxControls(backend: Backend): SandboxControlApi {
  requireCapability(backend, 'sandbox.control', 'run sandbox commands');
  if (!backend.sandbox) throw new Error('sandbox.control listed without controls');
  return backend.sandbox;
}

export async function advanceSandboxClock(backend: Backend, duration: string): Promise<{ advanced_ms: number; sandbox_time: string }> {
  const ms = parseDuration(duration, 'duration');
  const now = await sandboxControls(backend).advanceClock(ms);
  return { advanced_ms: ms, sandbox_time: now.toISOString() };
}
