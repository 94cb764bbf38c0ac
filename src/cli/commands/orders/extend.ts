/** `merchant orders extend <order>`. */
import { stateChangeCommand } from './state-change.js';

export const ordersExtend = stateChangeCommand('extend', {
  description: 'extend the authorization (now + 28 days, at most 90 days after purchase)',
  question: (o, e) => `Extend the authorization of order ${o} to ${e ?? '?'}?`,
  done: 'Extended',
});
