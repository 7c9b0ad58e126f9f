// @ts-check
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { loadPyodide } from 'pyodide';
import { installTzdata, tarEntries, writeEntries } from './tzdata.js';

/** A ustar archive of a small tzdata-like tree, made by the system's tar. */
function archive() {
  const dir = mkdtempSync(join(tmpdir(), 'tzdata-test-'));
  mkdirSync(join(dir, 'tzdata/zoneinfo/Area'), { recursive: true });
  writeFileSync(join(dir, 'tzdata/__init__.py'), 'IANA_VERSION = "2099z"\n');
  writeFileSync(join(dir, 'tzdata/zoneinfo/__init__.py'), '');
  writeFileSync(join(dir, 'tzdata/zoneinfo/Area/__init__.py'), '');
  writeFileSync(join(dir, 'tzdata/zoneinfo/Area/City'), Buffer.alloc(1300, 7));
  const file = join(dir, 'tzdata.tar');
  execFileSync('tar', ['--format=ustar', '-cf', file, '-C', dir, '--no-recursion', 'tzdata/__init__.py', 'tzdata/zoneinfo/', 'tzdata/zoneinfo/__init__.py']);
  execFileSync('tar', ['--format=ustar', '-rf', file, '-C', dir, '--no-recursion', 'tzdata/zoneinfo/Area/', 'tzdata/zoneinfo/Area/__init__.py', 'tzdata/zoneinfo/Area/City']);
  return file;
}

test('tarEntries reads the directories and files of a ustar archive, in order, without copying', () => {
  const bytes = readFileSync(archive());
  const entries = tarEntries(bytes);
  assert.deepEqual(
    entries.map(({ name, type, data }) => [name, type, data.length]),
    [
      ['tzdata/__init__.py', 'file', 23],
      ['tzdata/zoneinfo/', 'directory', 0],
      ['tzdata/zoneinfo/__init__.py', 'file', 0],
      ['tzdata/zoneinfo/Area/', 'directory', 0],
      ['tzdata/zoneinfo/Area/__init__.py', 'file', 0],
      ['tzdata/zoneinfo/Area/City', 'file', 1300],
    ],
  );
  assert.equal(entries[5].data.buffer, bytes.buffer);
  assert.throws(() => tarEntries(bytes.subarray(0, 512 + 10)), /^Error: not a tar archive: bad entry "tzdata\/__init__.py"$/);
});

test('installTzdata puts the package in site-packages, where Python imports it and reads its files', async () => {
  const pyodide = await loadPyodide();
  // This archive has no entry for tzdata/ itself (Java's lists every directory before its files).
  pyodide.FS.mkdirTree(`${pyodide.runPython('import site; site.getsitepackages()[0]')}/tzdata`);
  assert.equal(installTzdata(pyodide, archive()), 4);
  const seen = pyodide.runPython(`
import tzdata, importlib.resources as r
f"{tzdata.IANA_VERSION} {r.files('tzdata.zoneinfo.Area').joinpath('City').read_bytes() == bytes([7]) * 1300}"
`);
  assert.equal(seen, '2099z True');
  // A program may write the file as any other: past its end, and in place.
  const rewritten = pyodide.runPython(`
import os
p = os.path.join(os.path.dirname(tzdata.__file__), 'zoneinfo/Area/City')
with open(p, 'r+b') as f:
    f.write(b'ab'); f.seek(0, 2); f.write(b'z')
d = open(p, 'rb').read(); f"{len(d)} {d[:3]} {d[-2:]}"
`);
  assert.equal(rewritten, "1301 b'ab\\x07' b'\\x07z'");
});

test('writeEntries writes every file with FS.writeFile when a node does not read back as given', () => {
  /** @type {string[]} */
  const calls = [];
  const directory = { node_ops: { mknod: (/** @type {any} */ parent, /** @type {string} */ name) => (calls.push(`mknod ${name}`), {}) } };
  const fs = {
    lookupPath: () => ({ node: directory }),
    analyzePath: () => ({ exists: false }),
    mkdir: (/** @type {string} */ path) => (calls.push(`mkdir ${path}`), directory),
    readFile: () => new Uint8Array(0),
    writeFile: (/** @type {string} */ path, /** @type {Uint8Array} */ data) => calls.push(`write ${path} ${data.length}`),
  };
  const data = new Uint8Array([1, 2, 3]);
  const written = writeEntries(fs, '/site', [
    { name: 'tzdata/', type: 'directory', data: new Uint8Array(0) },
    { name: 'tzdata/a', type: 'file', data },
    { name: 'tzdata/b', type: 'file', data },
  ]);
  assert.equal(written, 2);
  assert.deepEqual(calls, ['mkdir /site/tzdata', 'mknod a', 'write /site/tzdata/a 3', 'write /site/tzdata/b 3']);
});
