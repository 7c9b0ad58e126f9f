// @ts-check
// Slow: loads real Pyodide, twice (fresh, and restored from a memory snapshot), as index.js does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import test from 'node:test';
import { types } from 'node:util';
import { loadPyodide } from 'pyodide';
import * as errors from '../lib/errors.js';
import * as framing from '../lib/framing.js';
import * as methods from '../lib/methods.js';
import * as packages from '../lib/packages.js';
import * as python from '../lib/python.js';
import * as rpcModule from '../lib/rpc.js';
import * as sandbox from '../lib/sandbox.js';
import * as snapshot from '../lib/snapshot.js';
import { commandParams } from './flags.js';

const WALK = readFileSync(new URL('./object_graph.py', import.meta.url), 'utf8');

/**
 * What the program of the audited call does before it walks: it uses what Pyodide offers a program
 * (its modules, asyncio timers and tasks, ctypes), so that whatever they keep is in the walk.
 */
const WARM_UP = `
import asyncio, ctypes, importlib, sys
for name in ('pyodide', 'pyodide.ffi', 'pyodide.ffi.wrappers', 'pyodide.code', 'pyodide.http', 'pyodide.console',
             'pyodide.webloop', 'pyodide._package_loader', 'pyodide._state', 'pyodide_js', '_pyodide._importhook',
             '_pyodide.jsbind', '_pyodide._base', 'js', 'micropip'):
    try:
        importlib.import_module(name)
    except Exception:
        pass
async def sleeper():
    await asyncio.sleep(0)
asyncio.run(sleeper())
loop = asyncio.get_event_loop()
pending_timer = loop.call_later(3600, print)
pending_soon = loop.call_soon(print)
pending_task = asyncio.ensure_future(asyncio.sleep(3600))
libc = ctypes.CDLL(None)
`;

/**
 * Loads Pyodide as index.js does (sandbox globals, the shim's Python files defined before a
 * snapshot could be made, then sealed) and starts the Python runner with an RPC channel to nowhere.
 * @param {Record<string, unknown>} [extra] more loadPyodide options
 */
async function sealedSidecar(extra = {}) {
  const pyodide = await loadPyodide({ jsglobals: sandbox.sandboxGlobals(), ...extra });
  if (!extra._loadSnapshot) python.defineRunner(pyodide);
  const scope = sandbox.seal(pyodide);
  const installer = packages.createInstaller(pyodide);
  const channel = rpcModule.createRpc({
    input: new PassThrough(),
    output: new PassThrough(),
    handlers: {},
    onProtocolError: () => {},
    log: () => {},
  });
  const askJava = (/** @type {string} */ method, /** @type {Record<string, unknown>} */ params) => channel.request(method, params);
  const strayOutput = () => {};
  const started = () => {};
  const runner = python.createPythonRunner(pyodide, { strayOutput, askJava, started, scope });
  return { pyodide, runner, shimValues: { installer, channel, askJava, strayOutput, started, runner } };
}

/**
 * The JavaScript objects Python must never reach, each with a name: Pyodide's API, its internal
 * API and Emscripten module and every object or function they hold, Node's global object and
 * process, every export of the shim's modules, and the sidecar's own objects (RPC channel, runner).
 * @param {import('pyodide').PyodideAPI} pyodide
 * @param {Record<string, unknown>} shimValues
 */
function forbiddenObjects(pyodide, shimValues) {
  /** @type {Map<unknown, string>} */
  const forbidden = new Map();
  const api = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (pyodide));
  const add = (/** @type {string} */ name, /** @type {unknown} */ value) => {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      if (!forbidden.has(value)) forbidden.set(value, name);
    }
  };
  const addHeld = (/** @type {string} */ name, /** @type {Record<string, unknown>} */ owner) => {
    add(name, owner);
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
      add(`${name}.${String(key)}`, descriptor?.value);
    }
  };
  add('globalThis', globalThis);
  add('process', process);
  add('process.binding', process.binding);
  addHeld('the Pyodide API', api);
  addHeld('_api', /** @type {Record<string, unknown>} */ (api._api));
  addHeld('_module', /** @type {Record<string, unknown>} */ (api._module));
  const modules = { errors, framing, methods, packages, python, rpc: rpcModule, sandbox, snapshot };
  for (const [name, exports] of Object.entries(modules)) {
    for (const [key, value] of Object.entries(exports)) add(`lib/${name}.js ${key}`, value);
  }
  for (const [name, value] of Object.entries(shimValues)) addHeld(`the sidecar's ${name}`, /** @type {any} */ (value));
  // What every object leads to through its prototype chain is no secret: the intrinsics.
  for (const intrinsic of [Object, Object.prototype, Function, Function.prototype, Array, Array.prototype, Error, Promise]) {
    forbidden.delete(intrinsic);
  }
  return forbidden;
}

/**
 * Walks the JavaScript object graph from `roots` without running any of it: own property
 * descriptors' values, getters and setters (as objects, never called) and prototypes. Stops at
 * proxies (a PyProxy leads back into Python, which the Python walk covers).
 * @param {[string, unknown][]} roots
 * @param {Map<unknown, string>} forbidden
 * @returns {string[]} one line per forbidden object reached, with the path that reached it
 */
