// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { InternalError, InvalidParamsError } from './errors.js';
import { createPythonRunner } from './python.js';

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
  /** @type {{stdout?: Writer, stderr?: Writer, stdin?: {read: () => number}, source?: string}} */
  const seen = {};
  const pyodide = {
    setStdout: (/** @type {Writer} */ options) => (seen.stdout = options),
    setStderr: (/** @type {Writer} */ options) => (seen.stderr = options),
    setStdin: (/** @type {{read: () => number}} */ options) => (seen.stdin = options),
    toPy: () => ({ get: () => ({ callPromising: call }), destroy() {} }),
    runPython: (/** @type {string} */ source) => (seen.source = source),
  };
  /** @param {unknown[]} args */
  async function call(...args) {
    const result = await fakeRun(...args);
    return { toJs: () => result, destroy() {} };
  }
  return { pyodide: /** @type {any} */ (pyodide), seen };
}

/** @type {Readonly<import('./python.js').Flags>} */
const FLAGS = Object.freeze({
  optimize: 0,
  dontWriteBytecode: false,
  safePath: false,
  skipFirstLine: false,
  warnOptions: [],
  xOptions: [],
  quiet: false,
  unbuffered: false,
  ignoreEnvironment: false,
  isolated: false,
  noUserSite: false,
  noSite: false,
});

/** @param {Partial<Record<string, unknown>>} [overrides] */
function params(overrides = {}) {
  return {
    program: { kind: 'command', code: 'print(1)' },
    argv: ['-c'],
    path0: '',
    label: 'python3',
    flags: FLAGS,
    cwd: '/data',
    env: {},
    stdin: bytes(''),
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
  const runner = createPythonRunner(pyodide, { strayOutput: () => {} });
  assert.match(String(seen.source), /^def run\(params\):$/m);
  const known = params({ argv: ['-c', 'a'], path0: null, label: 'python', env: { HOME: '/data' }, stdin: bytes('in') });
  const result = await runner.run({ ...known, extra: 1 });
  assert.deepEqual(received, [known]);
  assert.deepEqual(result, { exitCode: 3, stdout: bytes('out'), stderr: bytes('err') });
});

