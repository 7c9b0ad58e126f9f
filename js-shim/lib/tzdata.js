// @ts-check
import { readFileSync } from 'node:fs';

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 *
 * @typedef TarEntry
 * @property {string} name the path inside the archive; a directory's ends with `/`
 * @property {'file' | 'directory'} type
 * @property {Uint8Array} data a file's bytes: a view into the archive, not a copy
 */

const BLOCK = 512;
const decoder = new TextDecoder('latin1');

/**
 * Puts Python's `tzdata` package, which Java makes from the JDK's time-zone rules (a ustar archive
 * of `tzdata/...`: io.mirage4j.tzdata.TzdataPackage), in the interpreter's site-packages, where
 * `zoneinfo` finds it. A memory snapshot holds no file, so this runs at every start.
 *
 * The archive's 1,200 entries are made as MEMFS nodes given the archive's bytes as their contents,
 * which costs a tenth of writing each file through a stream (a few milliseconds instead of tens).
 * That uses MEMFS's node fields (`contents`, `usedBytes`): when the first file does not read back
 * as written, every file is written with `FS.writeFile` instead.
 *
 * @param {PyodideAPI} pyodide
 * @param {string} path the archive
 * @param {(path: string) => Uint8Array} [read]
 * @returns {number} how many files were written
 */
export function installTzdata(pyodide, path, read = readFileSync) {
  const archive = read(path);
  const siteDir = /** @type {string} */ (pyodide.runPython('import site; site.getsitepackages()[0]'));
  const written = writeEntries(/** @type {any} */ (pyodide.FS), siteDir, tarEntries(archive));
  // A finder that listed site-packages within the same clock tick would not see the new package.
  pyodide.runPython('import importlib; importlib.invalidate_caches()');
  return written;
}

/**
 * Makes each entry under `dir`: directories first in the archive's order, as it lists them.
 * @param {any} fs Pyodide's Emscripten filesystem
 * @param {string} dir
 * @param {TarEntry[]} entries
 * @returns {number} the files written
 */
export function writeEntries(fs, dir, entries) {
  let fast = true;
  let checked = false;
  let files = 0;
  for (const { name, type, data } of entries) {
    const path = `${dir}/${name.replace(/\/$/, '')}`;
    if (type === 'directory') {
      if (!fs.analyzePath(path).exists) fs.mkdir(path, 0o755);
      continue;
    }
    files++;
    if (fast) {
      const node = fs.mknod(path, 0o100644, 0);
      node.contents = data;
      node.usedBytes = data.length;
      if (!checked && data.length) {
        checked = true;
        const back = fs.readFile(path);
        if (back.length !== data.length || !back.every((byte, i) => byte === data[i])) fast = false;
      }
      if (fast) continue;
    }
    fs.writeFile(path, data);
  }
  return files;
}

/**
 * The entries of a ustar archive: directories and regular files (other kinds are skipped).
 * @param {Uint8Array} archive
 * @returns {TarEntry[]}
 */
export function tarEntries(archive) {
  const bytes = archive instanceof Buffer ? new Uint8Array(archive.buffer, archive.byteOffset, archive.length) : archive;
  /** @type {TarEntry[]} */
  const entries = [];
  for (let offset = 0; offset + BLOCK <= bytes.length; ) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = field(header, 345, 155) ? `${field(header, 345, 155)}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const flag = String.fromCharCode(header[156]);
    if (Number.isNaN(size) || offset + BLOCK + size > bytes.length) throw new Error(`not a tar archive: bad entry ${JSON.stringify(name)}`);
    const data = bytes.subarray(offset + BLOCK, offset + BLOCK + size);
    if (flag === '5') entries.push({ name, type: 'directory', data });
    else if (flag === '0' || flag === '\0') entries.push({ name, type: 'file', data });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

/**
 * @param {Uint8Array} header
 * @param {number} start
 * @param {number} length
 */
function field(header, start, length) {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
}
