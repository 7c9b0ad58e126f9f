// @ts-check

/**
 * @typedef OutputBatch what a call wrote to its standard output and error, in one message
 *   (`$/output`, and the tail in the `python/run` result)
 * @property {Uint8Array} stdout the bytes written to file descriptor 1
 * @property {Uint8Array} stderr the bytes written to file descriptor 2
 * @property {[1 | 2, number][]} [order] present when both streams hold bytes: runs of `[fd,
 *   length]` that cover both, in the order they were written
 *
 * @typedef CallOutput the output of one running call
 * @property {(fd: 1 | 2, buffer: Uint8Array) => boolean} write keeps a copy of what fits of
 *   `buffer` (a view valid during this call only); false when the stream passed its limit
 * @property {(time: number) => boolean} poll sends what is held once it has waited long enough;
 *   whether something is still held
 * @property {() => boolean} holding whether something waits to be sent
 * @property {() => void} sendNow sends what is held at once: before the program waits for its
 *   stdin, so that a prompt it wrote reaches Java before the read
 * @property {() => OutputBatch} rest what is still held, which the result carries; the call is over
 */

/** How long a write is held before it is sent on its own, in milliseconds. */
export const HOLD_MS = 10;

/**
 * Keeps what the running call writes, in write order, and sends it on in `$/output` batches while
 * the call runs: a write is held at most `holdMs` (a program that writes and ends within that
 * time sends nothing until its result, which carries its output), then sent with everything held
 * with it. `poll` is called as often as the program lets JavaScript run (between bytecodes, while
 * it sleeps); a timer sends when the program waits for the event loop (a read of its stdin, a
 * mount's answer). The timer is set once the event loop runs and only if the program still runs
 * (`running`): most calls end first, and a timer costs more than the rest of a write.
 *
 * Each stream keeps at most `limit + 1` bytes: what is past them is dropped, so Java sees the
 * limit was passed.
 *
 * @param {{limit: number, send: (batch: OutputBatch) => void, now: () => number, holdMs?: number,
 *   running?: () => boolean}} options `running`: whether the program still runs (it may be waiting)
 * @returns {CallOutput}
 */
export function createCallOutput({ limit, send, now, holdMs = HOLD_MS, running = () => true }) {
  /** @type {[1 | 2, Uint8Array][]} */
  let held = [];
  let dueAt = Infinity;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const room = { 1: limit + 1, 2: limit + 1 };
  let ended = false;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    dueAt = Infinity;
    if (!held.length || ended) return;
    const chunks = held;
    held = [];
    send(batch(chunks));
  };

  const startTimer = () => {
    if (timer === undefined && dueAt !== Infinity && !ended && running()) {
      timer = setTimeout(flush, Math.max(0, dueAt - now()));
    }
  };

  return {
    write(fd, buffer) {
      const kept = buffer.subarray(0, Math.max(0, room[fd]));
      room[fd] -= kept.length;
      if (kept.length && !ended) {
        held.push([fd, kept.slice()]);
        if (dueAt === Infinity) {
          dueAt = now() + holdMs;
          queueMicrotask(startTimer);
        } else if (now() >= dueAt) {
          flush();
        }
      }
      return kept.length === buffer.length;
    },
    poll(time) {
      if (time >= dueAt) flush();
      return held.length > 0;
    },
    holding: () => held.length > 0,
    sendNow: flush,
    rest() {
      clearTimeout(timer);
      ended = true;
      const chunks = held;
      held = [];
      return batch(chunks);
    },
  };
}

/**
 * @param {[1 | 2, Uint8Array][]} chunks in write order
 * @returns {OutputBatch}
 */
export function batch(chunks) {
  /** @type {{1: Uint8Array[], 2: Uint8Array[]}} */
  const streams = { 1: [], 2: [] };
  /** @type {[1 | 2, number][]} */
  const order = [];
  for (const [fd, bytes] of chunks) {
    streams[fd].push(bytes);
    const last = order[order.length - 1];
    if (last && last[0] === fd) last[1] += bytes.length;
    else order.push([fd, bytes.length]);
  }
  const result = { stdout: concat(streams[1]), stderr: concat(streams[2]) };
  return order.length > 1 ? { ...result, order } : result;
}

/**
 * The chunks' bytes in one array: the one chunk itself when there is one, else a new array.
 * @param {Uint8Array[]} chunks
 * @returns {Uint8Array}
 */
export function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
