// @ts-check
// The mounts as the interpreter's filesystem itself sees them, for code behind mounts.py's hooks:
// C code that opens files itself (a native extension), io.FileIO(path), os.open(..., dir_fd=),
// os.truncate. mounts.py routes Python's own file functions; everything else reaches Emscripten's
// MEMFS directly, and there a mount prefix held only what mounts.py had copied in. With these hooks
// on MEMFS's operations, while a call runs:
// - a name MEMFS lacks under a mount is looked up in Java (fs/stat) and made in MEMFS; a file's
//   bytes are read from Java (fs/read) when it is first opened, truncated or mapped, not before;
// - a listing of a mount directory is Java's (fs/list) with what MEMFS holds besides;
// - mkdir, unlink, rmdir and rename reach Java first, and MEMFS changes only when Java agreed; a
//   rename between a mount and anything else is EXDEV;
// - a file opened for writing goes to Java whole (fs/write) at close() and at fsync(), and after a
//   truncate by path; a write to a read-only mount is EROFS at open();
// - Java's refusals become the errno of the operation.
// Java checks every request as it checks mounts.py's: these hooks decide nothing about access.
// mounts.py's own work on its copies runs `quietly`, as do paths sqlite.py keeps in the
// interpreter (a database and its journals), so that nothing reaches Java twice.
import { Methods } from './methods.js';
import { concat } from './output.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const O_ACCMODE = 0o3;

/** Emscripten's errno for each refusal reason of PROTOCOL.md's `data.reason`. */
const ERRNO = /** @type {Record<string, number>} */ ({
  NOT_FOUND: 44,
  NOT_A_DIRECTORY: 54,
  IS_A_DIRECTORY: 31,
  ALREADY_EXISTS: 20,
  NOT_EMPTY: 55,
  READ_ONLY: 69,
  CROSS_DEVICE: 75,
  PERMISSION_DENIED: 2,
  BUSY: 10,
  NO_SPACE: 51,
  NAME_TOO_LONG: 37,
  INVALID_NAME: 25,
  IO_ERROR: 29,
});
const EIO = 29;
const EROFS = 69;
const EXDEV = 75;

/** The interpreter's own directories: no mount owns a path inside them (as in mounts.py). */
const INTERPRETER_DIRS = ['/lib', '/dev', '/proc'];

/**
 * A mount file's whole content, read from Java in as many `fs/read` requests as it takes.
 * @param {(method: string, params: Record<string, unknown>) => any} ask
 * @param {string} path
 * @returns {Uint8Array}
 */
export function readWhole(ask, path) {
  const chunks = [];
  for (let offset = 0, size = 1; offset < size; ) {
    const { data, size: whole } = /** @type {{data: Uint8Array, size: number}} */ (ask(Methods.FS_READ, { path, offset }));
    if (!data.length) break;
    chunks.push(data);
    offset += data.length;
    size = whole;
  }
  return concat(chunks);
}

/**
 * @typedef LiveMounts
 * @property {(mounts: string) => [path: string, errno: number][] | undefined} route begins routing
 *   the call's mounts (`mode:prefix` each, joined by NUL characters), or ("") ends it: files still
 *   open for writing go to Java first; returns the path and errno of each that Java refused, if any
 * @property {<T>(work: () => T) => T} quietly runs `work` with the hooks off
 * @property {() => void} enterQuiet
 * @property {() => void} leaveQuiet
 * @property {(path: string) => void} keepLocal leaves `path` and its SQLite journals to the
 *   interpreter for the rest of the call
 */

/**
 * Puts the hooks on MEMFS's operations (shared by every MEMFS node) for one interpreter.
 * @param {any} fs Pyodide's Emscripten filesystem
 * @param {import('./python.js').AskJava} askJava
 * @returns {LiveMounts}
 */
