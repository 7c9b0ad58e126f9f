// @ts-check
// Slow: starts the real sidecar with the flags Java starts it with (SidecarProcess.start) and runs
// several interpreters in it, each in its own worker thread.
import assert from 'node:assert/strict';
import test from 'node:test';
import { Methods } from '../lib/methods.js';
import { startSidecar } from './sidecar.js';

/**
 * Python that makes large JavaScript strings and keeps them: Node keeps strings of more than about
 * a megabyte outside the JavaScript heap, where the heap's limit does not see them.
 */
const KEEPS_LARGE_STRINGS = 'from pyodide.ffi import to_js\nkeep = []\nwhile True: keep.append(to_js(["x" * 10**8]))';

/** Python that fills its worker's JavaScript heap (512 MiB) with arrays made from Python lists. */
const FILLS_JS_HEAP = 'from pyodide.ffi import to_js\nkeep = []\nwhile True: keep.append(to_js([0] * 10**7))';

test('slow: interpreters of one process are apart, and one stopped or crashed leaves the others running', { timeout: 240_000 }, async (t) => {
  /** @type {{interpreter: unknown, length: number}[]} */
  const stdinReads = [];
  const sidecar = startSidecar({
    handlers: {
      [Methods.STDIN_READ]: (/** @type {any} */ params) => {
        stdinReads.push(params);
        return { data: new TextEncoder().encode(`for ${params.interpreter}\n`) };
      },
    },
  });
  t.after(() => sidecar.child.kill());
  const { rpc, run } = sidecar;
  const start = (/** @type {unknown} */ interpreter) => rpc.request(Methods.INTERPRETER_START, { interpreter });
  const failure = (/** @type {Promise<unknown>} */ call) =>
    call.then(
      (result) => ({ result }),
      (/** @type {any} */ error) => ({ code: error.code, message: error.message }),
    );

  await t.test('$/ready names no interpreter; each starts on interpreter/start', async () => {
    assert.deepEqual(Object.keys(await sidecar.ready), ['protocol', 'shim', 'node', 'pyodide']);
    const [one, two] = await Promise.all([start(1), start(2)]);
    assert.deepEqual(one, { python: /** @type {any} */ (one).python, snapshot: 'none' });
    assert.deepEqual(two, one);
  });

  await t.test('ids are checked: an id that runs, or is no positive integer, is refused with -32602', async () => {
    assert.deepEqual(await failure(start(1)), { code: -32602, message: 'interpreter 1 is already running' });
    for (const id of [0, -1]) {
      assert.deepEqual(await failure(start(id)), { code: -32602, message: '"interpreter" must be a positive integer' });
    }
    for (const id of [1.5, '1', null]) {
      assert.deepEqual(await failure(start(id)), { code: -32602, message: '"interpreter" must be an integer' });
    }
    assert.deepEqual(await failure(rpc.request(Methods.INTERPRETER_START, {})), { code: -32602, message: '"interpreter" must be an integer' });
  });

  await t.test('calls for an interpreter that does not run are refused with -32602', async () => {
    assert.deepEqual(await failure(run(99, 'print(1)')), { code: -32602, message: 'no interpreter 99 is running' });
    const wheel = { interpreter: 99, file: 'x-1.0-py3-none-any.whl', data: new Uint8Array() };
    assert.deepEqual(await failure(rpc.request(Methods.PYTHON_INSTALL, wheel)), { code: -32602, message: 'no interpreter 99 is running' });
    const { interpreter, ...unrouted } = wheel;
    assert.deepEqual(await failure(rpc.request(Methods.PYTHON_INSTALL, unrouted)), { code: -32602, message: '"interpreter" must be an integer' });
  });

  await t.test('two interpreters see neither each other\'s globals, modules, environment, cwd nor files', async () => {
    const first = run(
      1,
      [
        'import builtins, os, sys, time',
        'secret = 1',
        'builtins.planted = 1',
        'sys.modules["only_in_one"] = type(sys)("only_in_one")',
        'os.environ["ONLY_IN_ONE"] = "1"',
        'os.makedirs("/tmp/one", exist_ok=True)',
        'os.chdir("/tmp/one")',
        'open("/tmp/one/kept", "w").write("1")',
        'print("set", flush=True)',
        'time.sleep(1.5)',
        'print(os.getcwd(), os.environ.get("ONLY_IN_ONE"), "only_in_one" in sys.modules, secret)',
      ].join('\n'),
    );
    // Interpreter 1 holds its state and sleeps while interpreter 2 looks for it.
    await sidecar.waitFor(Methods.OUTPUT, { interpreter: 1 });
    const look = [
      'import builtins, os, sys',
      'print("secret" in globals(), hasattr(builtins, "planted"), "only_in_one" in sys.modules)',
      'print(dict(os.environ), os.getcwd(), os.path.exists("/tmp/one"))',
    ].join('\n');
    assert.deepEqual(await run(2, look), {
      exitCode: 0,
      stdout: "False False False\n{} /tmp False\n",
      stderr: '',
      timedOut: false,
    });
    assert.deepEqual(await first, { exitCode: 0, stdout: 'set\n/tmp/one 1 True 1\n', stderr: '', timedOut: false });
    // A file in an interpreter's /tmp lives as long as the interpreter, and is its own.
    assert.deepEqual(await run(1, 'print(open("/tmp/one/kept").read())'), { exitCode: 0, stdout: '1\n', stderr: '', timedOut: false });
    assert.deepEqual(await run(2, 'import os; print(os.path.exists("/tmp/one/kept"))'), {
      exitCode: 0,
      stdout: 'False\n',
      stderr: '',
      timedOut: false,
    });
  });

  await t.test('what Node sends about a call names the interpreter: $/running, $/output, stdin/read', async () => {
    const code = 'import sys; print("prompt", flush=True); print(sys.stdin.readline(), end="")';
    const [one, two] = await Promise.all([
      run(1, code, { stdinStream: true }),
      run(2, code, { stdinStream: true }),
    ]);
    assert.deepEqual(one, { exitCode: 0, stdout: 'prompt\nfor 1\n', stderr: '', timedOut: false });
    assert.deepEqual(two, { exitCode: 0, stdout: 'prompt\nfor 2\n', stderr: '', timedOut: false });
    assert.deepEqual(stdinReads.map((p) => p.interpreter).sort(), [1, 2]);
    const named = sidecar.notifications.filter((n) => n.method !== Methods.CRASHED).map((n) => n.params.interpreter);
    assert.ok(named.length > 0 && named.every((id) => id === 1 || id === 2), `named: ${named}`);
  });

  await t.test('interpreter/stop ends a busy interpreter at once: its call fails with -32003, the others go on', async () => {
    await start(3);
    const busy = failure(run(3, 'while True: pass'));
    await sidecar.waitFor(Methods.RUNNING, { interpreter: 3 });
    const started = performance.now();
    assert.deepEqual(await rpc.request(Methods.INTERPRETER_STOP, { interpreter: 3 }), {});
    assert.deepEqual(await busy, { code: -32003, message: 'interpreter 3 was stopped' });
    assert.ok(performance.now() - started < 2000, `stopped in ${performance.now() - started} ms`);
    assert.deepEqual(await run(1, 'print(6*7)'), { exitCode: 0, stdout: '42\n', stderr: '', timedOut: false });
    assert.deepEqual(await failure(run(3, 'print(1)')), { code: -32602, message: 'no interpreter 3 is running' });
    // Stopping what does not run (any more) changes nothing.
    assert.deepEqual(await rpc.request(Methods.INTERPRETER_STOP, { interpreter: 3 }), {});
    assert.deepEqual(await rpc.request(Methods.INTERPRETER_STOP, { interpreter: 77 }), {});
    assert.equal(sidecar.notifications.filter((n) => n.method === Methods.CRASHED).length, 0, 'a stop is no crash');
  });

  await t.test('an interpreter whose worker ends by itself is reported with $/crashed, its call fails, the others go on', async () => {
    await start(4);
    const filling = failure(run(4, FILLS_JS_HEAP));
    const [crashed] = await sidecar.waitFor(Methods.CRASHED, { interpreter: 4 });
    assert.deepEqual(Object.keys(crashed.params), ['interpreter', 'reason']);
    const reason = /^failed: Error \[ERR_WORKER_OUT_OF_MEMORY\]: Worker terminated due to reaching memory limit: JS heap out of memory( \|.*)?$/;
    assert.match(crashed.params.reason, reason);
    const failed = await filling;
    assert.equal(failed.code, -32603);
    assert.equal(failed.message, `interpreter 4 ${crashed.params.reason}`);
    assert.deepEqual(await run(1, 'print(6*7)'), { exitCode: 0, stdout: '42\n', stderr: '', timedOut: false });
    assert.deepEqual(await run(2, 'print(7*6)'), { exitCode: 0, stdout: '42\n', stderr: '', timedOut: false });
    assert.deepEqual(await failure(run(4, 'print(1)')), { code: -32602, message: 'no interpreter 4 is running' });
  });

  await t.test('an interpreter whose JavaScript memory outside the heap passes its budget is ended alone', async () => {
    await start(5);
    const started = performance.now();
    const filling = failure(run(5, KEEPS_LARGE_STRINGS));
    const [crashed] = await sidecar.waitFor(Methods.CRASHED, { interpreter: 5 });
    assert.equal(crashed.params.reason, 'used more than 1024 MiB of JavaScript memory and was stopped');
    assert.ok(performance.now() - started < 20_000, `ended after ${performance.now() - started} ms`);
    assert.deepEqual(await filling, { code: -32603, message: `interpreter 5 ${crashed.params.reason}` });
    assert.deepEqual(await run(1, 'print(6*7)'), { exitCode: 0, stdout: '42\n', stderr: '', timedOut: false });
  });

  await t.test('Python reaches neither the Worker class nor node:worker_threads', async () => {
    const attacks = [
      'import ctypes, js, sys',
      'from pyodide.ffi import to_js',
      'def attempt(action):',
      '    try:',
      '        return repr(action())',
      '    except Exception as e:',
      '        return f"{type(e).__name__}: {e}"',
      'libc = ctypes.CDLL(None)',
      'libc.emscripten_run_script.restype = None',
      'libc.emscripten_run_script_string.restype = ctypes.c_char_p',
      'start = b"new (process.getBuiltinModule(\'node:worker_threads\').Worker)(\'0\', {eval: true}); 1"',
      'for name, action in [',
      '    ("js.Worker", lambda: js.Worker),',
      '    ("js.process", lambda: js.process),',
      '    ("js.globalThis", lambda: js.globalThis),',
      '    ("from js import eval", lambda: exec("from js import eval")),',
      '    ("run_js", lambda: __import__("pyodide.code", fromlist=["run_js"]).run_js("1")),',
      '    ("run_script", lambda: libc.emscripten_run_script(start)),',
      '    ("run_script_int", lambda: libc.emscripten_run_script_int(start)),',
      '    ("run_script_string", lambda: libc.emscripten_run_script_string(start)),',
      '    ("Function", lambda: to_js([]).constructor.constructor("return process.getBuiltinModule")),',
      ']:',
      '    print(name, "->", attempt(action))',
    ].join('\n');
    const result = await run(1, attacks);
    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [
        'js.Worker -> AttributeError: Worker',
        'js.process -> AttributeError: process',
        'js.globalThis -> AttributeError: globalThis',
        "from js import eval -> ImportError: cannot import name 'eval' from 'js' (unknown location)",
        "run_js -> ImportError: cannot import name 'eval' from 'js' (unknown location)",
        // Emscripten's library calls the global eval, which runs nothing (lib/sandbox.js): the
        // script would have answered 1.
        'run_script -> None',
        'run_script_int -> 0',
        'run_script_string -> None',
        'Function -> JsException: EvalError: Code generation from strings disallowed for this context',
        '',
      ].join('\n'),
      stderr: '',
      timedOut: false,
    });
  });

  await t.test('shuts down with interpreters running and exits 0, with nothing on stderr', async () => {
    assert.equal(await rpc.request(Methods.SHUTDOWN, {}), null);
    assert.equal(await sidecar.exited, 0);
    assert.equal(sidecar.diagnostics(), '');
  });
});
