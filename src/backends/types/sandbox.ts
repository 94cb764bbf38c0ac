/** Controls only the local sandbox has: its state, its clock, a reset, injected faults, seeded orders. */
import type { OrderLine } from '../../domain/order-lines.js';

/** Shares of order requests that fail, by kind (`transient=0.2,seed=42`). */
export interface FaultSpec {
  transient: number;
  rate_limited: number;
  timeout_after_commit: number;
  retry_after_ms: number;
  seed: number | null;
}

/** An authorized order to seed: what a customer's completed checkout would create. */
export interface SeedOrder {
  store_id: string;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_lines: OrderLine[];
  merchant_reference1: string;
  customer: { email?: string | undefined };
}

export interface FaultsStatus {
  stored: string | null;
  environment: string | null;
  in_force: FaultSpec;
  source: 'environment' | 'stored' | 'none';
}

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
  /** The fault spec in force and where it comes from (MERCHANT_SANDBOX_FAULTS wins over the stored one). */
  faults(): Promise<FaultsStatus>;
  /** Stores a fault spec (`null` or all-zero clears it); returns it as stored. Refuses a bad spec, naming the key. */
  setFaults(spec: string | null): Promise<string | null>;
  /** Authorized orders as if customers had paid, all in one transaction. */
  seedOrders(orders: readonly SeedOrder[]): Promise<{ order_id: string; merchant_reference1: string }[]>;
}
