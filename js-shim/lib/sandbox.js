// @ts-check
import childProcess from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';

const SANDBOX_PATH = fileURLToPath(new URL('../python/sandbox.py', import.meta.url));

/** Emscripten's errno for "Network unreachable", what a socket connect or send raises. */
export const ENETUNREACH = 40;
/** Emscripten's errno for "Operation not permitted", what listening on a socket raises. */
export const EPERM = 63;
/** The exit status of a shell that could not run its command: what `os.system` returns is this << 8. */
export const NO_SHELL_STATUS = 127;

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 *
 * @typedef {{new (errno: number): Error}} ErrnoErrorClass
 * @typedef SocketOperations Emscripten's SOCKFS.websocket_sock_ops, the parts replaced here
 * @property {(...args: unknown[]) => unknown} createPeer opens a WebSocket to a peer
 * @property {(...args: unknown[]) => unknown} listen starts a WebSocket server
 * @typedef EmscriptenModule the parts of Pyodide's Emscripten module replaced here
 * @property {{ErrnoError: ErrnoErrorClass}} FS
 * @property {{websocket_sock_ops: SocketOperations}} SOCKFS
 */

/**
 * What `loadPyodide` gets as `jsglobals`, the object Python's `import js` shows: nothing. Python
 * sees no Node global (no process, require, fetch, timers); Pyodide itself does not need any.
 * @returns {object}
 */
export function sandboxGlobals() {
  return Object.freeze(Object.create(null));
}

/**
 * Under Node's permission model `process.binding` is refused, but Pyodide reads
 * `process.binding("constants").fs` when it loads. Answers that one name with the same constants
 * `node:fs` and `node:os` export, and refuses every other name.
 * @param {{binding: (name: string) => unknown}} [target] the process
 */
export function answerConstantsBinding(target = process) {
  const constants = Object.freeze({ fs: fsConstants, os: osConstants });
  target.binding = (/** @type {unknown} */ name) => {
    if (name === 'constants') return constants;
    throw Object.assign(new Error(`process.binding(${JSON.stringify(name)}) is not available in the sandbox`), {
      code: 'ERR_ACCESS_DENIED',
    });
  };
}

/**
 * Gives the interpreter a file-creation mask of its own. Pyodide's umask(2) calls the host's
 * `process.umask(mask)`, which a worker thread may not call (it would set the whole process's
 * mask): there it fails and Python's `os.umask` would always answer 0 and set nothing. This keeps
 * the mask in the worker, starting at a new process's usual 0o022.
 * @param {{umask: (mask?: number) => number}} [target] the worker's process object
 */
export function ownUmask(target = process) {
  let mask = 0o022;
  target.umask = (/** @type {number | undefined} */ next) => {
    const previous = mask;
    if (next !== undefined) mask = next & 0o777;
    return previous;
  };
}

/**
 * Makes `spawnSync` answer like a machine without a shell (exit status 127) instead of starting a
 * process. Emscripten's `system()` (Python's `os.system`, or `system` reached through ctypes) calls
 * it; Node's permission model refuses to spawn anyway, but refusing by throwing would kill the
 * interpreter.
 * @param {{spawnSync: Function}} [target] node:child_process
 */
export function refuseChildProcesses(target = childProcess) {
  target.spawnSync = () => ({ pid: 0, output: [], stdout: null, stderr: null, status: NO_SHELL_STATUS, signal: null });
}

/**
 * Closes what Python could use to reach the host once Pyodide has loaded. Python keeps no
 * JsProxy that leads to Pyodide's JavaScript API, its Emscripten module or Node: the `pyodide_js`
 * module goes from the import system and `sys.modules`, and python/sandbox.py drops every other
 * reference Pyodide's Python side holds (the loaders of JavaScript modules, the event loop's and
 * the package loader's module globals). Asyncio's event loop gets `scope.schedule` in place of
 * Pyodide's scheduler. Emscripten's sockets would open real WebSocket connections and servers
 * from Node: a connect or send raises `OSError: [Errno 40] Network unreachable`, a listen
 * `[Errno 63] Operation not permitted`. python/sandbox.py also patches process exits.
 * Emscripten's JavaScript library, which a program calls through ctypes without any JsProxy,
 * reaches Node globals by name: see refuseReachableGlobals, and CallScope for its timers.
 *
 * Returns the scope, whose `end` the runner calls when a call ends.
 * @param {PyodideAPI} pyodide
 * @param {CallScope} [scope]
 * @returns {CallScope}
 */
