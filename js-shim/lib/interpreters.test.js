// @ts-check
import assert from 'node:assert/strict';
import test, { after } from 'node:test';
import { createInterpreterHost, movable } from './interpreters.js';

/**
 * A stand-in for lib/interpreter-worker.js: tells the host it is ready, answers a call with its
 * params, and ends the way a call's `end` param says (an exit code, or an uncaught error).
 */
const FAKE_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort } from 'node:worker_threads';
    parentPort.postMessage({ op: 'ready', info: { python: '3.x', snapshot: 'none' } });
    parentPort.on('message', ({ op, seq, params }) => {
      if (op !== 'call') return;
      if (params.exit !== undefined) process.exit(params.exit);
      if (params.fail) throw new Error(params.fail);
      if (params.hang) return;
      parentPort.postMessage({ op: 'done', seq, result: params });
    });
  `)}`,
);

/** @type {import('./interpreters.js').InterpreterHost[]} */
const hosts = [];
after(() => Promise.all(hosts.map((h) => h.close())));

function host(capacity = 1) {
  /** @type {[number, string][]} */
  const crashed = [];
  const interpreters = createInterpreterHost({
    capacity,
    snapshot: {},
    askJava: async () => ({}),
    notify: () => {},
    crashed: (id, reason) => crashed.push([id, reason]),
    log: () => {},
    strayOutput: () => {},
    worker: FAKE_WORKER,
  });
  hosts.push(interpreters);
  return { interpreters, crashed };
}

test('a worker that exits by itself fails its calls with -32603 and is reported once; the others go on', async () => {
  const { interpreters, crashed } = host();
  assert.deepEqual(await interpreters.start(1), { python: '3.x', snapshot: 'none' });
  await interpreters.start(2);
  await assert.rejects(interpreters.call(1, 'python/run', { exit: 7 }), { code: -32603, message: 'interpreter 1 exited with code 7' });
  assert.deepEqual(crashed, [[1, 'exited with code 7']]);
  assert.deepEqual(await interpreters.call(2, 'python/run', { x: 1 }), { x: 1 });
  await assert.rejects(interpreters.call(1, 'python/run', {}), { code: -32602, message: 'no interpreter 1 is running' });
  assert.equal(interpreters.count(), 1);
  await interpreters.stop(2);
  assert.equal(interpreters.count(), 0);
  assert.deepEqual(crashed, [[1, 'exited with code 7']], 'a stop is no crash');
});

test('a worker that throws is reported with the error, on one line', async () => {
  const { interpreters, crashed } = host();
  await interpreters.start(5);
  await assert.rejects(interpreters.call(5, 'python/run', { fail: 'boom' }), (/** @type {any} */ error) => {
    assert.equal(error.code, -32603);
    assert.match(error.message, /^interpreter 5 failed: Error: boom( \| .*)?$/);
    return true;
  });
  assert.equal(crashed.length, 1);
  assert.equal(crashed[0][0], 5);
  assert.ok(!crashed[0][1].includes('\n'));
});

test('a stopped worker fails its calls with -32003, and its id may not be started twice while it runs', async () => {
  const { interpreters } = host();
  await interpreters.start(3);
  await assert.rejects(interpreters.start(3), { code: -32602, message: 'interpreter 3 is already running' });
  const pending = interpreters.call(3, 'python/run', { hang: true });
  await interpreters.stop(3);
  await assert.rejects(pending, { name: 'CancelledError', code: -32003, message: 'interpreter 3 was stopped' });
  await interpreters.stop(3);
  await assert.rejects(interpreters.call(3, 'python/run', {}), { code: -32602, message: 'no interpreter 3 is running' });
});

test('movable: the buffers of large byte fields of an answer, each once; nothing shared or small', () => {
  const frame = new Uint8Array(200_000);
  const data = frame.subarray(100, 150_000);
  assert.deepEqual(movable({ data, size: 5 }), [frame.buffer]);
  assert.deepEqual(movable({ a: data, b: frame.subarray(150_000) }), [frame.buffer]);
  assert.deepEqual(movable({ data: new Uint8Array(10) }), []);
  assert.deepEqual(movable({ data: new Uint8Array(new SharedArrayBuffer(100_000)) }), []);
  assert.deepEqual(movable(null), []);
  assert.deepEqual(movable({ entries: [{ name: 'x' }] }), []);
});

test('interpreters started ahead of need are taken in turn, and more start past the capacity', async () => {
  const { interpreters } = host(2);
  for (const id of [1, 2, 3]) {
    assert.deepEqual(await interpreters.start(id), { python: '3.x', snapshot: 'none' });
    assert.deepEqual(await interpreters.call(id, 'python/run', { id }), { id });
  }
  assert.equal(interpreters.count(), 3);
  await interpreters.close();
  assert.equal(interpreters.count(), 0);
});
