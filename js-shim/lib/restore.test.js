// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { PAGE_SIZE, nonZeroRuns, restoreRuns } from './restore.js';

/**
 * @param {number} length
 * @param {Record<number, number>} bytes index → value
 */
function bytesWith(length, bytes) {
  const array = new Uint8Array(length);
  for (const [at, value] of Object.entries(bytes)) array[Number(at)] = value;
  return array;
}

test('no runs in zeros, one run over what is not zero', () => {
  assert.deepEqual([...nonZeroRuns(new Uint8Array(100))], []);
  assert.deepEqual([...nonZeroRuns(new Uint8Array(0))], []);
  assert.deepEqual([...nonZeroRuns(new Uint8Array(16).fill(7))], [0, 16]);
});

test('runs are whole 4-byte words, and runs less than minGap apart are one', () => {
  const bytes = bytesWith(64, { 5: 1, 9: 2, 40: 3 });
  assert.deepEqual([...nonZeroRuns(bytes, 8)], [4, 12, 40, 44]);
  assert.deepEqual([...nonZeroRuns(bytes, 28)], [4, 12, 40, 44], 'a gap of 28 bytes is kept');
  assert.deepEqual([...nonZeroRuns(bytes, 29)], [4, 44]);
  assert.deepEqual([...nonZeroRuns(bytesWith(3 * PAGE_SIZE, { 0: 1, [3 * PAGE_SIZE - 1]: 1 }))], [0, 4, 3 * PAGE_SIZE - 4, 3 * PAGE_SIZE]);
});

test('finds the bytes at either end of an array that does not start or end on a word', () => {
  const buffer = new Uint8Array(40);
  buffer.set([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5], 3);
  const bytes = buffer.subarray(3, 15); // 1 byte to the first word, then 2 words, then 3 bytes
  assert.deepEqual([...nonZeroRuns(bytes, 2)], [0, 1, 11, 12]);
  assert.deepEqual([...nonZeroRuns(bytes, 100)], [0, 12]);
});

test('every byte that is not zero lies in a run', () => {
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 20; round++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 50_000));
    for (let i = 0; i < 40; i++) bytes[Math.floor(random() * bytes.length)] = 1 + Math.floor(random() * 255);
    const runs = nonZeroRuns(bytes, 1 + Math.floor(random() * 5000));
    const covered = new Uint8Array(bytes.length);
    for (let k = 0; k < runs.length; k += 2) {
      assert.ok(runs[k] < runs[k + 1] && (k === 0 || runs[k - 1] < runs[k]), 'ascending, not empty');
      covered.fill(1, runs[k], runs[k + 1]);
    }
    bytes.forEach((value, at) => assert.ok(value === 0 || covered[at] === 1, `byte ${at}`));
  }
});

test('restoreRuns leaves the target equal to the source past the offset, as a full copy would', () => {
  const size = 8 * PAGE_SIZE;
  const source = bytesWith(size + 24, { 30: 1, [24 + PAGE_SIZE + 1]: 2, [24 + 5 * PAGE_SIZE + 7]: 3, [size + 23]: 4 });
  const target = new Uint8Array(size + PAGE_SIZE);
  // What a fresh module wrote before the restore: in the snapshot's zero gaps, and past its end.
  target[3 * PAGE_SIZE + 5] = 8;
  target[7 * PAGE_SIZE] = 9;
  target[size + 100] = 10;
  restoreRuns(target, source, nonZeroRuns(source), 24);
  assert.deepEqual(target.subarray(0, size), source.subarray(24));
  assert.equal(target[size + 100], 10, 'nothing past the snapshot changes');
});

test('restoreRuns writes no page that the source leaves zero and the target has zero', () => {
  const size = 16 * PAGE_SIZE;
  const source = bytesWith(size, { 10: 1, [9 * PAGE_SIZE + 3]: 2 });
  const written = new Set();
  const target = new Uint8Array(size);
  const watched = new Proxy(target, {
    get(array, name) {
      if (name === 'set') return (/** @type {Uint8Array} */ part, /** @type {number} */ at) => {
        for (let page = Math.floor(at / PAGE_SIZE); page * PAGE_SIZE < at + part.length; page++) written.add(page);
        array.set(part, at);
      };
      if (name === 'fill') return (/** @type {number} */ value, /** @type {number} */ from, /** @type {number} */ to) => {
        for (let page = Math.floor(from / PAGE_SIZE); page * PAGE_SIZE < to; page++) written.add(page);
        array.fill(value, from, to);
      };
      const value = Reflect.get(array, name, array);
      return typeof value === 'function' ? value.bind(array) : value;
    },
  });
  target[4 * PAGE_SIZE + 1] = 5;
  restoreRuns(watched, source, nonZeroRuns(source), 0);
  assert.deepEqual([...written].sort((a, b) => a - b), [0, 4, 9]);
  assert.deepEqual(target, source);
});

test('restoreRuns refuses a target too short for the source, as a full copy would', () => {
  assert.throws(() => restoreRuns(new Uint8Array(4), new Uint8Array(8), [], 0), RangeError);
});
