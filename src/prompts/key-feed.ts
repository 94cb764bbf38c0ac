/**
 * The one reader of the terminal for a whole run. Each prompt library question builds its own line
 * reader; given the raw stream, a chunk that holds several answers ("2\r3\r", typed ahead or pasted) is
 * consumed by the first question, which drops or re-applies the rest. This feed reads the terminal once
 * and hands each question exactly one answer: everything up to and including the first Enter (or Ctrl-C).
 * What arrives while no question is open waits in order for the next one.
 *
 * The terminal stays in raw mode while the feed lives (keys are not echoed twice, nothing is buffered by
 * the line discipline); a Ctrl-C typed while no question is open is turned into the SIGINT the terminal
 * would have sent, so a running command still stops cleanly.
 */
import { PassThrough, type Readable } from 'node:stream';

/** Enter (CR or LF) or Ctrl-C ends an answer. */
// eslint-disable-next-line no-control-regex -- Ctrl-C is the character looked for
const ANSWER_END = /[\r\n\u0003]/;
const CTRL_C = '\u0003';

interface TtyLike extends Readable {
  setRawMode?: (mode: boolean) => unknown;
  ref?: () => unknown;
  unref?: () => unknown;
}

export interface KeyFeed {
  /** The stream questions read from. */
  readonly input: Readable;
  /** Lets the next answer through (call once the question is listening). */
  open(): void;
  /** Stops reading the terminal and restores its mode. */
  close(): void;
}

export function createKeyFeed(source: TtyLike, onInterrupt: () => void = () => process.kill(process.pid, 'SIGINT')): KeyFeed {
  const input = new PassThrough({ encoding: 'utf8' });
  let queue = '';
  let gateOpen = false;
  let closed = false;

  const hold = (listening: boolean): void => {
    // The terminal keeps the process alive only while someone is being asked.
    if (listening) source.ref?.();
    else source.unref?.();
  };

  const pump = (): void => {
    if (!gateOpen || queue === '') return;
    const end = ANSWER_END.exec(queue);
    if (!end) {
      input.write(queue);
      queue = '';
      return;
    }
    const cut = end.index + 1;
    // A CR LF pair (pasted from a Windows file) is one Enter.
    const extra = end[0] === '\r' && queue[cut] === '\n' ? 1 : 0;
    input.write(queue.slice(0, cut));
    queue = queue.slice(cut + extra);
    gateOpen = false;
    hold(false);
  };

  const onData = (chunk: Buffer | string): void => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (!gateOpen && text.includes(CTRL_C)) {
      // No question is open: a Ctrl-C means "stop", as it would in cooked mode.
      queue = '';
      onInterrupt();
      return;
    }
    queue += text;
    pump();
  };

  source.setRawMode?.(true);
  source.on('data', onData);
  source.resume();
  hold(false);

  return {
    input,
    open() {
      if (closed) return;
      gateOpen = true;
      hold(true);
      pump();
    },
    close() {
      if (closed) return;
      closed = true;
      source.off('data', onData);
      source.pause();
      source.setRawMode?.(false);
      hold(false);
      input.end();
    },
  };
}
