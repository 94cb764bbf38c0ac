/**
 * The shared backend contract: every backend runs the same suites through a harness that gives a fresh
 * backend plus the few test-only controls a contract needs (acting as the customer, moving time).
 * Add a backend by adding a harness factory to `HARNESSES`; add a suite by adding a `*.contract.ts`
 * file and calling it from `backends.contract.test.ts`.
 */
import type { Backend } from '../../src/backends/backend.js';

/** The paying customer's name as the checkout takes it. */
export interface SeedCustomer {
  given_name: string;
  family_name: string;
}

export interface ContractHarness {
  backend: Backend;
  /** Acts as the customer: completes the payment link, returning the order it created. */
  payLink?(linkId: string): Promise<string>;
  /** Creates an authorized order directly (as if a customer had paid), for order contracts. */
  seedAuthorizedOrder?(input: { storeId: string; amount: number; currency: string; reference?: string; capture?: boolean; customer?: SeedCustomer }): Promise<string>;
  /** Moves the provider's clock forward, where the backend allows it. */
  advanceClock?(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessFactory {
  name: string;
  /** A fresh, isolated backend with the two demo stores (se-demo with terms, de-demo without). */
  create(): Promise<ContractHarness>;
}
