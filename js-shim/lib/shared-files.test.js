// @ts-check
// Slow: loads Pyodide.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPyodide } from 'pyodide';
import { readShared, useShared } from './shared-files.js';
import { fileURLToPath } from 'node:url';

const STDLIB = fileURLToPath(new URL('./python_stdlib.zip', import.meta.resolve('pyodide')));

test('slow: the interpreter reads the shared zip, and a write gives it a copy of its own', { timeout: 60_000 }, async () => {
  const shared = readShared(STDLIB);
  assert.ok(shared.buffer instanceof SharedArrayBuffer);
  const before = shared.slice();
  const pyodide = await loadPyodide();
  const zip = pyodide.FS.readdir('/lib').find((/** @type {string} */ name) => /^python3\d+\.zip$/.test(name));
  const path = `/lib/${zip}`;
  assert.equal(useShared(pyodide.FS, path, shared), true);
  assert.equal(pyodide.FS.lookupPath(path).node.contents, shared);

  // Modules the interpreter has not imported yet come from the shared bytes.
  assert.equal(pyodide.runPython('import colorsys, zipfile; str(colorsys.rgb_to_hsv(1, 0, 0))'), '(0.0, 1.0, 1)');
  // A program that makes the zip writable and overwrites it changes only its own copy.
  pyodide.runPython(`
import os
os.chmod(${JSON.stringify(path)}, 0o666)
with open(${JSON.stringify(path)}, "r+b") as f:
    f.write(b"XXXX")
`);
  assert.deepEqual(shared, before);
  assert.notEqual(pyodide.FS.lookupPath(path).node.contents, shared);
  assert.deepEqual([...pyodide.FS.readFile(path).subarray(0, 4)], [...Buffer.from('XXXX')]);
});

test('slow: a file whose bytes differ is left as it is', { timeout: 60_000 }, async () => {
  const pyodide = await loadPyodide();
  pyodide.FS.writeFile('/tmp/other.zip', new Uint8Array([1, 2, 3]));
  const shared = new Uint8Array(new SharedArrayBuffer(3));
  shared.set([1, 2, 4]);
  assert.equal(useShared(pyodide.FS, '/tmp/other.zip', shared), false);
  assert.equal(useShared(pyodide.FS, '/tmp/missing.zip', shared), false);
  assert.deepEqual([...pyodide.FS.readFile('/tmp/other.zip')], [1, 2, 3]);
});
