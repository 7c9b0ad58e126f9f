// @ts-check
// One workspace's interpreter, in a worker thread of its own: its own isolate, so the interpreter
// never shares a JavaScript realm with the protocol channel, which the main thread keeps
// (index.js, lib/interpreters.js). Everything it needs from outside arrives as messages.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import createPyodideModule from 'pyodide/pyodide.asm.mjs';
import { RemoteError } from './errors.js';
import { Methods } from './methods.js';
import { createInstaller } from './packages.js';
import { createPythonRunner, defineRunner } from './python.js';
import { restoreRuns } from './restore.js';
import { answerConstantsBinding, ownUmask, refuseChildProcesses, sandboxGlobals, seal } from './sandbox.js';
import { useShared } from './shared-files.js';
import { startPyodide } from './snapshot.js';
import { createSyncAsker } from './sync-ask.js';
import { installTzdata } from './tzdata.js';

/**
 * @typedef InterpreterData what the main thread hands each worker (lib/interpreters.js)
 * @property {WebAssembly.Module} [wasm] pyodide.asm.wasm, compiled once per process
 * @property {{path?: string, key?: string, memory?: Uint8Array, runs?: Float64Array}} snapshot the
 *   memory snapshot to start from: `memory` when the main thread has read it, with `runs`, where it
 *   is not zero (lib/restore.js); otherwise the file to read or make
 * @property {string} [tzdata] Python's tzdata package, made by Java from the JDK's time-zone rules
 * @property {Uint8Array} [stdlib] Pyodide's python_stdlib.zip in memory every worker shares
 * @property {{port: import('node:worker_threads').MessagePort, signal: Int32Array}} answers where the
 *   main thread answers this worker's requests to Java (lib/sync-ask.js)
 * @property {Int32Array} [interrupt] set to 1 by the main thread to interrupt the running program
 */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const data = /** @type {InterpreterData} */ (workerData);

/**
 * V8's `gc`, which the sidecar's `--expose-gc` puts on every isolate's global object: loading an
 * interpreter leaves about 9 MB of garbage that V8 would keep for a long time in a worker that then
 * waits, so the worker collects it once, after the warm-up. Python never reaches this global object.
 * @type {(() => void) | undefined}
 */
const collectGarbage = /** @type {any} */ (globalThis).gc;
answerConstantsBinding();
refuseChildProcesses();
ownUmask();

const ask = createSyncAsker(data.answers, (seq, /** @type {{method: string, params: Record<string, unknown>}} */ request) =>
  port.postMessage({ op: 'ask', seq, ...request }),
);

/**
 * Asks Java, through the main thread, for what the program's file operations need, and waits for
 * the answer: at most `timeoutMs`, after which it returns undefined.
 * @param {string} method
 * @param {Record<string, unknown>} params
 * @param {number} [timeoutMs]
 * @returns {unknown}
 * @throws {RemoteError} when Java refuses
 */
function askJava(method, params, timeoutMs) {
  const answer = ask({ method, params }, timeoutMs);
  if (answer?.error) throw new RemoteError(answer.error.code ?? -32603, answer.error.message, answer.error.data);
  return answer?.result;
}

/** @param {string} line */
function writeDiagnostic(line) {
  port.postMessage({ op: 'log', line });
}

const boot = await startPyodide(
  withCompiledModule(loadPyodide, data.wasm),
  {
    jsglobals: sandboxGlobals(),
    stdout: writeDiagnostic,
    stderr: writeDiagnostic,
    createPyodideModule: moduleFactory(data.snapshot),
  },
  data.snapshot,
  defineRunner,
);
const { pyodide } = boot;
// Files are not in a memory snapshot: the time zones go in at every start, before any program runs.
if (data.tzdata) {
  try {
    installTzdata(pyodide, data.tzdata);
  } catch (error) {
    writeDiagnostic(`no time zones: cannot install ${data.tzdata}: ${/** @type {Error} */ (error).message}`);
  }
}
// The standard library's zip, which Pyodide put in MEMFS, becomes the process's shared copy.
if (data.stdlib) {
  const zip = pyodide.FS.readdir('/lib').find((/** @type {string} */ name) => /^python3\d+\.zip$/.test(name));
  if (zip) useShared(pyodide.FS, `/lib/${zip}`, data.stdlib);
}
const scope = seal(pyodide);
// Keeps Pyodide's installer, which Python no longer reaches, for the workspace's wheels (python/install).
const packages = createInstaller(pyodide);
const python = createPythonRunner(pyodide, {
  strayOutput: (bytes) => port.postMessage({ op: 'stray', bytes }),
  askJava,
  started: () => port.postMessage({ op: 'notify', method: Methods.RUNNING, params: {} }),
  output: (batch) => port.postMessage({ op: 'notify', method: Methods.OUTPUT, params: batch }),
  scope,
  interrupt: data.interrupt,
});

