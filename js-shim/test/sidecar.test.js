// @ts-check
// Slow: starts the real sidecar (Node + Pyodide) as a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { Methods } from '../lib/methods.js';
import { createRpc } from '../lib/rpc.js';
import { NO_FLAGS, NO_LIMITS } from './flags.js';

const SHIM_DIR = fileURLToPath(new URL('..', import.meta.url));
const PYODIDE_DIR = posix.join(SHIM_DIR, 'node_modules/pyodide');
const PYODIDE_VERSION = JSON.parse(readFileSync(posix.join(PYODIDE_DIR, 'package.json'), 'utf8')).version;
/** The runtime's Python version, major.minor ("3.14"), and what the interpreter's paths derive from it. */
const [PY_MAJOR, PY_MINOR] = JSON.parse(readFileSync(posix.join(PYODIDE_DIR, 'pyodide-lock.json'), 'utf8')).info.python.split('.');
const STDLIB_ZIP = `/lib/python${PY_MAJOR}${PY_MINOR}.zip`;
const STDLIB_DIR = `/lib/python${PY_MAJOR}.${PY_MINOR}`;
const CACHE_TAG = `cpython-${PY_MAJOR}${PY_MINOR}`;
const SHIM_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** @type {Readonly<import('../lib/python.js').Flags>} */

/** Prints what the CONTRACT's invocation table describes. */
const PROBE = 'import sys; print(sys.argv, __name__, globals().get("__file__"), repr(sys.path[0]))';

/**
 * @typedef RunOptions
 * @property {string[]} [argv]
 * @property {string | null} [path0]
 * @property {string} [label]
 * @property {Partial<import('../lib/python.js').Flags>} [flags]
 * @property {Record<string, string>} [env]
 * @property {string} [stdin]
 */

