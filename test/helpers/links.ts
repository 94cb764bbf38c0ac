/** Shared bits for payment-link command tests. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, type CliResult } from './run-cli.js';

export const TSHIRT = 'name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25';

export interface LinkJson {
  link_id: string;
  status: string;
  url: string;
  order_id: string | null;
  order_amount: number;
  order_tax_amount: number;
  order_lines: { name: string; reference?: string; type: string; total_amount: number; total_tax_amount: number; unit_price: number; quantity: number; tax_rate: number }[];
  merchant_reference1: string;
  merchant_reference2: string | null;
  link_reference: string | null;
  customer: { email?: string; phone?: string };
  channel: string;
  auto_capture: boolean;
  notes: Record<string, string>;
  description: string | null;
  invoice_number: string | null;
  has_attachment: boolean;
  expires_at: string;
  created_at: string;
  duplicated_from: string | null;
  messages: { channel: string; recipient: string; status: string; body: string; subject: string | null; scheduled_for: string | null }[];
}

export async function createLink(home: string, extra: string[] = []): Promise<LinkJson> {
  // A one-value flag in `extra` replaces its default (a flag given twice is refused); --line adds a line.
  const defaults: string[] = [['--store', 'se-demo'], ['--email', 'customer@example.com'], ['--reference', '10042']].filter(([flag]) => !extra.includes(flag ?? '')).flat();
  defaults.push('--line', TSHIRT);
  const r = await runCli(['links', 'create', ...defaults, '--json', ...extra], { home });
  if (r.exitCode !== 0) throw new Error(`create failed (${r.exitCode}): ${r.stderr}`);
  return r.json<LinkJson>();
}

export async function listLinks(home: string, extra: string[] = []): Promise<LinkJson[]> {
  const r: CliResult = await runCli(['links', 'list', '--json', '--all', ...extra], { home });
  if (r.exitCode !== 0) throw new Error(`list failed: ${r.stderr}`);
  return r.json<LinkJson[]>();
}

/** Reads the sandbox database directly (for facts no command prints, e.g. an order's stored status). */
export function sandboxDb(home: string): Database.Database {
  return new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
}
