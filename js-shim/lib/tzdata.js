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

/**
 * Puts Python's `tzdata` package, which Java makes from the JDK's time-zone rules (a ustar archive
 * of `tzdata/...`: io.mirage4j.tzdata.TzdataPackage), in the interpreter's site-packages, where
 * `zoneinfo` finds it. A memory snapshot holds no file, so this runs at every start.
 *
 * The archive's 1,200 entries are made as MEMFS nodes given the archive's bytes as their contents,
 * which costs a tenth of writing each file through a stream (a few milliseconds instead of tens).
 * That uses MEMFS's own node functions and fields (`node_ops.mknod`, `contents`, `usedBytes`):
 * when they fail, or the first file does not read back as written, the files from there on are
 * written with `FS.writeFile` instead.
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
  // A finder that listed site-packages within the same millisecond would not see the new package.
  // (importlib.invalidate_caches() would do it too, but imports importlib.metadata: 50 ms.)
  pyodide.runPython(`import sys
finder = sys.path_importer_cache.get(${JSON.stringify(siteDir)})
if finder is not None:
    finder.invalidate_caches()
del finder`);
  return written;
}

/**
 * Makes each entry under `dir`, the archive listing each directory before what it holds.
 * @param {any} fs Pyodide's Emscripten filesystem
 * @param {string} dir
 * @param {TarEntry[]} entries
 * @returns {number} the files written
 */
export function writeEntries(fs, dir, entries) {
  /** @type {Map<string, any>} each directory's node, by its name in the archive */
  const directories = new Map([['', fs.lookupPath(dir).node]]);
  let fast = true;
  let checked = false;
  let files = 0;
  for (const { name, type, data } of entries) {
    const path = `${dir}/${name.replace(/\/$/, '')}`;
    if (type === 'directory') {
      directories.set(name, fs.analyzePath(path).exists ? fs.lookupPath(path).node : fs.mkdir(path, 0o755));
      continue;
    }
    files++;
    const slash = name.lastIndexOf('/');
    const parent = directories.get(name.slice(0, slash + 1));
    if (fast && parent) {
      try {
        const node = parent.node_ops.mknod(parent, name.slice(slash + 1), 0o100644, 0);
        node.contents = data;
        node.usedBytes = data.length;
        if (!checked && data.length) {
          checked = true;
          const back = fs.readFile(path);
          fast = back.length === data.length && back.every((/** @type {number} */ byte, /** @type {number} */ i) => byte === data[i]);
        }
      } catch {
        fast = false;
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
  // An archive ends with empty blocks: a header whose name is empty.
  for (let offset = 0; offset + BLOCK <= bytes.length && bytes[offset] !== 0; ) {
    const header = bytes.subarray(offset, offset + BLOCK);
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const flag = header[156];
    if (Number.isNaN(size) || offset + BLOCK + size > bytes.length) throw new Error(`not a tar archive: bad entry ${JSON.stringify(name)}`);
    const data = bytes.subarray(offset + BLOCK, offset + BLOCK + size);
    if (flag === FLAG_DIRECTORY) entries.push({ name, type: 'directory', data });
    else if (flag === FLAG_FILE || flag === 0) entries.push({ name, type: 'file', data });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

const [FLAG_FILE, FLAG_DIRECTORY] = [0x30, 0x35];

/**
 * @param {Uint8Array} header
 * @param {number} start
 * @param {number} length
 */
function field(header, start, length) {
  let text = '';
  for (let i = start; i < start + length && header[i] !== 0; i++) text += String.fromCharCode(header[i]);
  return text;
}