export function seal(pyodide, scope = createCallScope({ global: globalThis })) {
  refuseReachableGlobals();
  pyodide.unregisterJsModule('pyodide_js');
  pyodide.runPython(
    'import sys\nfor name in [n for n in sys.modules if n == "pyodide_js" or n.startswith("pyodide_js.")]:\n    del sys.modules[name]\n',
  );
  const module = /** @type {EmscriptenModule} */ (/** @type {{_module: unknown}} */ (/** @type {unknown} */ (pyodide))._module);
  refuseSockets(module);
  const namespace = pyodide.toPy({ schedule_callback: scope.schedule });
  try {
    pyodide.runPython(readFileSync(SANDBOX_PATH, 'utf8'), { globals: namespace, filename: SANDBOX_PATH });
  } finally {
    namespace.destroy();
  }
  return scope;
}

/**
 * @typedef {((...args: unknown[]) => unknown) & {destroy?: () => void}} Callback a function from
 *   Python (a PyProxy): destroyed when it will never run
 *
 * @typedef CallScope what one call may leave for JavaScript to run later, and its end
 * @property {(callback: Callback, delayMs: number) => void} schedule runs `callback` once after
 *   `delayMs` milliseconds, unless the call that scheduled it ended first: asyncio's event loop
 *   schedules every callback, task step and timer through it
 * @property {() => void} begin a call starts: timers set through the global functions from now on
 *   are the call's
 * @property {() => void} end the running call ended: what it scheduled is cancelled
 */

/**
 * Keeps what a call schedules in JavaScript within the call: timers it set are cleared when it
 * ends. Without this, an asyncio timer planted by one call fires inside the next whenever that call
 * waits for the event loop (a sleep), seeing the next call's `__main__`, environment and streams.
 *
 * With `global`, the timers set through its setTimeout, setInterval and setImmediate while a call
 * runs are the call's too: Emscripten's library (`emscripten_set_timeout` and the like, which a
 * program reaches through ctypes with a callback of its own) sets them through those globals.
 * @param {{global?: typeof globalThis}} [options]
 * @returns {CallScope}
 */
export function createCallScope({ global } = {}) {
  let generation = 0;
  let running = false;
  /** @type {Map<NodeJS.Timeout | NodeJS.Immediate, Callback>} */
  const pending = new Map();
  /** @type {Set<any>} timers set through the global functions while a call ran */
  const planted = new Set();
  if (global) {
    for (const name of /** @type {const} */ (['setTimeout', 'setInterval', 'setImmediate'])) {
      const original = /** @type {(...args: any[]) => any} */ (global[name]);
      Object.defineProperty(global, name, {
        value: Object.defineProperty(
          /** @param {any[]} args */
          (...args) => {
            const timer = original(...args);
            if (running) planted.add(timer);
            return timer;
          },
          'name',
          { value: name },
        ),
        writable: true,
        configurable: true,
      });
    }
  }
  return Object.freeze({
    schedule(/** @type {Callback} */ callback, /** @type {number} */ delayMs) {
      if (typeof callback !== 'function') throw new TypeError('schedule: the callback must be a function');
      const delay = Number(delayMs);
      const scheduledIn = generation;
      const fire = () => {
        pending.delete(timer);
        if (scheduledIn !== generation) {
          callback.destroy?.();
          return;
        }
        // What the callback raises (a callback that may wait, as Pyodide 314 makes them, fails
        // through its promise) is the event loop's: a program interrupted at its time limit while
        // a callback of its ran stays where it waits, and its call ends at its limit as any
        // program that does not stop. Node goes on.
        try {
          Promise.resolve(callback()).catch(() => {});
        } catch {
          // raised before the callback could wait
        }
      };
      const timer = delay > 2 ? setTimeout(fire, Math.min(delay, MAX_TIMER_MS)) : setImmediate(fire);
      pending.set(timer, callback);
    },
    begin() {
      running = true;
    },
    end() {
      running = false;
      generation++;
      for (const [timer, callback] of pending) {
        cancel(timer);
        callback.destroy?.();
      }
      pending.clear();
      for (const timer of planted) cancel(timer);
      planted.clear();
    },
  });
}

