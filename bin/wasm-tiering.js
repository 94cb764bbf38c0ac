// undici parses HTTP with llhttp, compiled to WebAssembly. V8 runs it first as baseline code and, once a
// function has used up its tiering budget (a few hundred responses into a command), compiles it again with
// its optimising compiler on a background thread: for llhttp's parser ~200 ms of CPU and ~35 MB, and Node
// waits for that compile to finish before the process may exit. A response is parsed in microseconds
// either way, so on a 2-core machine the compile only competes with the command and delays its exit (a
// 20-order kustom capture: 0.69 s → 0.58 s, CPU 0.74 s → 0.51 s, peak memory 107 → 72 MB). A budget a few
// hundred times Node's default keeps the baseline code for any ordinary command; a run long enough to use
// it up still gets the optimised parser. The flag exists on every Node line merchant supports (20, 22, 24);
// an unknown flag would be printed to stderr, so this is the only one set.
import { setFlagsFromString } from 'node:v8';

export const WASM_TIERING_BUDGET = 1_000_000_000;

export function keepWasmAtBaselineTier() {
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
