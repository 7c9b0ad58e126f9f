// @ts-check
import { readFileSync } from 'node:fs';

/**
 * What starts a snapshot file: this line, then the key line, then Pyodide's memory snapshot. A
 * file whose key is not the one asked for is refused unread, so a snapshot from another Pyodide or
 * another js-shim is never loaded.
 */
const MAGIC = 'mirage4j-snapshot 1\n';

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 * @typedef {(options: Record<string, unknown>) => Promise<PyodideAPI>} LoadPyodide
 *
 * @typedef {(pyodide: PyodideAPI) => void} Prepare runs code whose result belongs in the snapshot;
 *   it must leave no JavaScript object referenced from Python
 *
 * @typedef Started
 * @property {PyodideAPI} pyodide an interpreter that has run `prepare`, or was restored from a
 *   snapshot made after it
 * @property {string} snapshot how it started: `loaded` from the snapshot file, `made` one (Java
 *   stores `made`), or `none` when no snapshot was asked for; `refused: <reason>` follows `made` when
 *   the file was there but could not be used
 * @property {Uint8Array | undefined} made a snapshot file for Java to store, with its header
 */

/**
 * Starts Pyodide from the memory snapshot at `path` when it has `key`, which takes about a tenth
 * of a full load; otherwise loads it fully and makes a snapshot of the fresh interpreter for the
 * next start. Either way the interpreter is in the same state: the snapshot is taken right after
 * `prepare` ran, before anything else.
 *
 * @param {LoadPyodide} loadPyodide
 * @param {Record<string, unknown>} options loadPyodide's options
 * @param {{path?: string, key?: string, memory?: Uint8Array}} snapshot where the snapshot file is,
 *   and the key it must have; or `memory`, a snapshot already read (readSnapshot's)
 * @param {Prepare} prepare
 * @param {(path: string) => Uint8Array} [read]
 * @returns {Promise<Started>}
 */
export async function startPyodide(loadPyodide, options, { path, key, memory }, prepare, read = readFileSync) {
  if (memory) {
    return { pyodide: await loadPyodide({ ...options, _loadSnapshot: memory }), snapshot: 'loaded', made: undefined };
  }
  if (!path || !key) {
    const pyodide = await loadPyodide(options);
    prepare(pyodide);
    return { pyodide, snapshot: 'none', made: undefined };
  }
  const found = readSnapshot(path, key, read);
  if (found.memory) {
    return { pyodide: await loadPyodide({ ...options, _loadSnapshot: found.memory }), snapshot: 'loaded', made: undefined };
  }
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
  prepare(pyodide);
  const made = withHeader(key, pyodide.makeMemorySnapshot());
  return { pyodide, snapshot: found.refused ? `made; refused: ${found.refused}` : 'made', made };
}

/**
 * @param {string} path
 * @param {string} key
 * @param {(path: string) => Uint8Array} read
 * @returns {{memory?: Uint8Array, refused?: string}} the snapshot's memory, or why there is none
 *   (nothing when there is no file)
 */
export function readSnapshot(path, key, read) {
  let file;
  try {
    file = read(path);
  } catch (error) {
    const code = /** @type {{code?: string}} */ (error).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? {} : { refused: `unreadable (${code ?? /** @type {Error} */ (error).message})` };
  }
  const header = headerOf(key);
  const found = Buffer.from(file.subarray(0, header.length));
  if (!found.equals(header)) {
    const [magic, other] = found.toString('latin1').split('\n');
    return { refused: `${magic}\n` === MAGIC ? `made for ${JSON.stringify(other.trimEnd())}, not ${key}` : 'not a snapshot file' };
  }
  // The header keeps the memory aligned in the file; a copy only where the file itself is not.
  const memory = file.subarray(header.length);
  return { memory: memory.byteOffset % 8 === 0 ? memory : new Uint8Array(memory) };
}

/**
 * @param {string} key
 * @param {Uint8Array} memory
 */
export function withHeader(key, memory) {
  const header = headerOf(key);
  const file = new Uint8Array(header.length + memory.length);
  file.set(header);
  file.set(memory, header.length);
  return file;
}

/**
 * What a snapshot file starts with: the magic line, then the key it was made for.
 * @param {string} key
 */
function headerOf(key) {
  // Padded to a multiple of 8 bytes: Pyodide 314 reads the memory after it through typed arrays of
  // 4-byte words, so it must start at an aligned offset.
  const line = `${MAGIC}${key}`;
  return new TextEncoder().encode(`${line}${' '.repeat((8 - ((line.length + 1) % 8)) % 8)}\n`);
}
