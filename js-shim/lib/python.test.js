// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { CancelledError, InternalError, InvalidParamsError, RemoteError } from './errors.js';
import {
  FATAL_ERROR_LINE,
  createInterrupts,
  createPythonRunner,
  createTidying,
  parseWithBytes,
  stringifyWithBytes,
} from './python.js';
import { NO_FLAGS, NO_LIMITS } from '../test/flags.js';

const bytes = (/** @type {string} */ text) => new Uint8Array(Buffer.from(text, 'utf8'));
const text = (/** @type {Uint8Array} */ data) => Buffer.from(data).toString('utf8');

/**
 * @typedef {{write: (buffer: Uint8Array) => number}} Writer
 * @typedef {(...args: unknown[]) => Promise<[number, Uint8Array, Uint8Array]>} FakeRun
 */

/**
 * A stand-in for Pyodide whose runner.py `run` is `fakeRun`.
 * @param {FakeRun} fakeRun
 */
function fakePyodide(fakeRun) {
  /** @type {{stdout?: Writer, stderr?: Writer, stdin?: {read: () => number}, sources: string[], bridge?: Record<string, Function>, interruptBuffer?: ArrayLike<number>, written?: {path: string, data: Uint8Array, options: unknown}, restored: {madeFrom: unknown, globals: unknown, argument: unknown, before: number}[], runs: number, runArgs?: unknown[]}} */
  const seen = { sources: [], restored: [], runs: 0 };
  const pyodide = {
    setStdout: (/** @type {Writer} */ options) => (seen.stdout = options),
    setStderr: (/** @type {Writer} */ options) => (seen.stderr = options),
    setStdin: (/** @type {{read: () => number}} */ options) => (seen.stdin = options),
    setInterruptBuffer: (/** @type {ArrayLike<number>} */ buffer) => (seen.interruptBuffer = buffer),
    _module: { HEAPU8: { byteLength: 20 * 1024 * 1024 } },
    FS: {
      writeFile: (/** @type {string} */ path, /** @type {Uint8Array} */ data, /** @type {unknown} */ options) =>
        (seen.written = { path, data, options }),
      // File descriptors 0, 1 and 2, open on their devices.
      streams: [0, 1, 2].map((fd) => ({ node: { mode: 0o20666, rdev: 100 + fd }, flags: fd === 0 ? 0 : 1 })),
      stat: (/** @type {string} */ path) => ({ mode: 0o20666, rdev: 100 + ['/dev/stdin', '/dev/stdout', '/dev/stderr'].indexOf(path) }),
      isChrdev: () => true,
      // MEMFS's shared operations, which lib/live-mounts.js hooks.
      filesystems: { MEMFS: { ops_table: { dir: { node: {}, stream: {} }, file: { node: {}, stream: {} } } } },
    },
    toPy: () => ({ get: (/** @type {string} */ name) => (name === 'defined' ? notDefined : define), destroy() {} }),
    runPython: () => {},
    pyimport: () => ({
      mounts: namespace({ install }),
      fresh: namespace({ seal, end }),
      runner: namespace({ attach, run: { callPromising: call }, prepare, cell_outcome: cellOutcome }),
      destroy() {},
    }),
  };
  const define = Object.assign(
    (/** @type {string} */ _module, /** @type {string} */ _name, /** @type {string} */ source) => seen.sources.push(source),
    { destroy() {} },
  );
  const attach = Object.assign(() => {}, { destroy() {} });
  // python/fresh.py's seal: (FunctionType, code, snapshot); each call makes a function and calls it.
  const [functionType, code, snapshot] = [{ kind: 'FunctionType' }, { kind: 'code' }, { kind: 'snapshot' }];
  const makeFunction = (/** @type {unknown} */ madeFrom, /** @type {unknown} */ globals) =>
    Object.assign((/** @type {unknown} */ argument) => seen.restored.push({ madeFrom, globals, argument, before: seen.runs }), { destroy() {} });
  const sealed = { get: (/** @type {number} */ index) => [makeFunction, code, snapshot][index], destroy() {} };
  const seal = Object.assign(() => sealed, { destroy() {} });
  // fresh.py's end takes what it returned last time (the library's state), and returns it anew.
  const end = Object.assign(
    (/** @type {unknown} */ library) => {
      seen.restored.push({ madeFrom: 'end', globals: undefined, argument: library, before: seen.runs });
      return { library: seen.runs, destroy() {} };
    },
    { destroy() {} },
  );
  const prepare = Object.assign(
    () => seen.restored.push({ madeFrom: 'prepare', globals: undefined, argument: undefined, before: seen.runs }),
    { destroy() {} },
  );
  const notDefined = Object.assign(() => false, { destroy() {} });
  // runner.py's cell_outcome: the last cell's value and whether it ended the session
  const cellOutcome = () => ({ get: (/** @type {number} */ index) => [`'cell ${seen.runs}'`, false, ''][index], destroy() {} });
  /** @param {Record<string, unknown>} entries */
  const namespace = (entries) => ({ get: (/** @type {string} */ name) => entries[name], destroy() {} });
  const install = Object.assign(
    (/** @type {Record<string, Function>} */ bridge) => {
      seen.bridge = bridge;
      return { destroy() {} };
    },
    { destroy() {} },
  );
  /**
   * runner.py's run returns the exit status; what the fake returns as sys.stdout's and
   * sys.stderr's output is written to file descriptors 1 and 2 at its end, as the streams' flush
   * at exit writes it.
   * @param {unknown[]} args
   */
  async function call(...args) {
    seen.runs += 1;
    seen.runArgs = args;
    // run(params, stdin, source): the params as JSON text without their bytes, then the bytes.
    const [text, stdin, source] = /** @type {[string, Uint8Array, Uint8Array | undefined]} */ (args);
    const runParams = { ...JSON.parse(text), stdin };
    if (source !== undefined) runParams.program.source = source;
    const [exitCode, stdout, stderr] = await fakeRun(runParams);
    if (stdout.length) seen.stdout?.write(stdout);
    if (stderr.length) seen.stderr?.write(stderr);
    return exitCode;
  }
  return { pyodide: /** @type {any} */ (pyodide), seen };
}

