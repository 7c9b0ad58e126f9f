// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError, InternalError, InvalidParamsError } from './errors.js';
import { nonZeroRuns } from './restore.js';
import { readShared } from './shared-files.js';
import { readSnapshot } from './snapshot.js';
import { answerSync, createSyncChannel } from './sync-ask.js';

const WORKER = new URL('./interpreter-worker.js', import.meta.url);
/** Each interpreter's JavaScript heap; its WebAssembly memory lies outside it. */
const HEAP_MB = 512;
/**
 * Each interpreter's young generation. V8's default lets it grow to about 9 MB while Pyodide
 * loads, and it stays that size in every idle interpreter; a call allocates little JavaScript.
 */
const YOUNG_MB = 4;
/**
 * The most JavaScript memory one interpreter may hold: its heap and what V8 counts outside it
 * (Node keeps strings of more than about a megabyte and buffers there, and the heap's limit does
 * not see them). Checked every WATCH_MS; an interpreter past it is ended alone.
 */
const BUDGET_MB = 1024;
const WATCH_MS = 100;

/**
 * @typedef HostOptions
 * @property {{path?: string, key?: string}} snapshot the memory snapshot every interpreter starts
 *   from (lib/snapshot.js): read once for the process, or made by the first interpreter
 * @property {string} [tzdata] Python's tzdata package, installed in every interpreter
 * @property {(id: number, method: string, params: Record<string, unknown>) => Promise<unknown>} askJava
 *   sends an interpreter's request (`fs/*`, `stdin/read`) to Java
 * @property {(id: number, method: string, params: Record<string, unknown>) => void} notify sends an
 *   interpreter's notification (`$/running`, `$/output`) to Java
 * @property {(id: number, reason: string) => void} crashed an interpreter ended without being
 *   stopped: its calls in flight have failed
 * @property {(line: string) => void} log a diagnostic line
 * @property {(bytes: Uint8Array) => void} strayOutput what an interpreter wrote while no call ran
 * @property {number} [capacity] the most interpreters the process runs at once (default 1): while it
 *   has room for one more, one is kept loaded ahead of need
 * @property {URL} [worker] the worker's module (tests replace it)
 *
 * @typedef InterpreterHost
 * @property {(id: number) => Promise<Record<string, unknown>>} start starts interpreter `id` in a
 *   worker of its own; resolves once it can run programs, with `{python, snapshot, madeSnapshot?}`
 * @property {(id: number, method: string, params: Record<string, unknown>) => Promise<unknown>} call
 *   runs `python/run` or `python/install` in interpreter `id`
 * @property {(id: number) => Promise<void>} stop ends interpreter `id` at once, whatever it runs
 *   (`worker.terminate()`): its calls in flight fail; the other interpreters go on
 * @property {(id: number) => boolean} interrupt raises KeyboardInterrupt in the program interpreter
 *   `id` runs, as Ctrl-C does in a process (a program that runs none ignores it); false when no
 *   interpreter `id` runs
 * @property {() => number} count how many interpreters run
 * @property {() => Promise<void>} close ends every interpreter, the one kept ahead of need included
 */

/**
 * The interpreters of one sidecar process, each in its own worker thread (its own V8 isolate), so
 * that none shares a JavaScript realm with the protocol channel or with another workspace's
 * interpreter. pyodide.asm.wasm is compiled once and the memory snapshot read once, here, and both
 * handed to every worker: V8 shares the compiled code, and each interpreter holds only its own
 * memory. The standard library's zip is read once too, into memory every worker's MEMFS shares
 * (lib/shared-files.js).
 *
 * @param {HostOptions} options
 * @returns {InterpreterHost}
 */
