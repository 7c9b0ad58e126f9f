// @ts-check
// Starts the real sidecar (index.js) as a child process and plays Java's side of the protocol.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Methods } from '../lib/methods.js';
import { createRpc } from '../lib/rpc.js';
import { commandParams } from './flags.js';

export const SHIM_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Real paths, as SidecarProcess.start grants them: the permission model checks resolved paths. */
export const PYODIDE_DIR = realpathSync(join(SHIM_DIR, 'node_modules', 'pyodide'));

/** The sidecar's command line before the entry point, as SidecarProcess.start builds it. */
export const SIDECAR_FLAGS = Object.freeze([
  '--permission',
  `--allow-fs-read=${realpathSync(SHIM_DIR)}`,
  `--allow-fs-read=${PYODIDE_DIR}`,
  '--allow-worker',
  '--disable-warning=SecurityWarning',
  '--disallow-code-generation-from-strings',
  '--no-experimental-ffi',
  '--max-old-space-size=512',
  '--expose-gc',
]);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @typedef {{method: string, params: Record<string, any>}} Received a notification from Node
 *
 * @typedef Sidecar
 * @property {import('node:child_process').ChildProcessWithoutNullStreams} child
 * @property {import('../lib/rpc.js').Rpc} rpc
 * @property {Promise<Record<string, unknown>>} ready the params of `$/ready`
 * @property {Received[]} notifications every `$/running`, `$/output` and `$/crashed`, in arrival order
 * @property {(method: string, params: Record<string, any>) => Promise<Received[]>} waitFor resolves once a
 *   notification of `method` whose params include `params` arrived
 * @property {(interpreter: number, code: string, limits?: Record<string, unknown>) => Promise<{exitCode: number, stdout: string, stderr: string, timedOut: boolean}>} run
 *   runs `python3 -c code` in `interpreter`, its output whole (what `$/output` carried first)
 * @property {() => string} diagnostics what the sidecar wrote on stderr so far
 * @property {Promise<number | null>} exited
 */

/**
 * @param {{nodeOptions?: readonly string[], handlers?: Record<string, (params: any) => unknown>}} [options]
 *   `handlers`: Java's answers to Node's requests (`fs/*`, `stdin/read`)
 * @returns {Sidecar}
 */
export function startSidecar({ nodeOptions = SIDECAR_FLAGS, handlers = {} } = {}) {
  const child = spawn(process.execPath, [...nodeOptions, 'index.js'], { cwd: SHIM_DIR, env: {}, stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {Buffer[]} */
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  /** @type {(params: Record<string, unknown>) => void} */
  let onReady = () => {};
  /** @type {Promise<Record<string, unknown>>} */
  const ready = new Promise((resolve) => (onReady = resolve));
  /** @type {Received[]} */
  const notifications = [];
  /** @type {Set<() => void>} */
  const watchers = new Set();
  const received = (/** @type {string} */ method) => (/** @type {Record<string, any>} */ params) => {
    notifications.push({ method, params });
    for (const watcher of watchers) watcher();
  };
  const rpc = createRpc({
    input: child.stdout,
    output: child.stdin,
    handlers: {
      [Methods.READY]: (params) => onReady(params),
      [Methods.RUNNING]: received(Methods.RUNNING),
      [Methods.OUTPUT]: received(Methods.OUTPUT),
      [Methods.CRASHED]: received(Methods.CRASHED),
      ...handlers,
    },
    onProtocolError: (error) => {
      throw error;
    },
    log: () => {},
  });

  /**
   * @param {string} method
   * @param {Record<string, any>} params
   */
  function waitFor(method, params) {
    const matches = () =>
      notifications.filter((n) => n.method === method && Object.entries(params).every(([key, value]) => n.params[key] === value));
    return new Promise((resolve) => {
      const check = () => {
        const found = matches();
        if (found.length === 0) return;
        watchers.delete(check);
        resolve(found);
      };
      watchers.add(check);
      check();
    });
  }

  /**
   * @param {number} interpreter
   * @param {string} code
   * @param {Record<string, unknown>} [limits]
   */
  async function run(interpreter, code, limits = {}) {
    const from = notifications.length;
    const params = { interpreter, ...commandParams(code), ...limits };
    const result = /** @type {Record<string, any>} */ (await rpc.request(Methods.PYTHON_RUN, params));
    const streamed = notifications.slice(from).filter((n) => n.method === Methods.OUTPUT && n.params.interpreter === interpreter);
    const whole = (/** @type {'stdout' | 'stderr'} */ name) =>
      [...streamed.map((n) => n.params), result].map((part) => UTF8.decode(part[name])).join('');
    return { exitCode: result.exitCode, stdout: whole('stdout'), stderr: whole('stderr'), timedOut: result.timedOut };
  }

  return {
    child,
    rpc,
    ready,
    notifications,
    waitFor: /** @type {any} */ (waitFor),
    run,
    diagnostics: () => Buffer.concat(stderr).toString(),
    exited,
  };
}
