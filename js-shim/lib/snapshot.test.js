// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { readSnapshot, startPyodide, withHeader } from './snapshot.js';

const memory = new Uint8Array([1, 2, 3, 4]);

/** @type {unknown[]} the interpreters `prepared` ran on */
let preparedOn = [];
const prepared = (/** @type {unknown} */ pyodide) => {
  preparedOn.push(pyodide);
};

/** A stand-in for loadPyodide that records its options. */
function fakeLoader() {
  /** @type {Record<string, unknown>[]} */
  const calls = [];
  const loadPyodide = async (/** @type {Record<string, unknown>} */ options) => {
    calls.push(options);
    const pyodide = /** @type {any} */ ({
      makeMemorySnapshot: () => {
        assert.deepEqual(preparedOn, [pyodide], 'prepared before the snapshot is made');
        return memory;
      },
    });
    return pyodide;
  };
  return { loadPyodide, calls };
}

/** @param {Record<string, Uint8Array>} files */
const reader = (files) => (/** @type {string} */ path) => {
  if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return files[path];
};

test('loads the snapshot that carries the key asked for', async () => {
  const { loadPyodide, calls } = fakeLoader();
  preparedOn = [];
  const started = await startPyodide(loadPyodide, { a: 1 }, { path: '/s', key: 'k1' }, prepared, reader({ '/s': withHeader('k1', memory) }));
  assert.equal(started.snapshot, 'loaded');
  assert.equal(started.made, undefined);
  assert.deepEqual(preparedOn, [], 'a restored interpreter was prepared before its snapshot');
  assert.deepEqual(calls, [{ a: 1, _loadSnapshot: memory }]);
});

test('makes a snapshot when there is none, and refuses one with another key unloaded', async () => {
  for (const [files, status] of /** @type {[Record<string, Uint8Array>, string][]} */ ([
    [{}, 'made'],
    [{ '/s': withHeader('k0', memory) }, 'made; refused: made for "k0", not k1'],
    [{ '/s': new TextEncoder().encode('garbage') }, 'made; refused: not a snapshot file'],
  ])) {
    const { loadPyodide, calls } = fakeLoader();
    preparedOn = [];
    const started = await startPyodide(loadPyodide, { a: 1 }, { path: '/s', key: 'k1' }, prepared, reader(files));
    assert.equal(started.snapshot, status);
    assert.deepEqual(calls, [{ a: 1, _makeSnapshot: true }], 'never loads the refused file');
    assert.deepEqual(started.made, withHeader('k1', memory));
  }
});

test('loads in full when no snapshot is asked for', async () => {
  const { loadPyodide, calls } = fakeLoader();
  preparedOn = [];
  const started = await startPyodide(loadPyodide, { a: 1 }, {}, prepared);
  assert.equal(started.snapshot, 'none');
  assert.deepEqual(preparedOn, [started.pyodide]);
  assert.deepEqual(calls, [{ a: 1 }]);
});

test('an unreadable file is refused with its error code', () => {
  const read = () => {
    throw Object.assign(new Error('denied'), { code: 'ERR_ACCESS_DENIED' });
  };
  assert.deepEqual(readSnapshot('/s', 'k', read), { refused: 'unreadable (ERR_ACCESS_DENIED)' });
});

test('the memory starts at a multiple of 8 bytes in the file, whatever the key, and is handed over without a copy', () => {
  for (const key of ['k', '314.0.8-0123456789abcdef', 'x'.repeat(13)]) {
    const file = withHeader(key, memory);
    assert.equal((file.length - memory.length) % 8, 0, `header for ${key}`);
    const read = readSnapshot('/s', key, reader({ '/s': file }));
    assert.deepEqual(read.memory, memory);
    assert.equal(read.memory?.buffer, file.buffer, 'a view into the file');
  }
});