test('slow: the sidecar runs python3 programs in Pyodide', { timeout: 60_000 }, async (t) => {
  const child = spawn(process.execPath, ['index.js'], {
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
  /** @type {Record<string, unknown>[]} the $/output of the call in flight */
  let streamed = [];
  /** The interpreter this test starts; every call names it, and Node names it in what it sends about a call. */
  const INTERPRETER = 1;
  /** @type {string[]} the notifications about a call that did not name INTERPRETER */
  const misrouted = [];
  const about = (/** @type {string} */ method, /** @type {Record<string, unknown>} */ params) => {
    if (params.interpreter !== INTERPRETER) misrouted.push(`${method} ${JSON.stringify(params.interpreter)}`);
  };
  const rpc = createRpc({
    input: child.stdout,
    output: child.stdin,
    handlers: {
      [Methods.READY]: (params) => onReady(params),
      [Methods.RUNNING]: (params) => about(Methods.RUNNING, params),
      [Methods.OUTPUT]: (params) => {
        about(Methods.OUTPUT, params);
        streamed.push(params);
      },
      [Methods.CRASHED]: (params) => {
        misrouted.push(`${Methods.CRASHED} ${JSON.stringify(params)}`);
      },
    },
    onProtocolError: (error) => assert.fail(error),
  });

  /**
   * @param {Record<string, unknown>} program
   * @param {RunOptions} [options]
   */
  async function runProgram(program, { argv = ['-c'], path0 = '', label = 'python3', flags = {}, env = {}, stdin = '', limits = {} } = {}) {
    const params = {
      interpreter: INTERPRETER,
      program,
      argv,
      path0,
      label,
      flags: { ...NO_FLAGS, ...flags },
      cwd: '/data',
      mounts: [],
      env,
      stdin: Buffer.from(stdin),
      ...NO_LIMITS,
      ...limits,
    };
    streamed = [];
    const result = /** @type {{exitCode: number, stdout: Uint8Array, stderr: Uint8Array, timedOut: boolean}} */ (
      await rpc.request(Methods.PYTHON_RUN, params)
    );
    assert.ok(result.stdout instanceof Uint8Array && result.stderr instanceof Uint8Array);
    // What $/output carried while the program ran comes first; the result has the rest.
    const whole = (/** @type {'stdout' | 'stderr'} */ name) =>
      [...streamed, result].map((part) => UTF8.decode(/** @type {Uint8Array} */ (part[name]))).join('');
    const decoded = { exitCode: result.exitCode, stdout: whole('stdout'), stderr: whole('stderr') };
    return result.timedOut ? { ...decoded, timedOut: true } : decoded;
  }

  /**
   * @param {string} code
   * @param {RunOptions} [options]
   */
  const run = (code, options) => runProgram({ kind: 'command', code }, options);

  /**
   * @param {string} path
   * @param {string | Uint8Array} source
   * @param {RunOptions} [options]
   */
  const runScript = (path, source, options) =>
    runProgram({ kind: 'script', path, source: Buffer.from(source) }, { argv: [path], path0: posix.dirname(path), ...options });

  /**
   * @param {string} source
   * @param {RunOptions} [options]
   */
  const runStdinProgram = (source, options) => runProgram({ kind: 'stdin', source: Buffer.from(source) }, { argv: ['-'], ...options });

  /**
   * @param {string} name
   * @param {RunOptions} [options]
   */
  const runModule = (name, options) => runProgram({ kind: 'module', name }, { argv: ['-m'], path0: '/data', ...options });

  await t.test('announces itself with $/ready', async () => {
    const params = await ready;
    assert.deepEqual(Object.keys(params), ['protocol', 'shim', 'node', 'pyodide']);
    assert.equal(params.protocol, 2);
    assert.equal(params.shim, SHIM_VERSION);
    assert.equal(params.node, process.version);
    assert.equal(params.pyodide, PYODIDE_VERSION);
  });

  await t.test('starts an interpreter on interpreter/start, answering once it can run programs', async () => {
    const params = /** @type {Record<string, unknown>} */ (await rpc.request(Methods.INTERPRETER_START, { interpreter: INTERPRETER }));
    assert.deepEqual(Object.keys(params), ['python', 'snapshot']);
    assert.equal(params.snapshot, 'none');
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
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n',
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
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n    input()\n    ~~~~~^^\nEOFError: EOF when reading a line\n',
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
      stderr:
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n' +
        `    ${second}\n${' '.repeat(4 + second.length - 1)}^\n` +
        "NameError: name 'x' is not defined\n",
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

  await t.test('gives each kind of program the argv, __name__, __file__ and sys.path[0] python3 gives it', async () => {
    assert.deepEqual(await run(PROBE, { argv: ['-c', 'a', 'b'] }), {
      exitCode: 0,
      stdout: "['-c', 'a', 'b'] __main__ None ''\n",
      stderr: '',
    });
    assert.deepEqual(await runScript('/w/./app/f.py', PROBE, { argv: ['app/f.py', 'a'] }), {
      exitCode: 0,
      stdout: "['app/f.py', 'a'] __main__ /w/./app/f.py '/w/./app'\n",
      stderr: '',
    });
    assert.deepEqual(await runStdinProgram(PROBE, { argv: ['-', 'a'] }), {
      exitCode: 0,
      stdout: "['-', 'a'] __main__ <stdin> ''\n",
      stderr: '',
    });
    assert.deepEqual(await runStdinProgram(PROBE, { argv: [''] }), { exitCode: 0, stdout: "[''] __main__ <stdin> ''\n", stderr: '' });
    assert.deepEqual(await run(`open("probe.py", "w").write(${JSON.stringify(PROBE)})`), { exitCode: 0, stdout: '', stderr: '' });
    assert.deepEqual(await runModule('probe', { argv: ['-m', 'a'] }), {
      exitCode: 0,
      stdout: "['/data/probe.py', 'a'] __main__ /data/probe.py '/data'\n",
      stderr: '',
    });
  });

  await t.test('puts path0 in front of sys.path, and nothing with -P', async () => {
    const code = 'import sys; print(sys.path[:2])';
    assert.deepEqual(await run(code, { path0: '/w' }), { exitCode: 0, stdout: `['/w', '${STDLIB_ZIP}']\n`, stderr: '' });
    assert.deepEqual(await run(code, { path0: null, flags: { safePath: true } }), {
      exitCode: 0,
      stdout: `['${STDLIB_ZIP}', '${STDLIB_DIR}/lib-dynload']\n`,
      stderr: '',
    });
  });

  await t.test('quotes the script in tracebacks, as CPython does', async () => {
    assert.deepEqual(await runScript('/w/app/f.py', 'x = 1\n1/0\n'), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "/w/app/f.py", line 2, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n',
    });
    assert.deepEqual(await runScript('/w/app/f.py', 'x = 1\nx=\n'), {
      exitCode: 1,
      stdout: '',
      stderr: '  File "/w/app/f.py", line 2\n    x=\n      ^\nSyntaxError: invalid syntax\n',
    });
  });

  await t.test('decodes scripts as PEP 263 says: coding cookie, UTF-8 BOM', async () => {
    const latin1 = Buffer.from('# -*- coding: latin-1 -*-\nprint("caf\xe9")\nraise ValueError("d\xe9j\xe0")\n', 'latin1');
    assert.deepEqual(await runScript('/w/l.py', latin1), {
      exitCode: 1,
      stdout: 'café\n',
      stderr: 'Traceback (most recent call last):\n  File "/w/l.py", line 3, in <module>\n    raise ValueError("déjà")\nValueError: déjà\n',
    });
    assert.deepEqual(await runScript('/w/b.py', '\ufeffprint("bom")\n'), { exitCode: 0, stdout: 'bom\n', stderr: '' });
  });

  await t.test('reports a stdin program\'s errors under <stdin>, without source lines', async () => {
    assert.deepEqual(await runStdinProgram('x = 1\n1/0\n'), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nZeroDivisionError: division by zero\n',
    });
  });

  await t.test('skips a script\'s first line with -x, keeping line numbers', async () => {
    assert.deepEqual(await runScript('/w/x.py', 'not python\n1/0\n', { flags: { skipFirstLine: true } }), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "/w/x.py", line 2, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n',
    });
  });

  await t.test('runs modules with -m', async () => {
    assert.deepEqual(await runModule('json.tool', { stdin: '{"a":1}' }), { exitCode: 0, stdout: '{\n    "a": 1\n}\n', stderr: '' });
    assert.deepEqual(await runModule('nosuch'), { exitCode: 1, stdout: '', stderr: 'python3: No module named nosuch\n' });
    assert.deepEqual(await runModule('nosuch', { label: 'python' }), { exitCode: 1, stdout: '', stderr: 'python: No module named nosuch\n' });
    assert.deepEqual(await runModule('email'), {
      exitCode: 1,
      stdout: '',
      stderr: "python3: No module named email.__main__; 'email' is a package and cannot be directly executed\n",
    });
    assert.deepEqual(await run('open("boom.py", "w").write("1/0\\n")'), { exitCode: 0, stdout: '', stderr: '' });
    assert.deepEqual(await runModule('boom'), {
      exitCode: 1,
      stdout: '',
      stderr:
        'Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n' +
        '  File "<frozen runpy>", line 88, in _run_code\n  File "/data/boom.py", line 1, in <module>\n    1/0\n    ~^~\n' +
        'ZeroDivisionError: division by zero\n',
    });
  });

  await t.test('-O and -OO drop asserts, __debug__ and docstrings from the program', async () => {
    const code = 'import sys\ndef f():\n    "doc"\nassert False\nprint(__debug__, f.__doc__, sys.flags.optimize)';
    assert.deepEqual(await run(code, { flags: { optimize: 1 } }), { exitCode: 0, stdout: 'False doc 1\n', stderr: '' });
    assert.deepEqual(await runScript('/w/o.py', code, { flags: { optimize: 2 } }), { exitCode: 0, stdout: 'False None 2\n', stderr: '' });
    assert.deepEqual(await run(`open("opt.py", "w").write(${JSON.stringify(code)})`), { exitCode: 0, stdout: '', stderr: '' });
    assert.deepEqual(await runModule('opt', { flags: { optimize: 1 } }), { exitCode: 0, stdout: 'False doc 1\n', stderr: '' });
    assert.deepEqual(await run(code), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 4, in <module>\n    assert False\n           ^^^^^\nAssertionError\n',
    });
  });

  await t.test('applies -W options as CPython\'s startup does', async () => {
    const code = 'import warnings; warnings.warn("boom"); print("after")';
    assert.deepEqual(await run(code, { flags: { warnOptions: ['error'] } }), {
      exitCode: 1,
      stdout: '',
      stderr:
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n' +
        `    ${code}\n                     ~~~~~~~~~~~~~^^^^^^^^\nUserWarning: boom\n`,
    });
    assert.deepEqual(await run(code, { flags: { warnOptions: ['nonsense'] } }), {
      exitCode: 0,
      stdout: 'after\n',
      stderr: `Invalid -W option ignored: invalid action: 'nonsense'\n<string>:1: UserWarning: boom\n  ${code}\n`,
    });
    assert.deepEqual(await run('import sys; print(sys.warnoptions)', { flags: { warnOptions: ['ignore', 'error::UserWarning'] } }), {
      exitCode: 0,
      stdout: "['ignore', 'error::UserWarning']\n",
      stderr: '',
    });
  });

  await t.test('shows the options in sys.flags, sys._xoptions and sys.dont_write_bytecode', async () => {
    const code = 'import sys; print(sys.flags); print(sys.flags[3], sys._xoptions, sys.dont_write_bytecode)';
    const flags = { optimize: 2, dontWriteBytecode: true, quiet: true, isolated: true, noSite: true, xOptions: ['dev', 'a=b=c'] };
    assert.deepEqual(await run(code, { flags }), {
      exitCode: 0,
      stdout:
        'sys.flags(debug=0, inspect=0, interactive=0, optimize=2, dont_write_bytecode=1, no_user_site=1, no_site=1, ' +
        'ignore_environment=1, verbose=0, bytes_warning=0, quiet=1, hash_randomization=1, isolated=1, dev_mode=True, ' +
        "utf8_mode=0, warn_default_encoding=0, safe_path=True, int_max_str_digits=4300)\n2 {'dev': True, 'a': 'b=c'} True\n",
      stderr: '',
    });
  });

  await t.test('writes bytecode unless -B, and an edited module is imported afresh even within the same second', async () => {
    const code = (/** @type {number} */ x) =>
      `import os; open("edited.py", "w").write("x = ${x}"); import edited; print(edited.x, os.path.exists("__pycache__/edited.${CACHE_TAG}.pyc"))`;
    for (const x of [1, 2, 3]) {
      assert.deepEqual(await run(code(x), { path0: '/data' }), { exitCode: 0, stdout: `${x} True\n`, stderr: '' });
    }
    const unwritten = 'import os; os.makedirs("/b", exist_ok=True); open("/b/m.py", "w").write("y = 4"); import m; print(m.y, os.listdir("/b"))';
    assert.deepEqual(await run(unwritten, { path0: '/b', flags: { dontWriteBytecode: true } }), { exitCode: 0, stdout: "4 ['m.py']\n", stderr: '' });
  });

  await t.test('with -B writes no bytecode, so an edited module is imported afresh; without it, sys.dont_write_bytecode is False as in CPython', async () => {
    const code = (/** @type {number} */ x) =>
      `import os, sys; open("unbuffered_b.py", "w").write("x = ${x}"); import unbuffered_b; print(unbuffered_b.x, ` +
      '[n for n in (os.listdir("__pycache__") if os.path.isdir("__pycache__") else []) if n.startswith("unbuffered_b")])';
    const flags = { dontWriteBytecode: true };
    assert.deepEqual(await run(code(1), { path0: '/data', flags }), { exitCode: 0, stdout: '1 []\n', stderr: '' });
    assert.deepEqual(await run(code(2), { path0: '/data', flags }), { exitCode: 0, stdout: '2 []\n', stderr: '' });
    const shown = 'import sys; print(sys.dont_write_bytecode, sys.flags.dont_write_bytecode)';
    assert.deepEqual(await run(shown, { flags }), { exitCode: 0, stdout: 'True 1\n', stderr: '' });
    assert.deepEqual(await run(shown), { exitCode: 0, stdout: 'False 0\n', stderr: '' });
  });

  await t.test('restores every option and interpreter setting after the call', async () => {
    const leaky = [
      'import sys, warnings',
      'sys.path.append("/more")',
      'sys.warnoptions.append("default")',
      'sys._xoptions["more"] = True',
      'warnings.simplefilter("ignore")',
      'sys.executable = "/bin/other"',
      'x = 1',
      'raise ValueError(x)',
    ].join('\n');
    const flags = { optimize: 1, dontWriteBytecode: true, warnOptions: ['error'], xOptions: ['dev'], isolated: true };
    assert.deepEqual(await runScript('/leak/f.py', leaky, { label: 'python', flags }), {
      exitCode: 1,
      stdout: '',
      stderr: 'Traceback (most recent call last):\n  File "/leak/f.py", line 8, in <module>\n    raise ValueError(x)\nValueError: 1\n',
    });
    const check = [
      'import linecache, sys, warnings',
      'print(sys.flags.optimize, sys.flags.isolated, sys.flags.dev_mode, sys.dont_write_bytecode, sys.warnoptions, sys._xoptions)',
      'print([f[0] for f in warnings.filters], sys.executable, sys.path[:2], "/more" in sys.path, "/leak/f.py" in linecache.cache)',
      'x',
    ].join('\n');
    assert.deepEqual(await run(check), {
      exitCode: 1,
      stdout: `0 0 False False [] {}\n['default', 'ignore', 'ignore', 'ignore', 'ignore'] python3 ['', '${STDLIB_ZIP}'] False False\n`,
      stderr: 'Traceback (most recent call last):\n  File "<string>", line 4, in <module>\n    x\nNameError: name \'x\' is not defined\n',
    });
  });

  await t.test('answers params of the wrong shape with -32602', async () => {
    const params = { interpreter: INTERPRETER, program: { kind: 'module', code: 'json' }, argv: ['-m'], path0: '/data', label: 'python3', flags: NO_FLAGS, cwd: '/data', mounts: [], env: {}, stdin: Buffer.from(''), ...NO_LIMITS };
    await assert.rejects(rpc.request(Methods.PYTHON_RUN, params), {
      name: 'RemoteError',
      code: -32602,
      message: 'python/run: program.name must be a string, got nothing',
    });
  });

  await t.test('interrupts a busy loop at its time limit and keeps the interpreter', async () => {
    // A file in the interpreter's /tmp lives as long as the interpreter (its state does not).
    await run('open("/tmp/kept", "w").write("1")');
    const started = performance.now();
    assert.deepEqual(await run('print("before", flush=True)\nwhile True: pass', { limits: { timeoutMs: 300 } }), {
      exitCode: 1,
      stdout: 'before\n',
      stderr: '',
      timedOut: true,
    });
    assert.ok(performance.now() - started < 2000, 'interrupted near its limit');
    assert.deepEqual(await run('print(open("/tmp/kept").read())'), { exitCode: 0, stdout: '1\n', stderr: '' });
  });

  await t.test('interrupts a sleeping program at its time limit', async () => {
    const started = performance.now();
    const result = await run('import time; time.sleep(20)', { limits: { timeoutMs: 300 } });
    assert.equal(result.timedOut, true);
    assert.ok(performance.now() - started < 2000, 'interrupted near its limit');
  });

  await t.test('a program that ends within its limit is not timed out', async () => {
    assert.deepEqual(await run('import time; time.sleep(0.05); print("ok")', { limits: { timeoutMs: 5000 } }), {
      exitCode: 0,
      stdout: 'ok\n',
      stderr: '',
    });
  });

  await t.test('stops a program at its output limit, keeping one byte past it', async () => {
    const result = await run('while True: print("x" * 100)', { limits: { outputLimit: 1000 } });
    assert.deepEqual(result, { exitCode: 1, stdout: `${'x'.repeat(100)}\n`.repeat(10).slice(0, 1001), stderr: '' });
    const caught = await run('import sys\ntry:\n  print("y" * 5000)\nexcept Exception:\n  print("caught")', { limits: { outputLimit: 1000 } });
    assert.equal(caught.stdout, 'y'.repeat(1001), 'the stop is no Exception a program catches');
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

  await t.test('ignores SIGINT, which a terminal sends its whole process group on Ctrl-C', async () => {
    child.kill('SIGINT');
    assert.deepEqual(await run('print(6*7)'), { exitCode: 0, stdout: '42\n', stderr: '' });
  });

  await t.test('names the interpreter in every notification about a call', () => {
    assert.deepEqual(misrouted, []);
  });

  await t.test('shuts down on request and exits 0', async () => {
    assert.equal(await rpc.request(Methods.SHUTDOWN, {}), null);
    assert.equal(await exited, 0);
    assert.equal(Buffer.concat(diagnostics).toString(), '');
  });
});
