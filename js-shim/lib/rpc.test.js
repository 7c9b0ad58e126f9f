// @ts-check
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import test from 'node:test';
import { CancelledError, InvalidParamsError, ProtocolError, RemoteError } from './errors.js';
import { encodeFrame, FrameDecoder } from './framing.js';
import { createRpc } from './rpc.js';

/** @typedef {import('./rpc.js').Handler} Handler */

const failOnProtocolError = () => assert.fail('unexpected protocol error');

/**
 * Two endpoints connected back to back.
 * @param {Record<string, Handler>} leftHandlers
 * @param {Record<string, Handler>} rightHandlers
 */
function connectedPair(leftHandlers, rightHandlers) {
  const leftToRight = new PassThrough();
  const rightToLeft = new PassThrough();
  const left = createRpc({ input: rightToLeft, output: leftToRight, handlers: leftHandlers, onProtocolError: failOnProtocolError });
  const right = createRpc({ input: leftToRight, output: rightToLeft, handlers: rightHandlers, onProtocolError: failOnProtocolError });
  return { left, right, leftToRight, rightToLeft };
}

/**
 * One endpoint driven by hand: raw frames in, decoded messages out, one entry per `write`.
 * @param {Record<string, Handler>} [handlers]
 */
function endpointUnderTest(handlers = {}) {
  const input = new PassThrough();
  /** @type {unknown[][]} */
  const writes = [];
  /** @type {(() => void)[]} */
  const writeWaiters = [];
  const output = new Writable({
    write(chunk, _encoding, callback) {
      writes.push(new FrameDecoder().push(chunk));
      writeWaiters.splice(0).forEach((wake) => wake());
      callback();
    },
  });
  /** @type {string[]} */
  const logged = [];
  /** @type {ProtocolError[]} */
  const protocolErrors = [];
  const rpc = createRpc({
    input,
    output,
    handlers,
    onProtocolError: (error) => protocolErrors.push(error),
    log: (line) => logged.push(line),
  });
  return {
    rpc,
    input,
    writes,
    logged,
    protocolErrors,
    /** @param {object} message */
    send: (message) => input.write(encodeFrame(message)),
    /** @param {number} count resolves once `count` frames have been written */
    async written(count) {
      while (writes.length < count) await new Promise((resolve) => writeWaiters.push(() => resolve(undefined)));
      return writes.map(([message]) => message);
    },
  };
}

/** Lets queued stream events and promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('requests travel both ways and carry bytes', async () => {
  const { left, right } = connectedPair(
    { echo: async ({ data }) => ({ data }) },
    { add: async ({ a, b }) => /** @type {number} */ (a) + /** @type {number} */ (b) },
  );
  assert.equal(await left.request('add', { a: 2, b: 40 }), 42);
  const data = new Uint8Array([0, 1, 255]);
  assert.deepEqual(await right.request('echo', { data }), { data });
});

test('outgoing ids count up as "n1", "n2", ...', async () => {
  const peer = endpointUnderTest();
  peer.rpc.request('first', {});
  peer.rpc.notify('note', { x: 1 });
  peer.rpc.request('second', { y: 2 });
  assert.deepEqual(await peer.written(3), [
    { jsonrpc: '2.0', id: 'n1', method: 'first', params: {} },
    { jsonrpc: '2.0', method: 'note', params: { x: 1 } },
    { jsonrpc: '2.0', id: 'n2', method: 'second', params: { y: 2 } },
  ]);
  assert.ok(peer.writes.every((frames) => frames.length === 1), 'one whole frame per write');
});

test('a handler error is answered with its code; anything else is an internal error', async () => {
  const { left } = connectedPair({}, {
    picky: async () => {
      throw new InvalidParamsError('x must be positive');
    },
    broken: async () => {
      throw new TypeError('cannot read properties of undefined');
    },
  });
  await assert.rejects(left.request('picky', {}), new RemoteError(-32602, 'x must be positive'));
  await assert.rejects(left.request('broken', {}), (error) => {
    assert.ok(error instanceof RemoteError);
    assert.deepEqual([error.code, error.message, error.data], [-32603, 'cannot read properties of undefined', undefined]);
    return true;
  });
});

test('an unknown method is answered with -32601', async () => {
  const { left } = connectedPair({}, {});
  await assert.rejects(left.request('nope', {}), { name: 'RemoteError', code: -32601, message: 'unknown method "nope"' });
});

test('params that are not an object are answered with -32602', async () => {
  const peer = endpointUnderTest({ run: async () => 'ran' });
  peer.send({ jsonrpc: '2.0', id: 1, method: 'run', params: [1] });
  peer.send({ jsonrpc: '2.0', id: 2, method: 'run' });
  peer.send({ jsonrpc: '2.0', id: 3, method: 'run', params: {} });
  const answers = await peer.written(3);
  assert.deepEqual(answers, [
    { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'params of "run" must be an object' } },
    { jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'params of "run" must be an object' } },
    { jsonrpc: '2.0', id: 3, result: 'ran' },
  ]);
});

