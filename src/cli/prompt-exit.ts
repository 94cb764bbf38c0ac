/**
 * Ending the process as soon as a command's output has drained. Left to end by itself, Node first takes
 * down everything the run built (its heap, its sockets, each closed database's handle) one piece at a time:
 * after a bulk run of a few thousand orders that is 40–60 ms during which the command is over but its caller
 * still waits. `process.exit` skips that teardown but also Node's own writing of its compile cache (Node 22+,
 * bin/compile-cache.js), which is flushed first where Node can (22.10+); where it cannot, the process
 * ends by itself as before.
 */
import module from 'node:module';

interface CompileCacheApi {
  enableCompileCache?: unknown;
  flushCompileCache?: () => void;
}

/** Whether `process.exit` now loses nothing a natural end would keep (it flushes the compile cache if need be). */
export function readyToExit(node: CompileCacheApi = module as CompileCacheApi): boolean {
  // No compile cache in this Node (20): nothing is written at the end.
  if (typeof node.enableCompileCache !== 'function') return true;
  if (typeof node.flushCompileCache !== 'function') return false;
  try {
    node.flushCompileCache();
  } catch {
    // A cache that cannot be written is not worth a failed command; the next run compiles again.
  }
  return true;
}

/** Resolves once everything written to `stream` so far has been handed to the system. */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