export function createInterpreterHost(options) {
  const wasmFile = fileURLToPath(new URL('./pyodide.asm.wasm', import.meta.resolve('pyodide')));
  const compiled = WebAssembly.compile(readFileSync(wasmFile));
  compiled.catch(() => {}); // reported by the first start that needs it
  const stdlib = sharedStdlib();
  const capacity = options.capacity ?? 1;
  /** @type {Map<number, Running>} */
  const running = new Map();
  /**
   * The snapshot's memory, shared by every worker once read or made, with where it is not zero;
   * `undefined` until then.
   */
  let memory = sharedMemory(options.snapshot);
  // Each interpreter's JavaScript memory is measured from here, outside its isolate.
  const watch = setInterval(() => {
    for (const entry of running.values()) {
      // Node 26 has it; an older Node (run by a test that needs one without JSPI) may not.
      if (typeof entry.worker.getHeapStatistics !== 'function') return;
      entry.worker.getHeapStatistics().then((heap) => {
        if (heap.used_heap_size + heap.external_memory > BUDGET_MB * 2 ** 20 && !entry.overBudget && !entry.stopping) {
          entry.overBudget = `used more than ${BUDGET_MB} MiB of JavaScript memory and was stopped`;
          entry.worker.terminate();
        }
      }, () => {});
    }
  }, WATCH_MS);
  watch.unref();

  /**
   * @typedef Running
   * @property {number | undefined} id its id, once `start` has taken it
   * @property {Promise<Record<string, unknown>>} ready settles when it can run programs
   * @property {Worker} worker
   * @property {Map<number, {resolve: (value: unknown) => void, reject: (error: Error) => void}>} calls
   * @property {boolean} stopping
   * @property {() => void} interrupt raises KeyboardInterrupt in its running program
   * @property {string} [overBudget] why the watch ended it
   * @property {(method: string, params: Record<string, unknown>) => Promise<unknown>} call
   */

  /** An interpreter started ahead of need, which the next `start` takes: see `spare`. */
  /** @type {Running | undefined} */
  let spare;
  /** Set while the spare waits for the compiled module, before it is launched. */
  /** @type {Promise<void> | undefined} */
  let pendingSpare;
  /** How many interpreters are starting without the snapshot's memory (making the snapshot). */
  let making = 0;

  /**
   * Keeps one interpreter starting or ready without an id while the process has room for one more
   * (`capacity`), so that the next `start` finds it loaded: the first at once, at the process's
   * start, while Java has yet to ask for it.
   */
  function replenish() {
    // While an interpreter makes the snapshot, the next waits for it rather than make another.
    if (spare || pendingSpare || running.size + 1 > capacity || making > 0) return;
    pendingSpare = compiled.then(
      (wasm) => {
        pendingSpare = undefined;
        if (!spare && running.size + 1 <= capacity && making === 0) {
          spare = launch(wasm);
          spare.ready.catch(() => {});
        }
      },
      () => {
        pendingSpare = undefined;
      },
    );
  }

  /** @param {number} id */
  function start(id) {
    if (!Number.isSafeInteger(id) || id < 1) return Promise.reject(new InvalidParamsError('"interpreter" must be a positive integer'));
    if (running.has(id)) return Promise.reject(new InvalidParamsError(`interpreter ${id} is already running`));
    const wasm = compiled.catch((error) => Promise.reject(new InternalError(`cannot compile ${wasmFile}: ${error.message}`)));
    // A spare about to be launched is waited for, so that it is taken rather than another started.
    return Promise.all([wasm, pendingSpare]).then(([module]) => {
      if (running.has(id)) throw new InvalidParamsError(`interpreter ${id} is already running`);
      const found = spare ?? launch(module);
      spare = undefined;
      found.id = id;
      running.set(id, found);
      // The next spare starts once this one is ready: two loading at once would slow this one.
      found.ready.then(replenish, () => {});
      return found.ready;
    });
  }

  /**
   * Starts an interpreter in a worker of its own; it gets its id when `start` takes it.
   * @param {WebAssembly.Module} wasm
   * @returns {Running}
   */
  function launch(wasm) {
    const snapshot = memory ?? options.snapshot;
    const makes = !memory && options.snapshot.key !== undefined;
    if (makes) making++;
    const made = () => {
      if (makes) {
        making--;
        replenish();
      }
    };
    const channel = createSyncChannel();
    // Set here, read by the worker's interrupt buffer between bytecodes: Ctrl-C for its running program.
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(options.worker ?? WORKER, {
      workerData: { wasm, snapshot, tzdata: options.tzdata, stdlib, answers: channel.worker, interrupt },
      transferList: [channel.worker.port],
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: YOUNG_MB },
      stdout: true,
      stderr: true,
    });
    let seq = 0;
    let isReady = false;
    /** @type {(info: Record<string, unknown>) => void} */
    let resolveReady = () => {};
    /** @type {(error: Error) => void} */
    let rejectReady = () => {};
    /** @type {Running} */
    const entry = {
      id: undefined,
      worker,
      calls: new Map(),
      stopping: false,
      interrupt: () => Atomics.store(interrupt, 0, 1),
      ready: new Promise((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
      }),
      call: (method, params) =>
        new Promise((resolve, reject) => {
          const n = ++seq;
          entry.calls.set(n, { resolve, reject });
          worker.postMessage({ op: 'call', seq: n, method, params });
        }),
    };
    const name = () => `interpreter ${entry.id ?? '(not taken yet)'}`;
    worker.stdout.on('data', (bytes) => options.strayOutput(bytes));
    worker.stderr.on('data', (bytes) => options.strayOutput(bytes));
    worker.on('message', (/** @type {any} */ message) => {
      switch (message.op) {
        case 'ready':
          isReady = true;
          if (!memory && message.info.madeSnapshot && options.snapshot.key) {
            memory = sharedMemory(options.snapshot, message.info.madeSnapshot);
          }
          resolveReady(message.info);
          made();
          return;
        case 'done': {
          const call = entry.calls.get(message.seq);
          entry.calls.delete(message.seq);
          if (message.error) call?.reject(Object.assign(new InternalError(message.error.message), withCode(message.error)));
          else call?.resolve(message.result);
          return;
        }
        case 'ask': {
          const answer = entry.id === undefined
            ? Promise.reject(new InternalError(`${name()} cannot ask Java for anything`))
            : options.askJava(entry.id, message.method, message.params);
          answer.then(
            (result) => answerSync(channel, { seq: message.seq, result }, movable(result)),
            (/** @type {any} */ error) =>
              answerSync(channel, {
                seq: message.seq,
                error: { code: error?.code, message: String(error?.message ?? error), data: error?.data },
              }),
          );
          return;
        }
        case 'notify':
          if (entry.id !== undefined) options.notify(entry.id, message.method, message.params);
          return;
        case 'stray':
          options.strayOutput(message.bytes);
          return;
        case 'log':
          options.log(`${name()}: ${message.line}`);
      }
    });
    const ended = (/** @type {string} */ why) => {
      channel.answers.close();
      if (!isReady) made();
      if (spare === entry) {
        spare = undefined;
        options.log(`${name()} ${why}`);
        rejectReady(new InternalError(`${name()} ${why}`));
        return;
      }
      if (entry.id === undefined || running.get(entry.id) !== entry) return;
      const id = entry.id;
      const reason = entry.overBudget ?? why;
      running.delete(id);
      const failure = entry.stopping
        ? new CancelledError(`interpreter ${id} was stopped`)
        : new InternalError(`interpreter ${id} ${reason}`);
      for (const call of entry.calls.values()) call.reject(failure);
      entry.calls.clear();
      if (!isReady) rejectReady(failure);
      else if (!entry.stopping) options.crashed(id, reason);
      replenish();
    };
    worker.on('error', (error) => ended(`failed: ${String(error?.stack ?? error).replace(/\s*\n\s*/g, ' | ')}`));
    worker.on('exit', (code) => ended(`exited with code ${code}`));
    return entry;
  }

  replenish();

  return {
    start,
    call(id, method, params) {
      const entry = running.get(id);
      if (!entry) return Promise.reject(new InvalidParamsError(`no interpreter ${id} is running`));
      return entry.call(method, params);
    },
    async stop(id) {
      const entry = running.get(id);
      if (!entry) return;
      entry.stopping = true;
      await entry.worker.terminate();
    },
    interrupt(id) {
      const entry = running.get(id);
      if (!entry) return false;
      entry.interrupt();
      return true;
    },
    count: () => running.size,
    async close() {
      clearInterval(watch);
      const left = [spare, ...running.values()].filter((entry) => entry !== undefined);
      spare = undefined;
      for (const entry of left) entry.stopping = true;
      running.clear();
      await Promise.all(left.map((entry) => entry.worker.terminate()));
    },
  };
}

