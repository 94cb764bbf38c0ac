/** Controls only the local sandbox has: its state, its clock, a reset, fault injection, seeded orders. */
import type { FaultSpec } from '../../domain/fault-spec.js';
import type { Store } from '../../domain/model/store.js';

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
  /** The stored fault spec (`sandbox faults set`), as stored; null when none is. */
  storedFaults(): Promise<string | null>;
  /** Stores a fault spec every process sees within a second; null clears it. */
  storeFaults(spec: FaultSpec | null): Promise<void>;
  /** Authorized orders as if customers had paid, in one transaction. */
  seedOrders(input: SeedOrdersInput): Promise<SeededOrder[]>;
}

export interface SeedOrdersInput {
  store: Store;
  count: number;
  /** Merchant references are `<prefix>-1`, `<prefix>-2`, … */
  referencePrefix: string;
  /** Minor units per unit of the first line; the second line is shipping. */
  unitPrice?: number | undefined;
  /** Every order's customer email (default: each order has its own made-up customer: name, email, phone). */
  email?: string | undefined;
}

export interface SeededOrder {
  order_id: string;
  merchant_reference1: string;
}