/** @type {Record<string, (params: Record<string, unknown>) => Promise<unknown>>} */
const operations = {
  [Methods.PYTHON_RUN]: (params) => python.run(params),
  [Methods.PYTHON_INSTALL]: (params) => packages.install(params),
};

/** Calls received and not yet answered; the collection after loading waits until there are none. */
let inFlight = 0;
/** Whether the collection after loading is still to be done. */
let collectWhenIdle = false;
const collectIfIdle = () => {
  if (collectWhenIdle && inFlight === 0) {
    collectWhenIdle = false;
    collectGarbage?.();
  }
};

port.on('message', (/** @type {any} */ message) => {
  if (message.op === 'call') {
    inFlight++;
    operations[message.method](message.params)
      .then(
        (result) => port.postMessage({ op: 'done', seq: message.seq, result }),
        (/** @type {any} */ error) =>
          port.postMessage({
            op: 'done',
            seq: message.seq,
            error: { code: error?.code, message: error instanceof Error ? error.message : String(error), data: error?.data },
          }),
      )
      .finally(() => {
        inFlight--;
        collectIfIdle();
      });
  }
});

port.postMessage({
  op: 'ready',
  info: {
    python: pyodide.runPython('import sys; sys.version.split()[0]'),
    snapshot: boot.snapshot,
    ...(boot.made && { madeSnapshot: boot.made }),
  },
});
// While the interpreter waits (in the pool, or for Java's first call), the call path is run once,
// then what loading left behind is collected: at once when no call waits, else after the calls
// that came meanwhile have been answered, so that the collection never holds up a first call.
python
  .warmUp()
  .catch((error) => writeDiagnostic(`warm-up failed: ${/** @type {Error} */ (error).message}`))
  .finally(() => {
    collectWhenIdle = true;
    collectIfIdle();
  });

/**
 * `loadPyodide`, instantiating the WebAssembly module the main thread compiled instead of
 * compiling pyodide.asm.wasm again: every interpreter of the process shares one compiled module.
 * @param {import('./snapshot.js').LoadPyodide} load
 * @param {WebAssembly.Module | undefined} module
 * @returns {import('./snapshot.js').LoadPyodide}
 */
function withCompiledModule(load, module) {
  if (!module) return load;
  return async (options) => {
    const instantiate = WebAssembly.instantiate;
    // Pyodide instantiates pyodide.asm.wasm from its bytes, once, while it loads.
    WebAssembly.instantiate = /** @type {typeof WebAssembly.instantiate} */ (
      /** @type {unknown} */ (
        async (/** @type {any} */ source, /** @type {any} */ imports) => {
          if (source instanceof WebAssembly.Module) return instantiate(source, imports);
          WebAssembly.instantiate = instantiate;
          return { instance: await instantiate(module, imports), module };
        }
      )
    );
    try {
      return await load(options);
    } finally {
      WebAssembly.instantiate = instantiate;
    }
  };
}

/**
 * Pyodide's module factory (pyodide.asm.mjs's, which loadPyodide takes as `createPyodideModule`),
 * changed in two ways that keep an interpreter's memory down and are over once it has loaded:
 * - the settings object, which is the module and lives as long as the interpreter, loses
 *   `instantiateWasm`: Pyodide's, whose closure holds the bytes of pyodide.asm.wasm (9.6 MB)
 *   it read for the instantiation, done by then;
 * - given the runs of the snapshot that are not zero, the restore writes only those (restoreRuns)
 *   instead of the whole snapshot, so that the pages the snapshot leaves zero (about half) stay
 *   untouched, not resident, until Python uses them. Pyodide's restoreSnapshot copies the memory
 *   part with `Module.HEAP8.set(part)`: for that one call, `HEAP8` has a `set` that copies the runs.
 * @param {InterpreterData['snapshot']} snapshot
 * @returns {(settings: any) => Promise<any>}
 */
function moduleFactory({ memory, runs }) {
  return async (settings) => {
    const module = await createPyodideModule(settings);
    delete module.instantiateWasm;
    const api = module.API;
    const restore = api?.restoreSnapshot;
    if (!memory || !runs || typeof restore !== 'function') return module;
    api.restoreSnapshot = (/** @type {Uint8Array} */ file) => {
      api.restoreSnapshot = restore;
      const heap = module.HEAP8;
      const target = new Uint8Array(heap.buffer, heap.byteOffset, heap.length);
      module.HEAP8 = {
        set(/** @type {Uint8Array} */ part) {
          // Only the copy of this snapshot's memory part; anything else as HEAP8 would do it.
          if (file !== memory || part.buffer !== memory.buffer || part.byteOffset < memory.byteOffset) heap.set(part);
          else restoreRuns(target, memory, runs, part.byteOffset - memory.byteOffset);
        },
      };
      try {
        return restore(file);
      } finally {
        module.HEAP8 = heap;
      }
    };
    return module;
  };
}
