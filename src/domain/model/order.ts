/** An order in Order Management, with its captures and refunds (Kustom field names). */
import type { OrderStatus } from '../order-lifecycle.js';
import type { OrderLine } from '../order-lines.js';

export interface ShippingInfo {
  shipping_company?: string | undefined;
  shipping_method?: string | undefined;
  tracking_number?: string | undefined;
  tracking_uri?: string | undefined;
}

export interface Capture {
  capture_id: string;
  captured_amount: number;
  captured_at: string;
  description: string | null;
  reference: string | null;
  order_lines: OrderLine[];
  refunded_amount: number;
  shipping_info: ShippingInfo[];
}

export interface Refund {
  refund_id: string;
  refunded_amount: number;
  refunded_at: string;
  description: string | null;
  reference: string | null;
  order_lines: OrderLine[];
}

export interface Order {
  order_id: string;
  store_id: string;
  /** Effective status (an authorization past expires_at reads EXPIRED). */
  status: OrderStatus;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  original_order_amount: number;
  captured_amount: number;
  refunded_amount: number;
  remaining_authorized_amount: number;
  merchant_reference1: string | null;
  merchant_reference2: string | null;
  klarna_reference: string;
  created_at: string;
  expires_at: string;
  order_lines: OrderLine[];
  captures: Capture[];
  refunds: Refund[];
  customer: { email?: string | undefined; phone?: string | undefined; /** Given and family name, as the customer gave them. */ name?: string | undefined };
  /** The payment link that produced it, when known. */
  link_id: string | null;
}

export interface OrderEvent {
  at: string;
  type: 'created' | 'captured' | 'refunded' | 'cancelled' | 'released' | 'extended' | 'expired' | 'shipping_info';
  amount: number | null;
  detail: string;
}
