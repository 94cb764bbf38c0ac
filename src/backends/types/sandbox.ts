/** Controls only the local sandbox has: its state, its clock, a reset. */
export interface SandboxStatus {
  database: string;
  schema_version: number;
  size_bytes: number;
  journal_mode: string;
  real_time: string;
  sandbox_time: string;
  clock_offset_ms: number;
  /** Rows per table, e.g. { stores: 2, links: 14 }. */
  counts: Record<string, number>;
}

export interface SandboxControlApi {
  status(): Promise<SandboxStatus>;
  /** Deletes every row and seeds the demo data again, in one transaction. */
  reset(): Promise<void>;
  /** Moves the sandbox clock forward (never back: expiry must not un-happen). Returns the new time. */
  advanceClock(ms: number): Promise<Date>;
}
