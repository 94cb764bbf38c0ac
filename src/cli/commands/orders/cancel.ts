/** `merchant orders cancel <order>`. */
import { stateChangeCommand } from './state-change.js';

export const ordersCancel = stateChangeCommand('cancel', {
  description: 'cancel an order with no captures (voids the whole authorization)',
  question: (o) => `Cancel order ${o}? The customer will not be charged.`,
  done: 'Cancelled',
});