/** @type {Readonly<import('./python.js').Flags>} */

/** @type {import('./python.js').AskJava} */
const unexpectedRequest = (method) => assert.fail(`unexpected request ${method}`);

/** @param {Partial<Record<string, unknown>>} [overrides] */
function params(overrides = {}) {
  return {
    program: { kind: 'command', code: 'print(1)' },
    argv: ['-c'],
    path0: '',
    label: 'python3',
    flags: NO_FLAGS,
    cwd: '/data',
    mounts: [{ prefix: '/data', mode: 'exec' }],
    env: {},
    stdin: bytes(''),
    ...NO_LIMITS,
    ...overrides,
  };
}

test('loads runner.py and passes the params python/run knows to its run()', async () => {
  /** @type {unknown[]} */
  let received = [];
  const { pyodide, seen } = fakePyodide(async (...args) => {
    received = args;
    return [3, bytes('out'), bytes('err')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  assert.equal(seen.sources.length, 5);
  assert.match(seen.sources[0], /^def install\(mounts\):$/m);
  assert.match(seen.sources[1], /^def install\(bridge\):$/m);
  assert.match(seen.sources[2], /^def seal\(shim\):$/m);
  assert.match(seen.sources[3], /^def install\(module, functions, call, to_js\):$/m);
  assert.match(seen.sources[4], /^def run\(params, stdin, source\):$/m);
  const known = params({ argv: ['-c', 'a'], path0: null, label: 'python', env: { HOME: '/data' }, stdin: bytes('in') });
  const result = await runner.run({ ...known, extra: 1 });
  assert.deepEqual(received, [known]);
  const [text, stdin, source] = /** @type {unknown[]} */ (seen.runArgs);
  const { stdin: _bytes, ...described } = known;
  assert.deepEqual(JSON.parse(/** @type {string} */ (text)), described, 'the params as JSON text, without their bytes');
  assert.deepEqual(stdin, bytes('in'));
  assert.equal(source, undefined, 'a command has no source bytes');
  assert.deepEqual(result, {
    exitCode: 3,
    stdout: bytes('out'),
    stderr: bytes('err'),
    order: [
      [1, 3],
      [2, 3],
    ],
    timedOut: false,
    intact: true,
    memoryBytes: 20 * 1024 * 1024,
  });
});

test("after each call, or at the latest before the next, the shim's machinery is put back, then the interpreter's state", async () => {
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  await runner.run(params());
  // The result comes first; putting things back waits until nothing else runs...
  assert.deepEqual(seen.restored, []);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    seen.restored.map(({ madeFrom, argument, before }) => [madeFrom, argument, before]),
    [
      [{ kind: 'code' }, { kind: 'snapshot' }, 1],
      ['end', undefined, 1],
      ['prepare', undefined, 1],
    ],
  );
  const library = seen.restored[1].argument;
  // ...unless the next call comes first.
  const results = await Promise.all([runner.run(params()), runner.run(params())]);
  assert.deepEqual(
    results.map((result) => result.intact),
    [true, true],
    'putting things back never failed',
  );
  assert.deepEqual(
    seen.restored.map(({ madeFrom, before }) => [madeFrom, before]),
    [
      [{ kind: 'code' }, 1],
      ['end', 1],
      ['prepare', 1],
      [{ kind: 'code' }, 2],
      ['end', 2],
      ['prepare', 2],
    ],
  );
  assert.equal(library, undefined, 'the first end starts from the state at attach');
  assert.deepEqual(
    seen.restored.filter(({ madeFrom }) => madeFrom === 'end').map(({ argument }) => /** @type {any} */ (argument)?.library),
    [undefined, 1],
    'each end takes what the one before returned',
  );
});

test("a cell makes the interpreter a session's: its state is no longer put back, its value comes back, and only cells run", async () => {
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  const fresh = await runner.run(params());
  assert.equal(fresh.value, undefined, 'a program that is no cell has no value');
  const cell = params({ program: { kind: 'cell', code: 'x = 1' }, argv: [''] });
  const first = await runner.run(cell);
  const second = await runner.run(cell);
  assert.deepEqual([first.value, second.value, first.intact, second.intact], ["'cell 2'", "'cell 3'", true, true]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    seen.restored.map(({ madeFrom, before }) => [madeFrom, before]),
    [
      [{ kind: 'code' }, 1],
      ['end', 1],
      ['prepare', 1],
      [{ kind: 'code' }, 2],
      ['prepare', 2],
      [{ kind: 'code' }, 3],
      ['prepare', 3],
    ],
    "after a cell the shim's machinery is put back and the next start made, but not the interpreter's state",
  );
  await assert.rejects(runner.run(params()), {
    name: 'InvalidParamsError',
    message: 'python/run: this interpreter holds a Python session: it runs cells only',
  });
});

test("after Pyodide announces a fatal error, its stack dump on file descriptor 1 is no output: not sent, not kept", async () => {
  /** @type {unknown[]} */
  const sent = [];
  /** @type {(() => void) | undefined} */
  let announce;
  const { pyodide, seen } = fakePyodide(async () => {
    /** @type {Writer} */ (seen.stdout).write(bytes('mine\n'));
    /** @type {() => void} */ (announce)();
    for (let i = 0; i < 50; i++) /** @type {Writer} */ (seen.stdout).write(bytes('  File "<string>", line 5 in f\n'));
    return [1, bytes(''), bytes('')];
  });
  let clock = 0;
  const runner = createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: unexpectedRequest,
    output: (batch) => sent.push(batch),
    now: () => (clock += 5),
  });
  // Pyodide's announcement, through the console.error the runner watches (it prints the line too)
  announce = () => console.error(FATAL_ERROR_LINE);
  const result = await runner.run(params());
  const everything = [...sent.map((batch) => text(/** @type {any} */ (batch).stdout)), text(result.stdout)].join('');
  assert.equal(everything, 'mine\n');
});