export function installLiveMounts(fs, askJava) {
  const MEMFS = fs.filesystems.MEMFS;
  const { dir, file } = MEMFS.ops_table;
  const original = {
    lookup: dir.node.lookup,
    mknod: dir.node.mknod,
    unlink: dir.node.unlink,
    rmdir: dir.node.rmdir,
    rename: dir.node.rename,
    readdir: dir.node.readdir,
    getattr: file.node.getattr,
    setattr: file.node.setattr,
  };
  /** @type {{prefix: string, readOnly: boolean}[]} deepest first */
  let mounts = [];
  let quiet = 0;
  /** @type {Set<string>} */
  const local = new Set();

  /**
   * The mount that owns `path` while the hooks are on, else undefined.
   * @param {string} path
   */
  const routed = (path) => {
    if (quiet > 0 || mounts.length === 0 || local.has(path)) return undefined;
    if (INTERPRETER_DIRS.some((d) => path === d || path.startsWith(`${d}/`))) return undefined;
    return mounts.find(({ prefix }) => path === prefix || path.startsWith(prefix === '/' ? '/' : `${prefix}/`));
  };
  /**
   * Java's answer, or the ErrnoError of its refusal.
   * @param {string} method
   * @param {Record<string, unknown>} params
   * @returns {any}
   */
  const ask = (method, params) => {
    try {
      return askJava(method, params);
    } catch (failure) {
      throw new fs.ErrnoError(ERRNO[/** @type {any} */ (failure)?.data?.reason] ?? EIO);
    }
  };
  /**
   * @template T
   * @param {() => T} work
   */
  const quietly = (work) => {
    quiet++;
    try {
      return work();
    } finally {
      quiet--;
    }
  };
  const join = (/** @type {string} */ parent, /** @type {string} */ name) => (parent === '/' ? `/${name}` : `${parent}/${name}`);
  const linked = (/** @type {any} */ node) => node.parent.contents?.[node.name] === node;

  /** Reads the bytes of a file made by `lookup` from Java. */
  const fill = (/** @type {any} */ node) => {
    const contents = readWhole(ask, fs.getPath(node));
    node.contents = contents;
    node.usedBytes = contents.length;
    delete node.pendingSize;
  };
  /** Sends a file's whole content to Java, at `path`. */
  const send = (/** @type {string} */ path, /** @type {any} */ node) => {
    if (node.pendingSize !== undefined) fill(node);
    // MEMFS may hold a file in an Int8Array (a slice of the heap): Java gets bytes.
    const { buffer, byteOffset } = node.contents;
    ask(Methods.FS_WRITE, { path, data: new Uint8Array(buffer, byteOffset, node.usedBytes).slice() });
  };
  /**
   * `send`; when Java refuses, MEMFS forgets the file (the next lookup asks Java again), so that
   * it never holds what the mount does not, and the refusal's ErrnoError is thrown.
   */
  const sendOrForget = (/** @type {string} */ path, /** @type {any} */ node) => {
    try {
      send(path, node);
    } catch (error) {
      if (linked(node)) {
        original.unlink(node.parent, node.name);
        fs.destroyNode(node);
      }
      throw error;
    }
  };
  /** The path a stream opened for writing goes to now, if it still goes to a mount. */
  const writeBackPath = (/** @type {any} */ stream) => {
    if (!stream.writeBack || !linked(stream.node)) return undefined;
    const path = fs.getPath(stream.node);
    return routed(path) ? path : undefined;
  };

  dir.node.lookup = (/** @type {any} */ parent, /** @type {string} */ name) => {
    const path = join(fs.getPath(parent), name);
    if (!routed(path)) return original.lookup(parent, name);
    const info = ask(Methods.FS_STAT, { path });
    const isDir = info.kind === 'directory';
    // The mount's permission bits, with the owner's read and write (and search) added: MEMFS
    // enforces them, and the shell's user is never refused by them on a mount.
    const bits = ((info.mode ?? (isDir ? 0o755 : 0o644)) & 0o7777) | (isDir ? 0o700 : 0o600);
    const node = MEMFS.node_ops.mknod(parent, name, (isDir ? S_IFDIR : S_IFREG) | bits, 0);
    if (!isDir) node.pendingSize = info.size;
    if (typeof info.mtimeMs === 'number') node.atime = node.mtime = node.ctime = info.mtimeMs;
    return node;
  };
  dir.node.mknod = (/** @type {any} */ parent, /** @type {string} */ name, /** @type {number} */ mode, /** @type {number} */ dev) => {
    const path = join(fs.getPath(parent), name);
    const mount = routed(path);
    if (mount?.readOnly) throw new fs.ErrnoError(EROFS);
    if (mount && (mode & S_IFMT) === S_IFDIR) ask(Methods.FS_MKDIR, { path });
    return original.mknod(parent, name, mode, dev);
  };
  dir.node.unlink = (/** @type {any} */ parent, /** @type {string} */ name) => {
    const path = join(fs.getPath(parent), name);
    if (routed(path)) ask(Methods.FS_REMOVE, { path });
    return original.unlink(parent, name);
  };
  dir.node.rmdir = (/** @type {any} */ parent, /** @type {string} */ name) => {
    const path = join(fs.getPath(parent), name);
    if (routed(path)) ask(Methods.FS_RMDIR, { path });
    return original.rmdir(parent, name);
  };
  dir.node.rename = (/** @type {any} */ node, /** @type {any} */ newDir, /** @type {string} */ newName) => {
    const from = fs.getPath(node);
    const to = join(fs.getPath(newDir), newName);
    const [source, target] = [routed(from), routed(to)];
    if (source || target) {
      if (!source || !target) throw new fs.ErrnoError(EXDEV);
      ask(Methods.FS_RENAME, { from, to });
    }
    return original.rename(node, newDir, newName);
  };
  dir.node.readdir = (/** @type {any} */ node) => {
    const names = original.readdir(node);
    const path = fs.getPath(node);
    if (!routed(path)) return names;
    const held = new Set(names);
    for (const entry of ask(Methods.FS_LIST, { path }).entries) if (!held.has(entry.name)) names.push(entry.name);
    return names;
  };
  file.node.getattr = (/** @type {any} */ node) => {
    const attr = original.getattr(node);
    if (node.pendingSize !== undefined) {
      attr.size = node.pendingSize;
      attr.blocks = Math.ceil(attr.size / attr.blksize);
    }
    return attr;
  };
  file.node.setattr = (/** @type {any} */ node, /** @type {any} */ attr) => {
    const path = attr.size !== undefined && linked(node) ? fs.getPath(node) : undefined;
    const mount = path === undefined ? undefined : routed(path);
    if (mount?.readOnly) throw new fs.ErrnoError(EROFS);
    if (attr.size !== undefined && node.pendingSize !== undefined) {
      if (attr.size === 0) delete node.pendingSize;
      else fill(node);
    }
    original.setattr(node, attr);
    if (mount) sendOrForget(/** @type {string} */ (path), node);
  };
  file.stream.open = (/** @type {any} */ stream) => {
    const { node } = stream;
    try {
      if (node.pendingSize !== undefined) fill(node);
      if ((stream.flags & O_ACCMODE) === 0) return;
      const mount = routed(fs.getPath(node));
      if (mount?.readOnly) throw new fs.ErrnoError(EROFS);
      if (mount) stream.writeBack = true;
    } catch (error) {
      // FS.open made the stream before asking: it must not stay open.
      fs.closeStream(stream.fd);
      throw error;
    }
  };
  file.stream.close = (/** @type {any} */ stream) => {
    const path = writeBackPath(stream);
    stream.writeBack = false;
    if (path) sendOrForget(path, stream.node);
  };
  file.stream.fsync = (/** @type {any} */ stream) => {
    const path = writeBackPath(stream);
    if (path) sendOrForget(path, stream.node);
    return 0;
  };

  return {
    route(given) {
      if (given) {
        mounts = given
          .split('\0')
          .map((mount) => {
            const colon = mount.indexOf(':');
            return { prefix: mount.slice(colon + 1), readOnly: mount.slice(0, colon) === 'read' };
          })
          .sort((a, b) => b.prefix.length - a.prefix.length);
        quiet = 0;
        return undefined;
      }
      /** @type {[string, number][]} */
      const refused = [];
      for (const stream of fs.streams) {
        if (!stream) continue;
        const path = writeBackPath(stream);
        stream.writeBack = false;
        if (!path) continue;
        try {
          sendOrForget(path, stream.node);
        } catch (error) {
          refused.push([path, /** @type {any} */ (error).errno ?? EIO]);
        }
      }
      mounts = [];
      local.clear();
      quiet = 0;
      return refused.length > 0 ? refused : undefined;
    },
    quietly,
    enterQuiet: () => void quiet++,
    leaveQuiet: () => void (quiet = Math.max(0, quiet - 1)),
    keepLocal(path) {
      for (const suffix of ['', '-journal', '-wal', '-shm']) local.add(path + suffix);
    },
  };
}
