/**
 * The Portal's home page in numbers: what waits for the merchant, per store and currency, answered with
 * aggregate queries (never by reading every order or link).
 */
export interface OverviewQuery {
  store_id?: string | undefined;
  /** Authorizations expiring before this instant are listed as expiring soon. */
  expiring_before: string;
  /** Links expiring before this instant count as expiring today. */
  links_expiring_before: string;
  /** At most this many expiring authorizations are listed (soonest first); the count covers them all. */
  expiring_limit: number;
}

export interface UncapturedLine {
  store_id: string;
  currency: string;
  /** Open authorizations (authorized or partly captured, not expired). */
  orders: number;
  /** Their remaining authorized amount, minor units. */
  amount: number;
  expiring_soon: number;
  expiring_amount: number;
}

export interface ExpiringAuthorization {
  order_id: string;
  store_id: string;
  merchant_reference1: string | null;
  currency: string;
  remaining_authorized_amount: number;
  expires_at: string;
  /** Partly captured orders can no longer be extended in every market; the service decides the command. */
  status: string;
  purchase_country: string;
  created_at: string;
}

export interface LinksWaiting {
  store_id: string;
  /** Links a customer can still pay (created or in progress, not expired). */
  awaiting_payment: number;
  expiring_today: number;
}

export interface Overview {
  /** `provider`: the provider's own data; `local_ledger`: what this tool created or last read (Kustom cannot list orders). */
  source: 'provider' | 'local_ledger';
  uncaptured: UncapturedLine[];
  expiring: ExpiringAuthorization[];
  links: LinksWaiting[];
}

export interface OverviewApi {
  summary(query: OverviewQuery): Promise<Overview>;
}
