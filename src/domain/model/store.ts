/** A store is one merchant agreement (Kustom's MID): where links are created and money settles. */
export interface Store {
  id: string;
  name: string;
  purchase_country: string;
  /** ISO 4217 codes in the store's agreement; a link or order in another currency is refused. */
  currencies: string[];
  /** Kustom requires a terms-and-conditions URL before any checkout (and so any link) is created. */
  terms_url: string | null;
  /** When settled money is paid out. */
  payout_schedule: 'daily' | 'weekly';
  created_at: string;
}
