// @ts-check
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPyodide } from 'pyodide';
import { Methods } from './lib/methods.js';
import { createInstaller } from './lib/packages.js';
import { createPythonRunner, defineRunner } from './lib/python.js';
import { createRpc } from './lib/rpc.js';
import { answerConstantsBinding, refuseChildProcesses, sandboxGlobals, seal } from './lib/sandbox.js';
import { startPyodide } from './lib/snapshot.js';
import { installTzdata } from './lib/tzdata.js';

// stdout carries protocol frames only.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const PROTOCOL_VERSION = 1;
const SHIM_VERSION = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// Ctrl-C on a terminal signals the whole foreground process group, this process included: the Java
// side decides what it stops (an interpreter it interrupts or replaces), so the signal is ignored.
process.on('SIGINT', () => {});

// Python must reach nothing of Node or of the host (lib/sandbox.js; README.md, "Security model").
answerConstantsBinding();
refuseChildProcesses();
// --snapshot FILE --snapshot-key KEY: start from that memory snapshot, or make it (README.md, "Java API").
// --tzdata FILE: Python's tzdata package, made by Java from the JDK's time-zone rules.
const { values: args } = parseArgs({
  options: { snapshot: { type: 'string' }, 'snapshot-key': { type: 'string' }, tzdata: { type: 'string' } },
});
const boot = await startPyodide(
  loadPyodide,
  { jsglobals: sandboxGlobals(), stdout: writeDiagnostic, stderr: writeDiagnostic },
  { path: args.snapshot, key: args['snapshot-key'] },
  defineRunner,
);
const { pyodide } = boot;
// Files are not in a memory snapshot: the time zones go in at every start, before any program runs.
if (args.tzdata) {
  try {
    installTzdata(pyodide, args.tzdata);
  } catch (error) {
    writeDiagnostic(`no time zones: cannot install ${args.tzdata}: ${/** @type {Error} */ (error).message}`);
  }
}
const scope = seal(pyodide);
// Keeps Pyodide's installer, which Python no longer reaches, for the workspace's wheels (python/install).
const packages = createInstaller(pyodide);
const python = createPythonRunner(pyodide, {
  strayOutput: (bytes) => process.stderr.write(bytes),
  askJava: (method, params) => rpc.request(method, params),
  started: () => rpc.notify(Methods.RUNNING, {}),
  output: (batch) => rpc.notify(Methods.OUTPUT, batch),
  scope,
});
const rpc = createRpc({
  input: process.stdin,
  output: process.stdout,
  handlers: {
    [Methods.PYTHON_RUN]: (params) => python.run(params),
    [Methods.PYTHON_INSTALL]: (params) => packages.install(params),
    [Methods.SHUTDOWN]: () => {
      rpc.close().then(() => process.exit(0));
      return null;
    },
  },
  onProtocolError: (error) => exit(3, `protocol error: ${error.message}`),
  log: writeDiagnostic,
});
process.stdin.once('end', () => process.exit(0));
rpc.notify(Methods.READY, {
  protocol: PROTOCOL_VERSION,
  shim: SHIM_VERSION,
  node: process.version,
  pyodide: pyodide.version,
  python: pyodide.runPython('import sys; sys.version.split()[0]'),
  snapshot: boot.snapshot,
  ...(boot.made && { madeSnapshot: boot.made }),
});
// While the sidecar waits (in the pool, or for Java's first call), the call path is run once.
python.warmUp().catch((error) => writeDiagnostic(`warm-up failed: ${/** @type {Error} */ (error).message}`));

/** @param {string} line */
function writeDiagnostic(line) {
  process.stderr.write(`mirage4j-shim: ${line}\n`);
}

/** @param {unknown} error */
function fail(error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  exit(1, `fatal: ${detail.replace(/\s*\n\s*/g, ' | ')}`);
}

/**
 * @param {number} code
 * @param {string} line
 */
function exit(code, line) {
  writeDiagnostic(line);
  process.exit(code);
}