/** Byte fields at least this large are moved to the worker rather than copied. */
const MOVE_BYTES = 64 * 1024;

/**
 * The buffers of an answer from Java that can move to the worker instead of being copied: those
 * of its large byte fields (a file's contents). Each frame from Java is read into a buffer of its
 * own that nothing else uses once the frame is decoded, so moving it costs this thread nothing.
 * @param {unknown} answer
 * @returns {ArrayBuffer[]}
 */
export function movable(answer) {
  if (typeof answer !== 'object' || answer === null) return [];
  /** @type {Set<ArrayBuffer>} */
  const buffers = new Set();
  for (const value of Object.values(answer)) {
    if (value instanceof Uint8Array && value.byteLength >= MOVE_BYTES && value.buffer instanceof ArrayBuffer) {
      buffers.add(value.buffer);
    }
  }
  return [...buffers];
}

/**
 * @param {{code?: unknown, data?: unknown}} error
 * @returns {{code?: number, data?: unknown}}
 */
function withCode({ code, data }) {
  return { ...(Number.isInteger(code) && { code: /** @type {number} */ (code) }), ...(data !== undefined && { data }) };
}

/**
 * Pyodide's python_stdlib.zip in shared memory, or undefined when it cannot be read (then each
 * interpreter keeps the copy Pyodide loads).
 * @returns {Uint8Array | undefined}
 */
function sharedStdlib() {
  try {
    return readShared(fileURLToPath(new URL('./python_stdlib.zip', import.meta.resolve('pyodide'))));
  } catch {
    return undefined;
  }
}

/**
 * The snapshot's memory in a SharedArrayBuffer, which every worker reads without a copy of its
 * own: from `made` (a snapshot file an interpreter just made) or from the file; `undefined` when
 * there is none to load. With it, where it is not zero (about half of it is), which each worker's
 * restore copies alone (lib/restore.js).
 * @param {{path?: string, key?: string}} snapshot
 * @param {Uint8Array} [made]
 * @returns {{memory: Uint8Array, runs: Float64Array} | undefined}
 */
function sharedMemory({ path, key }, made) {
  if (!key || (!path && !made)) return undefined;
  const found = readSnapshot(/** @type {string} */ (path ?? ''), key, made ? () => made : readFileSync);
  if (!found.memory) return undefined;
  const shared = new Uint8Array(new SharedArrayBuffer(found.memory.length));
  shared.set(found.memory);
  return { memory: shared, runs: nonZeroRuns(shared) };
}
