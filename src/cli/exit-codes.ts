/** The documented exit codes (README "Exit codes", `merchant help exit-codes`). Only main.ts uses them. */
import type { ErrorKind, StopSignal } from '../errors.js';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  partial: 5,
  unknownOutcome: 6,
  mismatch: 7,
  cancelled: 130,
  outputClosed: 141,
  terminated: 143,
} as const;

/** The stops that end a run cleanly (see cancellation.ts). */
export type { StopSignal };

/** 128 + the signal's number, as a shell reports a process the signal ended: 130 SIGINT, 141 SIGPIPE, 143 SIGTERM. */
export function exitCodeForSignal(signal: StopSignal): number {
  if (signal === 'SIGTERM') return EXIT.terminated;
  return signal === 'SIGPIPE' ? EXIT.outputClosed : EXIT.cancelled;
}

export const EXIT_CODE_TABLE: readonly { code: number; meaning: string }[] = [
  { code: EXIT.ok, meaning: 'Success.' },
  { code: EXIT.failed, meaning: 'Failed: the provider refused, the state forbids it, a network/server error outlasted retries, or a bug.' },
  { code: EXIT.usage, meaning: 'Usage or validation error: a bad flag, a missing value, input that breaks a rule, an unusable config file. Nothing was changed.' },
  { code: EXIT.notFound, meaning: 'Not found: the store, link, order or payout named does not exist.' },
  { code: EXIT.auth, meaning: 'Authentication or permission: no key, a rejected key, or a role that may not do this.' },
  { code: EXIT.partial, meaning: 'Partial failure: in a bulk run some rows failed (the summary names them); a message of a link failed; or a lookup is shown without a part that could not be read.' },
  { code: EXIT.unknownOutcome, meaning: 'Outcome unknown: a money-moving request may or may not have taken effect; run the same command again: it checks the order first and never moves money twice.' },
  { code: EXIT.mismatch, meaning: 'Differences: settlements reconcile found amount mismatches, orders missing in the ledger, or totals that do not add up (the report is printed; --report-only exits 0).' },
  { code: EXIT.cancelled, meaning: 'Cancelled: you declined a confirmation, pressed Ctrl-C or sent SIGINT. A bulk run stops cleanly; run it again to finish.' },
  { code: EXIT.outputClosed, meaning: 'Output closed: the program reading stdout exited (e.g. `| head`) while a bulk run was capturing, creating or sending. The run stops cleanly; run it again to finish.' },
  { code: EXIT.terminated, meaning: 'Terminated by SIGTERM (e.g. a cancelled CI job). A bulk run stops cleanly; run it again to finish.' },
];

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
    case 'validation':
    case 'config':
      return EXIT.usage;
    case 'not_found':
      return EXIT.notFound;
    case 'auth':
      return EXIT.auth;
    case 'partial_failure':
      return EXIT.partial;
    case 'unknown_outcome':
      return EXIT.unknownOutcome;
    case 'mismatch':
      return EXIT.mismatch;
    case 'cancelled':
      return EXIT.cancelled;
    case 'state_conflict':
    case 'rate_limited':
    case 'transient':
    case 'api':
    case 'bug':
      return EXIT.failed;
  }
}