test('a call after a failed tidying up runs, and says its interpreter is not intact', async () => {
  let failing = true;
  const tidying = createTidying(() => {
    if (failing) throw new Error('broken');
  });
  assert.equal(tidying.finish(), true);
  tidying.schedule();
  assert.equal(tidying.finish(), false);
  failing = false;
  tidying.schedule();
  assert.equal(tidying.finish(), true);
});

test('gives mounts.py one synchronous function per fs/* request, each asking Java', () => {
  /** @type {[string, Record<string, unknown>][]} */
  const asked = [];
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: (method, askParams) => {
      asked.push([method, askParams]);
      return { answer: method };
    },
  });
  const bridge = /** @type {Record<string, Function>} */ (seen.bridge);
  const data = bytes('x');
  const calls = [
    bridge.stat('/d/f'),
    bridge.list('/d'),
    bridge.write('/d/f', data),
    bridge.mkdir('/d/e'),
    bridge.remove('/d/f'),
    bridge.rmdir('/d/e'),
    bridge.rename('/d/a', '/d/b'),
  ];
  assert.deepEqual(
    calls,
    asked.map(([method]) => ({ result: { answer: method }, error: undefined })),
  );
  assert.deepEqual(asked, [
    ['fs/stat', { path: '/d/f' }],
    ['fs/list', { path: '/d' }],
    ['fs/write', { path: '/d/f', data }],
    ['fs/mkdir', { path: '/d/e' }],
    ['fs/remove', { path: '/d/f' }],
    ['fs/rmdir', { path: '/d/e' }],
    ['fs/rename', { from: '/d/a', to: '/d/b' }],
  ]);
});

