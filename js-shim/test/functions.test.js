// @ts-check
// Slow: starts the real sidecar and plays Java's side of host/call (python/functions.py).
import assert from 'node:assert/strict';
import test from 'node:test';
import { RemoteError } from '../lib/errors.js';
import { Methods } from '../lib/methods.js';
import { startSidecar } from './sidecar.js';

/** The host functions of the calls below, as Java describes them in python/run's params. */
const FUNCTIONS = [
  {
    name: 'echo',
    description: 'Returns its arguments.',
    schema: {
      type: 'object',
      properties: {
        value: { description: 'anything' },
        data: { type: 'string', format: 'binary' },
        limit: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
      },
      required: ['value'],
      additionalProperties: false,
    },
  },
  { name: 'fail', description: 'Always fails.', schema: { type: 'object', properties: {} } },
];

test('slow: host functions reach Java as host/call and come back as Python values', { timeout: 240_000 }, async (t) => {
  /** @type {Record<string, any>[]} */
  const calls = [];
  const sidecar = startSidecar({
    handlers: {
      [Methods.HOST_CALL]: (/** @type {any} */ params) => {
        calls.push(params);
        if (params.name === 'fail') {
          throw new RemoteError(-32006, 'the store is down', { reason: 'FAILED' });
        }
        if (params.name === 'denied') {
          throw new RemoteError(-32006, 'denied by the permission profile', { reason: 'DENIED' });
        }
        return params.args;
      },
    },
  });
  t.after(() => sidecar.child.kill());
  await sidecar.ready;
  await sidecar.rpc.request(Methods.INTERPRETER_START, { interpreter: 1 });
  const run = (/** @type {string} */ code, functions = FUNCTIONS) => sidecar.run(1, code, { functions });

  await t.test('every JSON type and bytes make the round trip', async () => {
    calls.length = 0;
    const code = [
      'from mirage4j import tools',
      'v = {"s": "é", "i": -3, "f": 1.5, "b": True, "n": None, "l": [1, [2]], "o": {"k": "v"}}',
      'r = tools.echo(value=v, data=b"\\x00\\xff")',
      'print(r == {"value": v, "data": b"\\x00\\xff"}, type(r["data"]).__name__)',
    ].join('\n');
    assert.deepEqual(await run(code), { exitCode: 0, stdout: 'True bytes\n', stderr: '', timedOut: false });
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0].args.data, new Uint8Array([0, 255]));
    assert.equal(calls[0].interpreter, 1);
  });

  await t.test('signature, docstring and CPython wording for a missing or unexpected argument', async () => {
    calls.length = 0;
    const code = [
      'import inspect, mirage4j',
      'f = mirage4j.tools.echo',
      'print(inspect.signature(f))',
      'print(f.__doc__.splitlines()[0])',
      'for call in (lambda: f(), lambda: f(value=1, other=2), lambda: f(1)):',
      '    try: call()',
      '    except TypeError as e: print(e)',
      'try: f(value=1, limit=11)',
      'except ValueError as e: print(e)',
      'try: f(value=1, data="text")',
      'except ValueError as e: print(e)',
    ].join('\n');
    const result = await run(code);
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.split('\n'), [
      '(*, value, data=None, limit=5)',
      'Returns its arguments.',
      "echo() missing 1 required keyword-only argument: 'value'",
      "echo() got an unexpected keyword argument 'other'",
      'echo() takes 0 positional arguments but 1 was given',
      "echo(): argument 'limit': must be at most 10, got 11",
      "echo(): argument 'data': must be bytes, got str",
      '',
    ]);
    assert.equal(calls.length, 0, 'nothing invalid reaches Java');
  });

  await t.test("Java's refusals become mirage4j.HostError and PermissionDenied", async () => {
    const functions = [...FUNCTIONS, { name: 'denied', description: '', schema: { type: 'object' } }];
    const code = [
      'import mirage4j',
      'try: mirage4j.tools.fail()',
      'except mirage4j.HostError as e: print(type(e).__name__, e)',
      'try: mirage4j.tools.denied()',
      'except PermissionError as e: print(type(e).__name__, isinstance(e, mirage4j.HostError), e)',
    ].join('\n');
    assert.deepEqual(await run(code, functions), {
      exitCode: 0,
      stdout: 'HostError fail(): the store is down\nPermissionDenied True denied(): denied by the permission profile\n',
      stderr: '',
      timedOut: false,
    });
  });

  await t.test('async_tools works inside asyncio', async () => {
    const code = [
      'import asyncio',
      'from mirage4j import async_tools',
      'async def main(): return await async_tools.echo(value=[1, 2])',
      'print(asyncio.run(main()))',
    ].join('\n');
    assert.deepEqual(await run(code), { exitCode: 0, stdout: "{'value': [1, 2]}\n", stderr: '', timedOut: false });
  });

  await t.test('a call without functions has no mirage4j module, and the module of an earlier call is gone', async () => {
    const result = await run('import mirage4j', []);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /ModuleNotFoundError: No module named 'mirage4j'/);
  });

  await t.test('a forged name through the bridge still reaches Java only as host/call, which decides', async () => {
    calls.length = 0;
    const code = [
      'import gc, mirage4j',
      'bridge = [o for o in gc.get_objects() if type(o).__name__ == "Mounts"][0]',
      'answer = bridge.host_call("secret", "{}")',
      'print(answer.result.text)',
    ].join('\n');
    const result = await run(code);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(calls.map((c) => c.name), ['secret'], 'Node forwards every name: Java must refuse the unknown ones');
  });
});