test('accepts every program kind and every flag', async () => {
  /** @type {unknown[]} */
  const received = [];
  const { pyodide } = fakePyodide(async (runParams) => {
    received.push(runParams);
    return [0, bytes(''), bytes('')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: () => {} });
  const flags = { ...FLAGS, optimize: 2, dontWriteBytecode: true, warnOptions: ['error'], xOptions: ['dev', 'a=b'] };
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
  const runner = createPythonRunner(pyodide, { strayOutput: () => {} });
  const calls = ['first', 'second', 'third'].map((code) => runner.run(params({ program: { kind: 'command', code } })));
  const [first, second, third] = await Promise.allSettled(calls);
  assert.deepEqual(events, ['start first', 'end first', 'start second', 'end second', 'start third', 'end third']);
  assert.equal(first.status, 'fulfilled');
  assert.equal(third.status, 'fulfilled');
  assert.ok(second.status === 'rejected' && second.reason instanceof InternalError);
  assert.equal(second.reason.message, 'the Python runner failed: runner.py broke');
});

test('file descriptor output goes to the running call, before what sys.stdout and sys.stderr got', async () => {
  /** @type {Uint8Array[]} */
  const stray = [];
  const { pyodide, seen } = fakePyodide(async () => {
    seen.stdout?.write(bytes('fd1 '));
    seen.stderr?.write(bytes('fd2 '));
    return [0, bytes('sys.stdout'), bytes('sys.stderr')];
  });
  const runner = createPythonRunner(pyodide, { strayOutput: (data) => stray.push(data) });
  seen.stdout?.write(bytes('before'));
  const result = await runner.run(params());
  seen.stderr?.write(bytes('after'));
  assert.deepEqual([text(result.stdout), text(result.stderr)], ['fd1 sys.stdout', 'fd2 sys.stderr']);
  assert.deepEqual(stray.map(text), ['before', 'after']);
  assert.equal(seen.stdin?.read(), 0, 'fd 0 reads as end of file');
});

test('params of the wrong shape are rejected before the call is queued', async () => {
  const { pyodide } = fakePyodide(async () => assert.fail('must not run'));
  const runner = createPythonRunner(pyodide, { strayOutput: () => {} });
  /** @type {[Record<string, unknown>, string][]} */
  const cases = [
    [{ program: 'print(1)' }, 'program must be an object, got "print(1)"'],
    [{ program: { code: 'x' } }, 'program.kind must be "command", "module", "script" or "stdin", got nothing'],
    [{ program: { kind: 'eval', code: 'x' } }, 'program.kind must be "command", "module", "script" or "stdin", got "eval"'],
    [{ program: { kind: 'command' } }, 'program.code must be a string, got nothing'],
    [{ program: { kind: 'module', code: 'json' } }, 'program.name must be a string, got nothing'],
    [{ program: { kind: 'module', name: 'json', code: 'x' } }, 'program.code must not be given, got "x"'],
    [{ program: { kind: 'script', path: 'f.py', source: bytes('') } }, 'program.path must be an absolute path, got "f.py"'],
    [{ program: { kind: 'script', path: '/f.py' } }, 'program.source must be bytes ({"$bin": [offset, length]}), got nothing'],
    [{ program: { kind: 'stdin', source: 'pass' } }, 'program.source must be bytes ({"$bin": [offset, length]}), got "pass"'],
    [{ argv: '-c' }, 'argv must be an array of strings, got "-c"'],
    [{ argv: ['-c', 1] }, 'argv must be an array of strings, got ["-c",1]'],
    [{ path0: undefined }, 'path0 must be a string or null, got nothing'],
    [{ path0: ['/w'] }, 'path0 must be a string or null, got ["/w"]'],
    [{ label: '' }, 'label must be a non-empty string, got ""'],
    [{ label: undefined }, 'label must be a non-empty string, got nothing'],
    [{ flags: undefined }, 'flags must be an object, got nothing'],
    [{ flags: { ...FLAGS, optimize: 3 } }, 'flags.optimize must be 0, 1 or 2, got 3'],
    [{ flags: { ...FLAGS, optimize: true } }, 'flags.optimize must be 0, 1 or 2, got true'],
    [{ flags: { ...FLAGS, quiet: 'yes' } }, 'flags.quiet must be a boolean, got "yes"'],
    [{ flags: { ...FLAGS, noSite: undefined } }, 'flags.noSite must be a boolean, got nothing'],
    [{ flags: { ...FLAGS, warnOptions: 'error' } }, 'flags.warnOptions must be an array of strings, got "error"'],
    [{ flags: { ...FLAGS, xOptions: [1] } }, 'flags.xOptions must be an array of strings, got [1]'],
    [{ flags: { ...FLAGS, verbose: true } }, 'flags.verbose must not be given, got true'],
    [{ cwd: 'data' }, 'cwd must be an absolute path, got "data"'],
    [{ cwd: undefined }, 'cwd must be an absolute path, got nothing'],
    [{ env: { PATH: 1 } }, 'env must map variable names to strings, got {"PATH":1}'],
    [{ env: { 'A=B': 'x' } }, 'env must map variable names to strings, got {"A=B":"x"}'],
    [{ env: { '': 'x' } }, 'env must map variable names to strings, got {"":"x"}'],
    [{ env: ['A=x'] }, 'env must map variable names to strings, got ["A=x"]'],
    [{ stdin: 'text' }, 'stdin must be bytes ({"$bin": [offset, length]}), got "text"'],
  ];
  for (const [overrides, message] of cases) {
    await assert.rejects(runner.run(params(overrides)), new InvalidParamsError(`python/run: ${message}`));
  }
});
