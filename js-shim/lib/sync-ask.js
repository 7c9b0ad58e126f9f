// @ts-check
// A worker's synchronous requests to the main thread: the worker posts a request and blocks in
// Atomics.wait until the main thread has answered on a port of their own, then takes the answer off
// that port with receiveMessageOnPort. Python's file operations (and C code's, through the
// filesystem) wait for Java this way without suspending the WebAssembly stack, and the bytes of a
// large answer move to the worker without a copy.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

/**
 * What the main thread keeps and what it hands the worker (in `workerData`, with `port` in the
 * transfer list).
 * @typedef SyncChannel
 * @property {import('node:worker_threads').MessagePort} answers the main thread's end: answers go here
 * @property {{port: import('node:worker_threads').MessagePort, signal: Int32Array}} worker the worker's end
 */

/**
 * @typedef SyncAnswer
 * @property {number} seq the request answered
 * @property {unknown} [result]
 * @property {{code?: number, message: string, data?: unknown}} [error]
 */

/** @returns {SyncChannel} */
export function createSyncChannel() {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  return { answers: port1, worker: { port: port2, signal } };
}

/**
 * Answers the worker's request `seq` and wakes it.
 * @param {SyncChannel} channel
 * @param {SyncAnswer} answer
 * @param {ArrayBuffer[]} [transfer] buffers of the answer to move rather than copy
 */
export function answerSync(channel, answer, transfer = []) {
  channel.answers.postMessage(answer, transfer);
  Atomics.add(channel.worker.signal, 0, 1);
  Atomics.notify(channel.worker.signal, 0);
}

/**
 * The worker's side: `ask(request, timeoutMs)` posts `request` (which `post` sends with the number
 * `seq`) and waits for its answer, at most `timeoutMs`; undefined when that passes first. An answer
 * to an earlier request that timed out is dropped when it arrives.
 * @template R
 * @param {{port: import('node:worker_threads').MessagePort, signal: Int32Array}} end
 * @param {(seq: number, request: R) => void} post sends request `seq` to the main thread
 * @param {() => number} [now]
 */
export function createSyncAsker({ port, signal }, post, now = () => performance.now()) {
  let count = 0;
  /**
   * @param {R} request
   * @param {number} [timeoutMs]
   * @returns {SyncAnswer | undefined}
   */
  return (request, timeoutMs = Infinity) => {
    const seq = ++count;
    const deadline = now() + timeoutMs;
    let seen = Atomics.load(signal, 0);
    post(seq, request);
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received) {
        const answer = /** @type {SyncAnswer} */ (received.message);
        if (answer.seq === seq) return answer;
        continue;
      }
      const left = deadline - now();
      if (left <= 0) return undefined;
      Atomics.wait(signal, 0, seen, left === Infinity ? undefined : left);
      seen = Atomics.load(signal, 0);
    }
  };
}