test('batches, other versions and malformed messages are answered with -32600 and id null', async () => {
  const peer = endpointUnderTest({ run: async () => 'ran' });
  peer.send([{ jsonrpc: '2.0', id: 1, method: 'run', params: {} }]);
  peer.send({ jsonrpc: '1.0', id: 2, method: 'run', params: {} });
  peer.send({ id: 3, method: 'run', params: {} });
  peer.send({ jsonrpc: '2.0', id: 4, method: 7, params: {} });
  peer.send({ jsonrpc: '2.0', id: { n: 5 }, method: 'run', params: {} });
  peer.send({ jsonrpc: '2.0', id: 6 });
  const answers = await peer.written(6);
  assert.deepEqual(
    answers,
    [
      'batches are not supported',
      'not a JSON-RPC 2.0 message object',
      'not a JSON-RPC 2.0 message object',
      '"method" must be a string',
      '"id" must be a string or a number',
      'message has neither "method" nor "result" nor "error"',
    ].map((message) => ({ jsonrpc: '2.0', id: null, error: { code: -32600, message } })),
  );
});

test('JSON that does not parse is answered with -32700 and the connection goes on', async () => {
  const peer = endpointUnderTest({ run: async () => 'ran' });
  peer.input.write('Content-Length: 5\r\n\r\n{"id"');
  peer.send({ jsonrpc: '2.0', id: 1, method: 'run', params: {} });
  const [parseError, answer] = await peer.written(2);
  assert.deepEqual(/** @type {any} */ (parseError).id, null);
  assert.equal(/** @type {any} */ (parseError).error.code, -32700);
  assert.match(/** @type {any} */ (parseError).error.message, /^frame JSON does not parse: /);
  assert.deepEqual(answer, { jsonrpc: '2.0', id: 1, result: 'ran' });
});

test('notifications reach their handler and are never answered', async () => {
  /** @type {unknown[]} */
  const seen = [];
  const peer = endpointUnderTest({
    note: (params) => {
      seen.push(params);
    },
    failing: () => {
      throw new Error('bad note');
    },
  });
  peer.send({ jsonrpc: '2.0', method: 'note', params: { n: 1 } });
  peer.send({ jsonrpc: '2.0', method: 'unknown', params: {} });
  peer.send({ jsonrpc: '2.0', method: 'failing', params: {} });
  await settle();
  assert.deepEqual(seen, [{ n: 1 }]);
  assert.deepEqual(peer.writes, []);
  assert.deepEqual(peer.logged, ['notification failing failed: bad note']);
});

test('a response that matches no pending request is logged and dropped', async () => {
  const peer = endpointUnderTest();
  peer.send({ jsonrpc: '2.0', id: 'n1', result: 'too early' });
  peer.send({ jsonrpc: '2.0', id: 1, result: 'wrong type of id' });
  await settle();
  const pending = peer.rpc.request('work', {});
  peer.send({ jsonrpc: '2.0', id: 'n1', result: 'the answer' });
  assert.equal(await pending, 'the answer');
  assert.deepEqual(peer.logged, [
    'dropped a response with id "n1": no request of ours is waiting for it',
    'dropped a response with id 1: no request of ours is waiting for it',
  ]);
});

test('error responses become RemoteErrors, also when malformed', async () => {
  const peer = endpointUnderTest();
  const first = peer.rpc.request('read', {});
  const second = peer.rpc.request('read', {});
  peer.send({ jsonrpc: '2.0', id: 'n1', error: { code: -32001, message: 'no such file', data: { path: '/x' } } });
  peer.send({ jsonrpc: '2.0', id: 'n2', error: 'oops' });
  await assert.rejects(first, new RemoteError(-32001, 'no such file', { path: '/x' }));
  await assert.rejects(second, new RemoteError(-32603, 'malformed error response: "oops"'));
});

test('when the input ends, pending requests reject with CancelledError', async () => {
  const peer = endpointUnderTest();
  const pending = peer.rpc.request('slow', {});
  peer.input.end();
  await assert.rejects(pending, new CancelledError('request n1 (slow) was not answered: the input ended'));
  await assert.rejects(peer.rpc.request('later', {}), CancelledError);
});

test('a broken frame reports a ProtocolError and rejects pending requests', async () => {
  const peer = endpointUnderTest();
  const pending = peer.rpc.request('slow', {});
  peer.input.write('Content-Length: 01\r\n\r\n{}');
  await assert.rejects(pending, /a protocol error ended the connection/);
  assert.equal(peer.protocolErrors.length, 1);
  assert.ok(peer.protocolErrors[0] instanceof ProtocolError);
  assert.match(peer.protocolErrors[0].message, /Content-Length must be decimal digits/);
});

test('close() waits until the requests already received are answered', async () => {
  /** @type {(value: string) => void} */
  let finish = () => {};
  const peer = endpointUnderTest({ slow: () => new Promise((resolve) => (finish = resolve)) });
  peer.send({ jsonrpc: '2.0', id: 1, method: 'slow', params: {} });
  await settle();
  let closed = false;
  const closing = peer.rpc.close().then(() => (closed = true));
  await settle();
  assert.equal(closed, false);
  finish('done');
  await closing;
  assert.deepEqual(peer.writes, [[{ jsonrpc: '2.0', id: 1, result: 'done' }]]);
});

test('a handler may close the connection and still have its answer written first', async () => {
  /** @type {Promise<number> | undefined} */
  let framesWrittenAtClose;
  const peer = endpointUnderTest({
    shutdown: async () => {
      framesWrittenAtClose = peer.rpc.close().then(() => peer.writes.length);
      await settle();
      return null;
    },
  });
  peer.send({ jsonrpc: '2.0', id: 1, method: 'shutdown', params: {} });
  await settle();
  assert.equal(await framesWrittenAtClose, 1);
  assert.deepEqual(peer.writes, [[{ jsonrpc: '2.0', id: 1, result: null }]]);
});
