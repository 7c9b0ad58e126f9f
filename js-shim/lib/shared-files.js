// @ts-check
// Files every interpreter of a process holds the same bytes of (the standard library's zip, 2.5 MB),
// kept once per process: the main thread reads the file into a SharedArrayBuffer, and each worker's
// MEMFS node points at it instead of a copy of its own. A write to such a file (a program may chmod
// it and write) first gives that interpreter a copy of its own, so no interpreter ever changes what
// another reads.
import { readFileSync } from 'node:fs';

/**
 * The file's bytes in shared memory, to hand to every worker.
 * @param {string} path
 * @returns {Uint8Array}
 */
export function readShared(path) {
  const bytes = readFileSync(path);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
}

/**
 * Points the MEMFS file at `path` at `shared` when it holds the same bytes; returns whether it did.
 * Its own copy is then garbage.
 * @param {any} fs Pyodide's Emscripten filesystem
 * @param {string} path
 * @param {Uint8Array} shared what `readShared` returned in the main thread
 */
export function useShared(fs, path, shared) {
  copyOnWrite(fs);
  let node;
  try {
    node = fs.lookupPath(path).node;
  } catch {
    return false;
  }
  if (!fs.isFile(node.mode) || node.usedBytes !== shared.length) return false;
  const own = node.contents;
  if (!Buffer.from(own.buffer, own.byteOffset, node.usedBytes).equals(shared)) return false;
  node.contents = shared;
  node.sharedContents = true;
  return true;
}

/** The hooked MEMFS stream operations of each filesystem, so that the hook goes on once. */
const hooked = new WeakSet();

/**
 * Before MEMFS writes into a file whose bytes are shared, the file gets a copy of its own.
 * @param {any} fs
 */
function copyOnWrite(fs) {
  const stream = fs.filesystems.MEMFS.ops_table.file.stream;
  if (hooked.has(stream)) return;
  hooked.add(stream);
  const write = stream.write;
  stream.write = (/** @type {any} */ target, /** @type {unknown[]} */ ...rest) => {
    const { node } = target;
    if (node.sharedContents) {
      node.contents = node.contents.slice(0, node.usedBytes);
      delete node.sharedContents;
    }
    return write(target, ...rest);
  };
}
