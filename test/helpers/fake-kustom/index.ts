export {
  startFakeKustom,
  DEFAULT_FAKE_API_KEY,
  type FakeKustom,
  type FakeKustomOptions,
  type FakeFaults,
  type RecordedRequest,
} from './server.js';
export type { FakeState, FakeOmOrder, FakeCapture, FakeRefund, FakeCheckoutOrder, FakeHppSession } from './state.js';
export type { SeedOrder } from './control.js';
export { checkOrderArithmetic } from './order-lines.js';