/**
 * @typedef StandardStreamsFS the parts of Emscripten's FS that keepStandardDescriptors uses
 * @property {Record<number, {node?: {mode: number, rdev: number}, flags?: number} | null>} streams
 * @property {(path: string) => {mode: number, rdev: number}} stat
 * @property {(mode: number) => boolean} isChrdev
 * @property {(path: string) => void} unlink
 * @property {(path: string, mode: number, device: number) => void} mkdev
 * @property {(path: string, flags: number) => {fd: number}} open
 * @property {(stream: object) => void} close
 * @property {(stream: object, fd: number) => void} dupStream
 */

/**
 * Returns a function that puts file descriptors 0, 1 and 2 back on the devices of Pyodide's
 * standard streams, as they are now, with the flags they were opened with, making a device again
 * where it was removed or replaced. The runner calls it before each call: what a program closed,
 * redirected (`os.dup2`), changed (fcntl) or replaced under /dev would otherwise hold for every
 * later call.
 * @param {StandardStreamsFS} fs
 * @returns {() => void}
 */
export function keepStandardDescriptors(fs) {
  const devices = STANDARD_DESCRIPTORS.map(([fd, path, flags]) => ({ fd, path, flags, ...pick(fs.stat(path)) }));
  return () => {
    for (const { fd, path, flags, mode, rdev } of devices) {
      const stream = fs.streams[fd];
      const node = stream?.node;
      if (node && fs.isChrdev(node.mode) && node.rdev === rdev && stream?.flags === flags) continue;
      let found;
      try {
        found = fs.stat(path);
      } catch {
        found = undefined;
      }
      if (!found || !fs.isChrdev(found.mode) || found.rdev !== rdev) {
        if (found) fs.unlink(path);
        fs.mkdev(path, mode, rdev);
      }
      if (stream) fs.close(stream);
      const opened = fs.open(path, flags);
      if (opened.fd !== fd) {
        fs.dupStream(opened, fd);
        fs.close(opened);
      }
    }
  };
}

/** @type {[fd: number, path: string, flags: number][]} the flags: O_RDONLY, O_WRONLY */
const STANDARD_DESCRIPTORS = [
  [0, '/dev/stdin', 0],
  [1, '/dev/stdout', 1],
  [2, '/dev/stderr', 1],
];

/** @param {{mode: number, rdev: number}} status */
function pick({ mode, rdev }) {
  return { mode, rdev };
}

/** @param {any} timer a Timeout (of setTimeout or setInterval) or an Immediate */
function cancel(timer) {
  clearTimeout(timer);
  clearImmediate(timer);
}

/**
 * Takes from Node's global object what Emscripten's JavaScript library reaches by name and a
 * program could call through ctypes without any JsProxy: `eval` (emscripten_run_script and its
 * kin) becomes a function that runs nothing and returns undefined, so such a call does nothing
 * instead of failing inside the interpreter (code generation from strings is disallowed anyway);
 * `WebSocket` goes, so emscripten_websocket_new answers -1; `fetch`, `EventSource` and
 * `XMLHttpRequest` go too: nothing of Pyodide uses them once it has loaded.
 * @param {Record<string, unknown>} [target] the global object
 */
export function refuseReachableGlobals(target = globalThis) {
  Object.defineProperty(target, 'eval', {
    value: function evaluateNothing() {
      return undefined;
    },
    writable: false,
    configurable: true,
  });
  for (const name of NETWORK_GLOBALS) delete target[name];
}

/** Node's global network constructors and functions. */
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest'];

/** The longest delay Node's setTimeout takes (2^31 - 1 ms); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every way Emscripten's SOCKFS reaches a peer (connect, sendto on a datagram socket) goes
 * through createPeer; every server through listen (a datagram bind calls it too).
 * @param {EmscriptenModule} module
 */
export function refuseSockets(module) {
  const { ErrnoError } = module.FS;
  const operations = module.SOCKFS.websocket_sock_ops;
  operations.createPeer = () => {
    throw new ErrnoError(ENETUNREACH);
  };
  operations.listen = () => {
    throw new ErrnoError(EPERM);
  };
}
