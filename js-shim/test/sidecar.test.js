// @ts-check
// Slow: starts the real sidecar (Node + Pyodide) as a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { Methods } from '../lib/methods.js';
import { createRpc } from '../lib/rpc.js';

const SHIM_DIR = fileURLToPath(new URL('..', import.meta.url));
const SHIM_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @typedef RunOptions
 * @property {string[]} [argv]
 * @property {Record<string, string>} [env]
 * @property {string} [stdin]
 */

test('slow: the sidecar runs python3 -c programs in Pyodide', { timeout: 60_000 }, async (t) => {
  const child = spawn(process.execPath, ['--experimental-wasm-jspi', 'index.js'], {
    cwd: SHIM_DIR,
    env: {},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  /** @type {Buffer[]} */
  const diagnostics = [];
  child.stderr.on('data', (chunk) => diagnostics.push(chunk));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(() => child.kill());

  /** @type {(params: Record<string, unknown>) => void} */
  let onReady = () => {};
  /** @type {Promise<Record<string, unknown>>} */
  const ready = new Promise((resolve) => (onReady = resolve));
  const rpc = createRpc({
    input: child.stdout,
    output: child.stdin,
    handlers: { [Methods.READY]: (params) => onReady(params) },
    onProtocolError: (error) => assert.fail(error),
  });

  /**
   * @param {string} code
   * @param {RunOptions} [options]
   */
  async function run(code, { argv = ['-c'], env = {}, stdin = '' } = {}) {
    const params = { program: { kind: 'command', code }, argv, cwd: '/data', env, stdin: Buffer.from(stdin) };
    const result = /** @type {{exitCode: number, stdout: Uint8Array, stderr: Uint8Array}} */ (
      await rpc.request(Methods.PYTHON_RUN, params)
    );
    assert.ok(result.stdout instanceof Uint8Array && result.stderr instanceof Uint8Array);
    return { exitCode: result.exitCode, stdout: UTF8.decode(result.stdout), stderr: UTF8.decode(result.stderr) };
  }

  await t.test('announces itself with $/ready', async () => {
    const params = await ready;
    assert.deepEqual(Object.keys(params), ['protocol', 'shim', 'node', 'pyodide', 'python']);
    assert.equal(params.protocol, 1);
    assert.equal(params.shim, SHIM_VERSION);
    assert.equal(params.node, process.version);
    assert.equal(params.pyodide, '0.29.5');
    assert.match(String(params.python), /^3\.\d+\.\d+$/);
  });

  await t.test('prints to stdout', async () => {
    assert.deepEqual(await run('print(6*7)'), { exitCode: 0, stdout: '42\n', stderr: '' });
  });

  await t.test('exits with the status given to sys.exit', async () => {
    assert.deepEqual(await run('import sys; sys.exit(3)'), { exitCode: 3, stdout: '', stderr: '' });
    assert.deepEqual(await run('import sys; sys.exit(300)'), { exitCode: 44, stdout: '', stderr: '' });
    assert.deepEqual(await run('import sys; sys.exit("boom")'), { exitCode: 1, stdout: '', stderr: 'boom\n' });
  });

  await t.test('reports an uncaught exception as CPython does', async () => {
    assert.deepEqual(await run('1/0'), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero\n',
    });
  });

  await t.test('reports a syntax error as CPython does', async () => {
    assert.deepEqual(await run('x='), {
      exitCode: 1,
      stdout: '',
      stderr: '  File "<string>", line 1\n    x=\n      ^\nSyntaxError: invalid syntax\n',
    });
  });

  await t.test('reads stdin', async () => {
    const stdin = 'héllo\nwörld\n';
    assert.deepEqual(await run('import sys; sys.stdout.write(sys.stdin.read())', { stdin }), {
      exitCode: 0,
      stdout: stdin,
      stderr: '',
    });
    assert.deepEqual(await run('input()'), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nEOFError: EOF when reading a line\n',
    });
  });

  await t.test('sees exactly the given argv, cwd and environment', async () => {
    const code = 'import os, sys; print(sys.argv, os.getcwd(), sorted(os.environ.items()))';
    const env = { HOME: '/data', LANG: 'C.UTF-8' };
    assert.deepEqual(await run(code, { argv: ['-c', 'a', 'b'], env }), {
      exitCode: 0,
      stdout: "['-c', 'a', 'b'] /data [('HOME', '/data'), ('LANG', 'C.UTF-8')]\n",
      stderr: '',
    });
  });

  await t.test('starts every call afresh, keeping only the standard library cached', async () => {
    const first = [
      'import json, os, pathlib, sys',
      'x = 1',
      'os.environ["LEAK"] = "1"',
      'pathlib.Path("helper.py").write_text("")',
      'import helper',
      'sys.modules["injected"] = type(sys)("injected")',
    ];
    assert.deepEqual(await run(first.join('\n')), { exitCode: 0, stdout: '', stderr: '' });
    const second = 'import os, sys; print(dict(os.environ), [m in sys.modules for m in ("json", "helper", "injected")]); x';
    assert.deepEqual(await run(second), {
      exitCode: 1,
      stdout: '{} [True, False, False]\n',
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'x\' is not defined\n',
    });
  });

  await t.test('captures writes to file descriptors 1 and 2 and reads fd 0 as empty', async () => {
    assert.deepEqual(await run('import os; os.write(1, b"x"); os.write(2, b"y"); print(os.read(0, 10))'), {
      exitCode: 0,
      stdout: "xb''\n",
      stderr: 'y',
    });
  });

  await t.test('keeps what was written before the program closed sys.stdout', async () => {
    assert.deepEqual(await run('import sys; print("kept"); sys.stdout.close()'), { exitCode: 0, stdout: 'kept\n', stderr: '' });
  });

  await t.test('answers params of the wrong shape with -32602', async () => {
    const params = { program: { kind: 'module', code: 'json' }, argv: [], cwd: '/data', env: {}, stdin: Buffer.from('') };
    await assert.rejects(rpc.request(Methods.PYTHON_RUN, params), {
      name: 'RemoteError',
      code: -32602,
      message: 'python/run: program.kind must be "command", got "module"',
    });
  });

  await t.test('runs print(1) quickly (measured, not asserted)', async () => {
    const times = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await run('print(1)');
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.error(`python/run print(1): median ${(times[times.length >> 1] * 1000).toFixed(0)} µs over ${times.length} calls`);
  });

  await t.test('shuts down on request and exits 0', async () => {
    assert.equal(await rpc.request(Methods.SHUTDOWN, {}), null);
    assert.equal(await exited, 0);
    assert.equal(Buffer.concat(diagnostics).toString(), '');
  });
});
