// @ts-check
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidParamsError } from './lib/errors.js';
import { createInterpreterHost } from './lib/interpreters.js';
import { Methods } from './lib/methods.js';
import { createRpc } from './lib/rpc.js';

// stdout carries protocol frames only.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const PROTOCOL_VERSION = 2;
const SHIM_VERSION = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
const PYODIDE_VERSION = JSON.parse(readFileSync(new URL('./package.json', import.meta.resolve('pyodide')), 'utf8')).version;

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// Ctrl-C on a terminal signals the whole foreground process group, this process included: the Java
// side decides what it stops (an interpreter it interrupts or replaces), so the signal is ignored.
process.on('SIGINT', () => {});

// This thread keeps the protocol channel and routes; each workspace's interpreter runs in a worker
// of its own (lib/interpreters.js, lib/interpreter-worker.js; README.md, "Security model").
// --snapshot FILE --snapshot-key KEY: start interpreters from that memory snapshot, or make it.
// --tzdata FILE: Python's tzdata package, made by Java from the JDK's time-zone rules.
// --interpreters N: the most interpreters Java will start in this process; while there is room for
// one more, one is kept loaded ahead of need (the first from the process's start).
const { values: args } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    'snapshot-key': { type: 'string' },
    tzdata: { type: 'string' },
    interpreters: { type: 'string', default: '1' },
  },
});
const interpreters = createInterpreterHost({
  snapshot: { path: args.snapshot, key: args['snapshot-key'] },
  tzdata: args.tzdata,
  capacity: Math.max(1, Number.parseInt(args.interpreters ?? '1', 10) || 1),
  askJava: (interpreter, method, params) => rpc.request(method, { ...params, interpreter }),
  notify: (interpreter, method, params) => rpc.notify(method, { ...params, interpreter }),
  crashed: (interpreter, reason) => rpc.notify(Methods.CRASHED, { interpreter, reason }),
  log: writeDiagnostic,
  strayOutput: (bytes) => process.stderr.write(bytes),
});

/**
 * The interpreter a request is for, the method, and its params without that field.
 * @param {Record<string, unknown>} params
 * @param {string} [method]
 * @returns {[number, string, Record<string, unknown>]}
 */
function routed({ interpreter, ...rest }, method = '') {
  if (!Number.isSafeInteger(interpreter)) throw new InvalidParamsError('"interpreter" must be an integer');
  return [/** @type {number} */ (interpreter), method, rest];
}

const rpc = createRpc({
  input: process.stdin,
  output: process.stdout,
  handlers: {
    [Methods.INTERPRETER_START]: (params) => interpreters.start(routed(params)[0]),
    [Methods.INTERPRETER_STOP]: async (params) => {
      await interpreters.stop(routed(params)[0]);
      return {};
    },
    [Methods.PYTHON_RUN]: (params) => interpreters.call(...routed(params, Methods.PYTHON_RUN)),
    [Methods.PYTHON_INSTALL]: (params) => interpreters.call(...routed(params, Methods.PYTHON_INSTALL)),
    [Methods.PYTHON_INTERRUPT]: (params) => ({ interrupted: interpreters.interrupt(routed(params)[0]) }),
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
  pyodide: PYODIDE_VERSION,
});

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
