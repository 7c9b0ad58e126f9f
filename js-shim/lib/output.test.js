// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { batch, createCallOutput } from './output.js';

const bytes = (/** @type {string} */ text) => new Uint8Array(Buffer.from(text, 'utf8'));
const text = (/** @type {Uint8Array} */ data) => Buffer.from(data).toString('utf8');
/** @param {import('./output.js').OutputBatch} b */
const shown = (b) => ({ stdout: text(b.stdout), stderr: text(b.stderr), order: b.order });

test('a batch keeps each stream whole and the order of its runs, only when both streams wrote', () => {
  assert.deepEqual(shown(batch([[1, bytes('a\n')], [1, bytes('b\n')]])), { stdout: 'a\nb\n', stderr: '', order: undefined });
  assert.deepEqual(shown(batch([[2, bytes('e\n')], [1, bytes('a\n')], [1, bytes('b\n')], [2, bytes('f')]])), {
    stdout: 'a\nb\n',
    stderr: 'e\nf',
    order: [
      [2, 2],
      [1, 4],
      [2, 1],
    ],
  });
  assert.deepEqual(shown(batch([])), { stdout: '', stderr: '', order: undefined });
});

test('output written and ended within the hold time is sent only with the result', () => {
  let time = 0;
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  const output = createCallOutput({ limit: 100, send: (b) => sent.push(b), now: () => time });
  output.write(1, bytes('a\n'));
  time = 5;
  output.write(2, bytes('b\n'));
  assert.equal(output.poll(9), true, 'still held');
  assert.deepEqual(sent, []);
  assert.deepEqual(shown(output.rest()), { stdout: 'a\n', stderr: 'b\n', order: [[1, 2], [2, 2]] });
  assert.deepEqual(sent, []);
});

test('held output is sent once it has waited the hold time, at a poll or at the next write', () => {
  let time = 0;
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  const output = createCallOutput({ limit: 100, send: (b) => sent.push(b), now: () => time, holdMs: 10 });
  output.write(1, bytes('a\n'));
  assert.equal(output.poll(10), false, 'sent, nothing held');
  assert.deepEqual(sent.map(shown), [{ stdout: 'a\n', stderr: '', order: undefined }]);
  time = 20;
  output.write(2, bytes('b\n'));
  time = 31;
  output.write(1, bytes('c\n'));
  assert.deepEqual(sent.map(shown).slice(1), [{ stdout: 'c\n', stderr: 'b\n', order: [[2, 2], [1, 2]] }]);
  assert.deepEqual(shown(output.rest()), { stdout: '', stderr: '', order: undefined });
});

test('a timer sends held output while the program waits for the event loop', async () => {
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  const output = createCallOutput({ limit: 100, send: (b) => sent.push(b), now: () => performance.now(), holdMs: 1 });
  output.write(1, bytes('prompt: '));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(sent.map(shown), [{ stdout: 'prompt: ', stderr: '', order: undefined }]);
  output.rest();
});

test('no timer is set for a program that ended before the event loop ran', async () => {
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  let running = true;
  const output = createCallOutput({
    limit: 100,
    send: (b) => sent.push(b),
    now: () => performance.now(),
    holdMs: 1,
    running: () => running,
  });
  output.write(1, bytes('done'));
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(sent, []);
  assert.equal(text(output.rest().stdout), 'done');
});

test('nothing is sent after the result took the rest', async () => {
  /** @type {import('./output.js').OutputBatch[]} */
  const sent = [];
  const output = createCallOutput({ limit: 100, send: (b) => sent.push(b), now: () => performance.now(), holdMs: 1 });
  output.write(1, bytes('x'));
  assert.equal(text(output.rest().stdout), 'x');
  await new Promise((resolve) => setTimeout(resolve, 10));
  output.poll(Infinity);
  assert.deepEqual(sent, []);
});

test('each stream keeps one byte past the limit; a write that passes it says so', () => {
  const output = createCallOutput({ limit: 4, send: () => assert.fail('nothing sent'), now: () => 0 });
  assert.equal(output.write(1, bytes('012')), true);
  assert.equal(output.write(1, bytes('3456')), false);
  assert.equal(output.write(1, bytes('7')), false);
  assert.equal(output.write(2, bytes('ok')), true);
  const rest = output.rest();
  assert.deepEqual([text(rest.stdout), text(rest.stderr)], ['01234', 'ok']);
});

test('batches are made as the shared fixture says (test-fixtures/protocol/output-batches.json)', async () => {
  const { readFile } = await import('node:fs/promises');
  const fixture = JSON.parse(await readFile(new URL('../../test-fixtures/protocol/output-batches.json', import.meta.url), 'utf8'));
  for (const { description, writes, batch: expected } of fixture) {
    const made = batch(writes.map((/** @type {[1 | 2, string]} */ [fd, data]) => [fd, bytes(data)]));
    assert.deepEqual(shown(made), { order: undefined, ...expected }, description);
  }
});