test('hostCall sends host/call with the arguments and their bytes, and returns the result as text and bytes', () => {
  /** @type {[string, Record<string, unknown>, number | undefined][]} */
  const asked = [];
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: (method, askParams, timeoutMs) => {
      asked.push([method, askParams, timeoutMs]);
      return { hits: [bytes('hit')], n: 1 };
    },
  });
  const bridge = /** @type {Record<string, Function>} */ (seen.bridge);
  const answer = bridge.hostCall('search', '{"q":"x","raw":{"$bin":0}}', bytes('ab'));
  assert.deepEqual(asked, [['host/call', { name: 'search', args: { q: 'x', raw: bytes('ab') } }, Infinity]]);
  assert.deepEqual(answer, { result: { text: '{"hits":[{"$bin":0}],"n":1}', blobs: [bytes('hit')] }, error: undefined });
});

test('hostCall returns a refusal with its reason, and no result when the time limit passed first', () => {
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  let refuse = true;
  createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: () => {
      if (refuse) throw new RemoteError(-32006, 'no such function: x', { reason: 'UNKNOWN' });
      return undefined;
    },
  });
  const bridge = /** @type {Record<string, Function>} */ (seen.bridge);
  assert.deepEqual(bridge.hostCall('x', '{}'), { result: undefined, error: { message: 'no such function: x', reason: 'UNKNOWN' } });
  refuse = false;
  assert.deepEqual(bridge.hostCall('x', '{}'), { result: undefined, error: undefined });
});

test('bytes in host function arguments and results: {"$bin": k} stands for the k-th bytes value', () => {
  assert.deepEqual(parseWithBytes('[{"$bin":1},{"$bin":0},{"a":{"$bin":0}}]', [bytes('a'), bytes('b')]), [
    bytes('b'),
    bytes('a'),
    { a: bytes('a') },
  ]);
  for (const forged of ['{"$bin":0}', '{"a":{"$bin":5}}', '{"$bin":"0"}', '{"\\u0024bin":0}']) {
    assert.throws(() => parseWithBytes(forged, [bytes('a')].slice(0, forged.includes('5') ? 1 : 0)), /no bytes value/, forged);
  }
  assert.throws(() => parseWithBytes('{"x":{"$bin":0,"y":1}}', []), /the key '\$bin' is reserved/);
  assert.deepEqual(parseWithBytes('{"a":"\\u00e9"}', []), { a: 'é' });
  assert.deepEqual(stringifyWithBytes(null), { text: 'null', blobs: [] });
  assert.deepEqual(stringifyWithBytes({ a: [bytes('x'), 'y'] }), { text: '{"a":[{"$bin":0},"y"]}', blobs: [bytes('x')] });
});

test('fetch reads a file in as many fs/read requests as it takes and hands MEMFS the bytes', () => {
  /** @type {Record<string, unknown>[]} */
  const asked = [];
  const chunks = [bytes('abc'), bytes('de')];
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: (method, askParams) => {
      asked.push({ method, ...askParams });
      return { data: chunks.shift() ?? bytes(''), size: 5 };
    },
  });
  const bridge = /** @type {Record<string, Function>} */ (seen.bridge);
  assert.deepEqual(bridge.fetch('/d/f'), { result: {}, error: undefined });
  assert.deepEqual(asked, [
    { method: 'fs/read', path: '/d/f', offset: 0 },
    { method: 'fs/read', path: '/d/f', offset: 3 },
  ]);
  assert.deepEqual(seen.written, { path: '/d/f', data: bytes('abcde'), options: { canOwn: true } });
});