export function forbiddenReached(roots, forbidden) {
  const hits = [];
  const seen = new Set();
  /** @type {[string, unknown][]} */
  const queue = [...roots];
  for (let index = 0; index < queue.length; index++) {
    const [path, value] = queue[index];
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (forbidden.has(value)) {
      hits.push(`${path} is ${forbidden.get(value)}`);
      continue;
    }
    if (types.isProxy(value)) continue;
    queue.push([`${path}.[[Prototype]]`, Object.getPrototypeOf(value)]);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = /** @type {PropertyDescriptor} */ (Reflect.getOwnPropertyDescriptor(value, key));
      queue.push([`${path}.${String(key)}`, descriptor.value]);
      queue.push([`${path}.${String(key)}(get)`, descriptor.get]);
      queue.push([`${path}.${String(key)}(set)`, descriptor.set]);
    }
  }
  return hits;
}

/**
 * The JsProxies a Python walk (test/object_graph.py) found, as [where, the JavaScript object] pairs.
 * @param {import('pyodide').PyodideAPI} pyodide
 * @param {string} expression a Python expression for the walk's result
 * @returns {[string, unknown][]}
 */
function jsObjectsFound(pyodide, expression) {
  const wheres = pyodide.runPython(`[where for where, _ in ${expression}]`);
  const values = pyodide.runPython(`[value for _, value in ${expression}]`);
  try {
    const objects = values.toJs({ depth: 1 });
    return wheres.toJs().map((/** @type {string} */ where, /** @type {number} */ i) => [where, objects[i]]);
  } finally {
    wheres.destroy();
    values.destroy();
  }
}

/**
 * Runs one call that uses Pyodide's modules and walks everything reachable from inside it, then
 * walks again from outside any call; hands both walks' JsProxies to the JavaScript walk.
 * @param {Awaited<ReturnType<typeof sealedSidecar>>} sidecar
 */
async function audit({ pyodide, runner, shimValues }) {
  // The walk's result is kept on the shim's module, which the end of a call leaves alone (it puts
  // sys and the library back as they were).
  const code = `${WARM_UP}\n${WALK}\nsys.modules["_mirage4j_shim"].mirage4j_audit = reachable_js()\n`;
  const result = await runner.run(commandParams(code));
  assert.equal(Buffer.from(result.stderr).toString(), '');
  assert.equal(result.exitCode, 0);
  const during = jsObjectsFound(pyodide, '__import__("sys").modules["_mirage4j_shim"].mirage4j_audit');
  const namespace = pyodide.toPy({});
  try {
    pyodide.runPython(`${WALK}\nimport sys\nsys.modules["_mirage4j_shim"].mirage4j_audit = reachable_js()`, { globals: namespace });
  } finally {
    namespace.destroy();
  }
  const after = jsObjectsFound(pyodide, '__import__("sys").modules["_mirage4j_shim"].mirage4j_audit');
  const forbidden = forbiddenObjects(pyodide, shimValues);
  return { during, after, hits: forbiddenReached([...during, ...after], forbidden) };
}

test('the JavaScript walk reports a forbidden object however deep it hides, and nothing else', () => {
  const secret = { api: true };
  const forbidden = new Map([[secret, 'the secret']]);
  const holder = Object.create({ nested: [Object.defineProperty({}, 'hidden', { get: () => secret, enumerable: false })] });
  const getterOnly = Object.defineProperty({}, 'x', { get: Object.assign(() => 1, { leak: secret }) });
  assert.deepEqual(forbiddenReached([['holder', holder]], forbidden), []);
  assert.deepEqual(forbiddenReached([['holder', { deep: [{ deeper: secret }] }]], forbidden), ['holder.deep.0.deeper is the secret']);
  assert.deepEqual(forbiddenReached([['getter', getterOnly]], forbidden), ['getter.x(get).leak is the secret']);
  assert.deepEqual(forbiddenReached([['proto', Object.create(secret)]], forbidden), ['proto.[[Prototype]] is the secret']);
});

for (const [name, start] of /** @type {[string, () => Promise<Awaited<ReturnType<typeof sealedSidecar>>>][]} */ ([
  ['a fresh interpreter', () => sealedSidecar()],
  [
    'an interpreter restored from a memory snapshot',
    async () => {
      const maker = await loadPyodide({ jsglobals: sandbox.sandboxGlobals(), _makeSnapshot: true });
      python.defineRunner(maker);
      return sealedSidecar({ _loadSnapshot: maker.makeMemorySnapshot() });
    },
  ],
])) {
  test(`slow: in ${name}, after sealing, no JsProxy Python reaches leads to Pyodide's API, Node or the shim`, { timeout: 120_000 }, async () => {
    const sidecar = await start();
    const { during, hits } = await audit(sidecar);
    assert.ok(during.length >= 3, `the walk found ${during.length} JsProxies: ${during.map(([where]) => where).join('; ')}`);
    assert.deepEqual(hits, []);
  });
}
