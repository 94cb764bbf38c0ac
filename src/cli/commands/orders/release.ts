/** `merchant orders release <order>`. */
import { stateChangeCommand } from './state-change.js';

export const ordersRelease = stateChangeCommand('release', {
  description: 'release the remaining authorization of a partly captured order',
  question: (o) => `Release the uncaptured rest of order ${o}? It can then no longer be captured.`,
  done: 'Released the rest of',
});