test('a refusal returns its message and reason, never throws', () => {
  const { pyodide, seen } = fakePyodide(async () => [0, bytes(''), bytes('')]);
  const failures = [
    new RemoteError(-32002, 'Read-only file system', { reason: 'READ_ONLY', path: '/ro/x' }),
    new CancelledError('request n1 (fs/stat) was not answered: the input ended'),
  ];
  createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: () => {
      throw failures.shift();
    },
  });
  const bridge = /** @type {Record<string, Function>} */ (seen.bridge);
  assert.deepEqual(bridge.mkdir('/ro/x'), {
    result: undefined,
    error: { message: 'Read-only file system', reason: 'READ_ONLY' },
  });
  assert.deepEqual(bridge.stat('/d'), {
    result: undefined,
    error: { message: 'request n1 (fs/stat) was not answered: the input ended', reason: undefined },
  });
});

test('accepts every program kind and every flag', async () => {
  /** @type {unknown[]} */
  const received = [];
  const { pyodide } = fakePyodide(async (runParams) => {
    received.push(runParams);
    return [0, bytes(''), bytes('')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  const flags = { ...NO_FLAGS, optimize: 2, dontWriteBytecode: true, warnOptions: ['error'], xOptions: ['dev', 'a=b'] };
  const calls = [
    params({ program: { kind: 'command', code: '' }, flags }),
    params({ program: { kind: 'module', name: 'json.tool' }, argv: ['-m'] }),
    params({ program: { kind: 'script', path: '/w/./f.py', source: bytes('pass') }, argv: ['f.py'], path0: '/w/.' }),
    params({ program: { kind: 'stdin', source: bytes('pass') }, argv: [''] }),
  ];
  for (const call of calls) await runner.run(call);
  assert.deepEqual(received, calls);
});

test('runs calls one at a time, in arrival order', async () => {
  /** @type {string[]} */
  const events = [];
  const { pyodide } = fakePyodide(async (runParams) => {
    const { code } = /** @type {{program: {code: string}}} */ (runParams).program;
    events.push(`start ${code}`);
    await new Promise((resolve) => setTimeout(resolve, code === 'first' ? 20 : 1));
    events.push(`end ${code}`);
    if (code === 'second') throw new Error('runner.py broke');
    return [0, bytes(''), bytes('')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  const calls = ['first', 'second', 'third'].map((code) => runner.run(params({ program: { kind: 'command', code } })));
  const [first, second, third] = await Promise.allSettled(calls);
  assert.deepEqual(events, ['start first', 'end first', 'start second', 'end second', 'start third', 'end third']);
  assert.equal(first.status, 'fulfilled');
  assert.equal(third.status, 'fulfilled');
  assert.ok(second.status === 'rejected' && second.reason instanceof InternalError);
  assert.equal(second.reason.message, 'the Python runner failed: runner.py broke');
});

test("Pyodide's stream hooks are set once, and each call's scope begins and ends with it", async () => {
  const events = [];
  const { pyodide, seen } = fakePyodide(async () => {
    events.push('run');
    return [0, bytes(''), bytes('')];
  });
  const scope = { schedule() {}, begin: () => events.push('begin'), end: () => events.push('end') };
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest, scope });
  const writer = seen.stdout;
  /** @type {any} */ (pyodide).setStdout = (/** @type {Writer} */ options) => {
    events.push('setStdout');
    seen.stdout = options;
  };
  await runner.run(params());
  await runner.run(params());
  assert.deepEqual(events, ['begin', 'run', 'end', 'begin', 'run', 'end']);
  assert.equal(seen.stdout, writer, 'the same writer each time');
});

test('file descriptor output goes to the running call, in the order written', async () => {
  /** @type {Uint8Array[]} */
  const stray = [];
  const { pyodide, seen } = fakePyodide(async () => {
    seen.stdout?.write(bytes('fd1 '));
    seen.stderr?.write(bytes('fd2 '));
    return [0, bytes('sys.stdout'), bytes('sys.stderr')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: (data) => stray.push(data), askJava: unexpectedRequest });
  seen.stdout?.write(bytes('before'));
  const result = await runner.run(params());
  seen.stderr?.write(bytes('after'));
  assert.deepEqual([text(result.stdout), text(result.stderr)], ['fd1 sys.stdout', 'fd2 sys.stderr']);
  assert.deepEqual(result.order, [
    [1, 4],
    [2, 4],
    [1, 10],
    [2, 10],
  ]);
  assert.deepEqual(stray.map(text), ['before', 'after']);
  assert.equal(seen.stdin?.read(), 0, 'fd 0 reads as end of file');
});

test('params of the wrong shape are rejected before the call is queued', async () => {
  const { pyodide } = fakePyodide(async () => assert.fail('must not run'));
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  /** @type {[Record<string, unknown>, string][]} */
  const cases = [
    [{ program: 'print(1)' }, 'program must be an object, got "print(1)"'],
    [{ program: { code: 'x' } }, 'program.kind must be "cell", "command", "module", "script", "application" or "stdin", got nothing'],
    [{ program: { kind: 'eval', code: 'x' } }, 'program.kind must be "cell", "command", "module", "script", "application" or "stdin", got "eval"'],
    [{ program: { kind: 'command' } }, 'program.code must be a string, got nothing'],
    [{ program: { kind: 'module', code: 'json' } }, 'program.name must be a string, got nothing'],
    [{ program: { kind: 'module', name: 'json', code: 'x' } }, 'program.code must not be given, got "x"'],
    [{ program: { kind: 'script', path: 'f.py', source: bytes('') } }, 'program.path must be an absolute path, got "f.py"'],
    [{ program: { kind: 'script', path: '/f.py' } }, 'program.source must be bytes ({"$bin": [offset, length]}), got nothing'],
    [{ program: { kind: 'stdin', source: 'pass' } }, 'program.source must be bytes ({"$bin": [offset, length]}), got "pass"'],
    [{ functions: {} }, 'functions must be an array, got {}'],
    [{ functions: [{ name: 'not a name', description: '', schema: {} }] }, 'functions[0].name must be a Python identifier, got "not a name"'],
    [{ functions: [{ name: 'f', description: '', schema: [] }] }, 'functions[0].schema must be an object, got []'],
    [{ functions: [{ name: 'f', description: '', schema: {}, handler: 'x' }] }, 'functions[0].handler must not be given, got "x"'],
    [{ argv: '-c' }, 'argv must be an array of strings, got "-c"'],
    [{ argv: ['-c', 1] }, 'argv must be an array of strings, got ["-c",1]'],
    [{ path0: undefined }, 'path0 must be a string or null, got nothing'],
    [{ path0: ['/w'] }, 'path0 must be a string or null, got ["/w"]'],
    [{ label: '' }, 'label must be a non-empty string, got ""'],
    [{ label: undefined }, 'label must be a non-empty string, got nothing'],
    [{ flags: undefined }, 'flags must be an object, got nothing'],
    [{ flags: { ...NO_FLAGS, optimize: -1 } }, 'flags.optimize must be a non-negative integer, got -1'],
    [{ flags: { ...NO_FLAGS, optimize: true } }, 'flags.optimize must be a non-negative integer, got true'],
    [{ flags: { ...NO_FLAGS, pythonPath: [1] } }, 'flags.pythonPath must be an array of strings, got [1]'],
    [{ flags: { ...NO_FLAGS, utf8Mode: 2 } }, 'flags.utf8Mode must be -1, 0 or 1, got 2'],
    [{ flags: { ...NO_FLAGS, intMaxStrDigits: -2 } }, 'flags.intMaxStrDigits must be an integer from -1 up, got -2'],
    [{ flags: { ...NO_FLAGS, hashRandomization: undefined } }, 'flags.hashRandomization must be a boolean, got nothing'],
    [{ flags: { ...NO_FLAGS, quiet: 'yes' } }, 'flags.quiet must be a boolean, got "yes"'],
    [{ flags: { ...NO_FLAGS, noSite: undefined } }, 'flags.noSite must be a boolean, got nothing'],
    [{ flags: { ...NO_FLAGS, warnOptions: 'error' } }, 'flags.warnOptions must be an array of strings, got "error"'],
    [{ flags: { ...NO_FLAGS, xOptions: [1] } }, 'flags.xOptions must be an array of strings, got [1]'],
    [{ flags: { ...NO_FLAGS, verbose: true } }, 'flags.verbose must not be given, got true'],
    [{ cwd: 'data' }, 'cwd must be an absolute path, got "data"'],
    [{ cwd: undefined }, 'cwd must be an absolute path, got nothing'],
    [{ mounts: undefined }, 'mounts must be an array, got nothing'],
    [{ mounts: { prefix: '/data', mode: 'exec' } }, 'mounts must be an array, got {"prefix":"/data","mode":"exec"}'],
    [{ mounts: [{ prefix: 'data', mode: 'exec' }] }, 'mounts[0].prefix must be an absolute, normalised path, got "data"'],
    [{ mounts: [{ prefix: '/', mode: 'read' }, { prefix: '/data/', mode: 'exec' }] }, 'mounts[1].prefix must be an absolute, normalised path, got "/data/"'],
    [{ mounts: [{ prefix: '/a/../b', mode: 'exec' }] }, 'mounts[0].prefix must be an absolute, normalised path, got "/a/../b"'],
    [{ mounts: [{ prefix: '/data', mode: 'rw' }] }, 'mounts[0].mode must be "read", "write" or "exec", got "rw"'],
    [{ mounts: [{ prefix: '/data', mode: 'exec', size: 1 }] }, 'mounts[0].size must not be given, got 1'],
    [{ env: { PATH: 1 } }, 'env must map variable names to strings, got {"PATH":1}'],
    [{ env: { 'A=B': 'x' } }, 'env must map variable names to strings, got {"A=B":"x"}'],
    [{ env: { '': 'x' } }, 'env must map variable names to strings, got {"":"x"}'],
    [{ env: ['A=x'] }, 'env must map variable names to strings, got ["A=x"]'],
    [{ stdin: 'text' }, 'stdin must be bytes ({"$bin": [offset, length]}), got "text"'],
    [{ stdinStream: 'yes' }, 'stdinStream must be a boolean, got "yes"'],
    [{ timeoutMs: undefined }, 'timeoutMs must be a positive number or null, got nothing'],
    [{ timeoutMs: 0 }, 'timeoutMs must be a positive number or null, got 0'],
    [{ outputLimit: undefined }, 'outputLimit must be a positive integer, got nothing'],
    [{ outputLimit: 1.5 }, 'outputLimit must be a positive integer, got 1.5'],
  ];
  for (const [overrides, message] of cases) {
    await assert.rejects(runner.run(params(overrides)), new InvalidParamsError(`python/run: ${message}`));
  }
});

test('an interrupt another thread asks for reaches the running program once, and never a later one', () => {
  const requested = new Int32Array(new SharedArrayBuffer(4));
  const interrupts = createInterrupts(() => 0, undefined, requested);
  Atomics.store(requested, 0, 1);
  interrupts.arm(null);
  assert.equal(interrupts.buffer[0], 0, 'asked for before the program started: not for it');
  Atomics.store(requested, 0, 1);
  assert.equal(interrupts.buffer[0], 2, 'SIGINT');
  assert.equal(interrupts.buffer[0], 0, 'once');
  assert.equal(interrupts.pending(), false, 'a KeyboardInterrupt of the program, not of its limits');
  assert.equal(interrupts.timedOut(), false);
  interrupts.disarm();
  Atomics.store(requested, 0, 1);
  assert.equal(interrupts.buffer[0], 0, 'no program runs');
});

test('a program past its time limit is interrupted, again every 100 ms while it runs on', () => {
  let time = 1000;
  const interrupts = createInterrupts(() => time);
  assert.equal(interrupts.buffer[0], 0, 'nothing is armed');
  assert.equal(interrupts.armed(), false);
  interrupts.arm(500);
  assert.equal(interrupts.armed(), true, 'a program runs');
  time += 499;
  assert.equal(interrupts.buffer[0], 0);
  assert.equal(interrupts.pending(), false);
  time += 1;
  assert.equal(interrupts.buffer[0], 2, 'SIGINT at the limit');
  assert.equal(interrupts.buffer[0], 0, 'once');
  assert.equal(interrupts.pending(), true);
  time += 100;
  assert.equal(interrupts.buffer[0], 2, 'and again while it runs on');
  interrupts.disarm();
  assert.equal(interrupts.armed(), false, 'the program ended');
  time += 1000;
  assert.equal(interrupts.buffer[0], 0, 'nothing once disarmed');
  assert.equal(interrupts.timedOut(), true);
  interrupts.arm(null);
  time += 1e9;
  assert.equal(interrupts.buffer[0], 0, 'no limit');
  assert.equal(interrupts.timedOut(), false);
});

test('a KeyboardInterrupt Python raises itself when it finds one pending counts as the interrupt: the next comes 100 ms later', () => {
  let time = 0;
  const interrupts = createInterrupts(() => time);
  interrupts.arm(300);
  time = 300;
  assert.equal(interrupts.pending(), true, 'time.sleep sees it and raises KeyboardInterrupt');
  assert.equal(interrupts.timedOut(), true);
  assert.equal(interrupts.buffer[0], 0, 'not a second time while the runner puts the interpreter back');
  time = 399;
  assert.equal(interrupts.buffer[0], 0);
  assert.equal(interrupts.pending(), true, 'still past the limit');
  time = 400;
  assert.equal(interrupts.buffer[0], 2, 'again once the program runs on');
});

test('a program that wrote past its output limit is interrupted at once, without timing out', () => {
  let time = 0;
  const interrupts = createInterrupts(() => time);
  interrupts.arm(null);
  interrupts.stop();
  assert.equal(interrupts.pending(), true);
  assert.equal(interrupts.buffer[0], 2);
  interrupts.disarm();
  assert.equal(interrupts.timedOut(), false);
});

test('file descriptor output past the output limit is cut one byte past it and stops the program', async () => {
  const { pyodide, seen } = fakePyodide(async () => {
    seen.stdout?.write(bytes('0123456789'));
    assert.equal(seen.interruptBuffer?.[0], 2, 'interrupted');
    return [0, bytes('more'), bytes('')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest });
  const result = await runner.run(params({ outputLimit: 4 }));
  assert.equal(text(result.stdout), '01234');
});

test('tells when each program starts, before it runs', async () => {
  /** @type {string[]} */
  const events = [];
  const { pyodide } = fakePyodide(async () => {
    events.push('run');
    return [0, bytes(''), bytes('')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {}, askJava: unexpectedRequest, started: () => events.push('started') });
  await runner.run(params());
  await runner.run(params());
  assert.deepEqual(events, ['started', 'run', 'started', 'run']);
});

test('a runner failure is told in its last line; V8 stack exhaustion is recognised', async () => {
  const { isStackOverflow, lastLine } = await import('./python.js');
  assert.equal(lastLine('Traceback (most recent call last):\n  File "x", line 1\nTypeError: boom\n'), 'TypeError: boom');
  assert.equal(lastLine('one line'), 'one line');
  assert.equal(isStackOverflow(new RangeError('Maximum call stack size exceeded')), true);
  assert.equal(isStackOverflow(new RangeError('Invalid array length')), false);
  assert.equal(isStackOverflow(new Error('Maximum call stack size exceeded')), false);
});

test('a stdin read waits no longer than the time left to the program', () => {
  let time = 0;
  const interrupts = createInterrupts(() => time);
  assert.equal(interrupts.remainingMs(), Infinity, 'no program');
  interrupts.arm(300);
  time += 100;
  assert.equal(interrupts.remainingMs(), 200);
  time += 500;
  assert.equal(interrupts.remainingMs(), 0, 'past the limit');
  interrupts.arm(null);
  assert.equal(interrupts.remainingMs(), Infinity, 'no limit');
  interrupts.stop();
  assert.equal(interrupts.remainingMs(), 0, 'stopped for its output');
});

test('output held past its hold time goes to Java while the program runs, when Python polls; the result has the rest', async () => {
  let time = 0;
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  const { pyodide, seen } = fakePyodide(async () => {
    seen.stdout?.write(bytes('a\n'));
    seen.stderr?.write(bytes('e\n'));
    time = 5;
    assert.equal(seen.interruptBuffer?.[0], 0);
    assert.deepEqual(sent, [], 'held');
    time = 50;
    assert.equal(seen.interruptBuffer?.[0], 0, 'not interrupted');
    assert.equal(sent.length, 1, 'sent at the poll');
    return [0, bytes('b\n'), bytes('')];
  });
  const runner = createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: unexpectedRequest,
    output: (b) => sent.push(b),
    now: () => time,
  });
  const result = await runner.run(params());
  assert.deepEqual(
    sent.map((b) => [text(b.stdout), text(b.stderr), b.order]),
    [['a\n', 'e\n', [[1, 2], [2, 2]]]],
  );
  assert.deepEqual([text(result.stdout), text(result.stderr), result.order], ['b\n', '', undefined]);
});

test('the warm-up runs in the queue like a call and tells Java nothing', async () => {
  /** @type {string[]} */
  const events = [];
  const { pyodide } = fakePyodide(async (runParams) => {
    events.push(`run ${/** @type {{program: {code: string}}} */ (runParams).program.code}`);
    return [0, bytes('x'), bytes('')];
  });
  const runner = createPythonRunner(pyodide, {
    strayOutput: () => {},
    askJava: unexpectedRequest,
    started: () => events.push('started'),
    output: () => events.push('output'),
  });
  const warm = runner.warmUp();
  const result = await runner.run(params({ program: { kind: 'command', code: 'print(1)' } }));
  await warm;
  assert.deepEqual(events, ['run pass', 'started', 'run print(1)']);
  assert.equal(text(result.stdout), 'x');
});
