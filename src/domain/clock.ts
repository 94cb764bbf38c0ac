/** The one notion of "now" every layer is given (the sandbox's can be advanced; tests pass a fixed one). */
export interface Clock {
  now(): Date;
}
