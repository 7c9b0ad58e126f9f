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
 * Closes what Python could use to reach the host once Pyodide has loaded: the `pyodide_js` module
 * (Pyodide's JavaScript API, which can mount host directories) in the import system and in
 * `sys.modules`; Emscripten's sockets, which would open real WebSocket connections and servers
 * from Node (a connect or send raises `OSError: [Errno 40] Network unreachable`, a listen
 * `[Errno 63] Operation not permitted`); and what python/sandbox.py patches (process exits, and
 * asyncio, which read `pyodide_js`).
 * @param {PyodideAPI} pyodide
 */
export function seal(pyodide) {
  pyodide.unregisterJsModule('pyodide_js');
  pyodide.runPython(
    'import sys\nfor name in [n for n in sys.modules if n == "pyodide_js" or n.startswith("pyodide_js.")]:\n    del sys.modules[name]\n',
  );
  const module = /** @type {EmscriptenModule} */ (/** @type {{_module: unknown}} */ (/** @type {unknown} */ (pyodide))._module);
  refuseSockets(module);
  const namespace = pyodide.toPy({});
  try {
    pyodide.runPython(readFileSync(SANDBOX_PATH, 'utf8'), { globals: namespace, filename: SANDBOX_PATH });
  } finally {
    namespace.destroy();
  }
}

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
