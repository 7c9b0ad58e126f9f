// @ts-check
// Slow: starts the real sidecar (Node + Pyodide) and plays Java's side of the fs/* requests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameDecoder } from '../lib/framing.js';
import { Methods } from '../lib/methods.js';
import { NO_FLAGS, NO_LIMITS } from './flags.js';

const SHIM_DIR = fileURLToPath(new URL('..', import.meta.url));
const NODE_WITHOUT_JSPI = '/usr/bin/node';
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const MAX_CHUNK = 64 << 20;
const MTIME_MS = 1_700_000_000_123;
/** The interpreter each test's sidecar starts: every call names it, and so does every message Node sends about a call. */
const INTERPRETER = 1;

/** @type {Readonly<import('../lib/python.js').Flags>} */

/** @type {Record<string, 'read' | 'write' | 'exec'>} */
const MODES = { '/data': 'exec', '/data/inner': 'write', '/other': 'write', '/ro': 'read' };

/** @type {Record<string, string>} */
const POSIX_TEXT = {
  NOT_FOUND: 'No such file or directory',
  NOT_A_DIRECTORY: 'Not a directory',
  IS_A_DIRECTORY: 'Is a directory',
  ALREADY_EXISTS: 'File exists',
  NOT_EMPTY: 'Directory not empty',
  READ_ONLY: 'Read-only file system',
  CROSS_DEVICE: 'Invalid cross-device link',
};

/** A refusal, answered as PROTOCOL.md says: code by reason, POSIX text, data {reason, path}. */
class Refusal extends Error {
  /**
   * @param {string} reason
   * @param {string} path
   */
  constructor(reason, path) {
    super(POSIX_TEXT[reason]);
    this.code = reason === 'NOT_FOUND' ? -32001 : reason === 'READ_ONLY' ? -32002 : -32005;
    this.data = { reason, path };
  }
}

/**
 * @typedef {{kind: 'file' | 'directory', data: Buffer, mtimeMs: number, mode?: number}} Node
 * @typedef {Record<string, any>} Params
 */

/** Java's side of the mounts: a tree of files in memory, answering fs/* per PROTOCOL.md. */
class JavaMounts {
  /** @type {Map<string, Node>} */
  nodes = new Map();
  /** @type {string[]} each request as "method path" */
  requests = [];

  /** @param {Record<string, 'read' | 'write' | 'exec'>} modes by prefix */
  constructor(modes) {
    this.modes = modes;
  }

  /** The `mounts` param of python/run. */
  get mountList() {
    return Object.entries(this.modes).map(([prefix, mode]) => ({ prefix, mode }));
  }

  /**
   * Replaces the whole tree and forgets the requests seen so far.
   * @param {Record<string, string | Buffer | null>} files content by path; null makes a directory
   */
  load(files) {
    this.nodes.clear();
    this.requests.length = 0;
    for (const [path, content] of Object.entries(files)) {
      if (content === null) this.makeDirs(path);
      else this.put(path, content);
    }
  }

  /**
   * @param {string} path
   * @param {string | Buffer} content
   */
  put(path, content, mtimeMs = MTIME_MS) {
    this.makeDirs(posix.dirname(path));
    this.nodes.set(path, { kind: 'file', data: Buffer.from(content), mtimeMs });
  }

  /** @param {string} path */
  makeDirs(path) {
    for (let dir = path; !this.node(dir); dir = posix.dirname(dir)) {
      this.nodes.set(dir, { kind: 'directory', data: Buffer.alloc(0), mtimeMs: MTIME_MS });
    }
  }

  /** @param {string} path */
  text(path) {
    const node = this.nodes.get(path);
    return node && (node.kind === 'file' ? node.data.toString() : 'directory');
  }

  /** @param {string} path */
  node(path) {
    if (Object.hasOwn(this.modes, path) || path === '/') {
      return /** @type {Node} */ ({ kind: 'directory', data: Buffer.alloc(0), mtimeMs: MTIME_MS });
    }
    return this.nodes.get(path);
  }

  /** @param {string} path */
  owner(path) {
    const prefixes = Object.keys(this.modes).sort((a, b) => b.length - a.length);
    return prefixes.find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  }

  /** @param {string} path */
  existing(path) {
    const node = this.node(path);
    if (!node) throw new Refusal('NOT_FOUND', path);
    return node;
  }

  /** @param {string} path */
  directory(path) {
    if (this.existing(path).kind !== 'directory') throw new Refusal('NOT_A_DIRECTORY', path);
  }

  /** @param {string} path */
  writable(path) {
    if (this.modes[this.owner(path) ?? ''] === 'read') throw new Refusal('READ_ONLY', path);
  }

  /** @param {string} path */
  children(path) {
    const paths = new Set([...this.nodes.keys(), ...Object.keys(this.modes)]);
    return [...paths].filter((child) => child !== path && posix.dirname(child) === path);
  }

  /**
   * @param {string} method
   * @param {Params} params
   */
  answer(method, params) {
    this.requests.push(`${method} ${params.path ?? `${params.from} -> ${params.to}`}`);
    const handler = this.handlers[method];
    if (!handler) throw new Error(`unexpected request ${method}`);
    return handler.call(this, params);
  }

  /** @type {Record<string, (this: JavaMounts, params: Params) => unknown>} */
  handlers = {
    [Methods.FS_STAT]({ path }) {
      const { kind, data, mtimeMs, mode } = this.existing(path);
      return { kind, size: data.length, mtimeMs, mode: mode ?? defaultMode(kind) };
    },
    [Methods.FS_LIST]({ path }) {
      this.directory(path);
      const entries = this.children(path).map((child) => {
        const { kind, data, mtimeMs, mode } = /** @type {Node} */ (this.node(child));
        return { name: posix.basename(child), kind, size: data.length, mtimeMs, mode: mode ?? defaultMode(kind) };
      });
      return { entries };
    },
    [Methods.FS_READ]({ path, offset = 0, length = MAX_CHUNK }) {
      const { kind, data } = this.existing(path);
      if (kind === 'directory') throw new Refusal('IS_A_DIRECTORY', path);
      // A plain Uint8Array: encodeFrame would turn a Buffer into JSON numbers before seeing it.
      const chunk = data.subarray(offset, offset + length);
      return { data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length), size: data.length };
    },
    [Methods.FS_WRITE]({ path, data }) {
      this.writable(path);
      this.directory(posix.dirname(path));
      if (this.node(path)?.kind === 'directory') throw new Refusal('IS_A_DIRECTORY', path);
      this.put(path, Buffer.from(data), Date.now());
      return {};
    },
    [Methods.FS_MKDIR]({ path }) {
      this.writable(path);
      if (this.node(path)) throw new Refusal('ALREADY_EXISTS', path);
      this.directory(posix.dirname(path));
      this.makeDirs(path);
      return {};
    },
    [Methods.FS_REMOVE]({ path }) {
      this.writable(path);
      if (this.existing(path).kind === 'directory') throw new Refusal('IS_A_DIRECTORY', path);
      this.nodes.delete(path);
      return {};
    },
    [Methods.FS_RMDIR]({ path }) {
      this.writable(path);
      this.directory(path);
      if (this.children(path).length > 0) throw new Refusal('NOT_EMPTY', path);
      this.nodes.delete(path);
      return {};
    },
    [Methods.FS_RENAME]({ from, to }) {
      if (this.owner(from) !== this.owner(to)) throw new Refusal('CROSS_DEVICE', from);
      this.writable(from);
      this.existing(from);
      this.directory(posix.dirname(to));
      for (const [path, node] of [...this.nodes]) {
        if (path === from || path.startsWith(`${from}/`)) {
          this.nodes.delete(path);
          this.nodes.set(to + path.slice(from.length), node);
        }
      }
      return {};
    },
    [Methods.FS_CHMOD]({ path, mode }) {
      this.writable(path);
      this.existing(path).mode = mode;
      return {};
    },
  };
}

/**
 * The mode Java reports for an entry whose resource keeps none.
 * @param {'file' | 'directory'} kind
 */
function defaultMode(kind) {
  return kind === 'directory' ? 0o755 : 0o644;
}

/**
 * Starts the sidecar with `node` and connects it to `java`.
 * @param {string} node
 * @param {string[]} nodeOptions
 * @param {JavaMounts} java
 */
function startSidecar(node, nodeOptions, java) {
  const child = spawn(node, [...nodeOptions, 'index.js'], { cwd: SHIM_DIR, env: {}, stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {Buffer[]} */
  const diagnostics = [];
  child.stderr.on('data', (chunk) => diagnostics.push(chunk));
  const decoder = new FrameDecoder();
  /** @type {Map<unknown, {resolve: (result: any) => void, reject: (error: Error) => void}>} */
  const waiting = new Map();
  let nextId = 1;
  /** @type {Params[]} the $/output of the call in flight */
  let streamed = [];
  /** @type {(params: unknown) => void} */
  let onReady = () => {};
  /** @type {string[]} the messages about a call that did not name INTERPRETER */
  const misrouted = [];
  // The sidecar is ready once it announced itself and started the interpreter.
  const ready = new Promise((resolve) => (onReady = resolve)).then(() =>
    request(Methods.INTERPRETER_START, { interpreter: INTERPRETER }),
  );

  child.stdout.on('data', (chunk) => {
    for (const message of decoder.push(chunk)) receive(/** @type {Params} */ (message));
  });

  /** @param {Params} message */
  function receive(message) {
    if (message.method && message.method !== Methods.READY && message.params?.interpreter !== INTERPRETER) {
      misrouted.push(`${message.method} ${JSON.stringify(message.params)}`);
    }
    if (message.method === Methods.READY) {
      onReady(message.params);
    } else if (message.method === Methods.RUNNING) {
      // A program started: nothing to answer.
    } else if (message.method === Methods.OUTPUT) {
      streamed.push(message.params);
    } else if (message.method) {
      child.stdin.write(encodeFrame(answer(message)));
    } else {
      const request = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) request?.reject(Object.assign(new Error(message.error.message), message.error));
      else request?.resolve(message.result);
    }
  }

  /** @param {Params} request */
  function answer({ id, method, params: { interpreter, ...params } }) {
    try {
      return { jsonrpc: '2.0', id, result: java.answer(method, params) };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, data: error.data } };
    }
  }

  /**
   * @param {string} method
   * @param {Params} params
   */
  function request(method, params) {
    const id = nextId++;
    child.stdin.write(encodeFrame({ jsonrpc: '2.0', id, method, params }));
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  }

  /**
   * Runs `code` as `python3 -c code`, or the given program.
   * @param {string} code
   * @param {{cwd?: string, program?: Params, argv?: string[]}} [options]
   * @returns {Promise<{exitCode: number, stdout: string, stderr: string}>}
   */
  async function run(code, { cwd = '/data', program = { kind: 'command', code }, argv = ['-c'] } = {}) {
    const params = {
      interpreter: INTERPRETER,
      program,
      argv,
      path0: '',
      label: 'python3',
      flags: NO_FLAGS,
      cwd,
      mounts: java.mountList,
      env: {},
      stdin: Buffer.alloc(0),
      ...NO_LIMITS,
    };
    streamed = [];
    const result = await request(Methods.PYTHON_RUN, params);
    // What $/output carried while the program ran comes first; the result has the rest.
    const whole = (/** @type {string} */ name) => [...streamed, result].map((part) => UTF8.decode(part[name])).join('');
    return { exitCode: result.exitCode, stdout: whole('stdout'), stderr: whole('stderr') };
  }

  async function shutdown() {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await request(Methods.SHUTDOWN, {});
    assert.equal(await exited, 0);
    assert.deepEqual(misrouted, [], 'messages about a call that did not name its interpreter');
    return Buffer.concat(diagnostics).toString();
  }

  return { child, ready, run, shutdown };
}

/** @param {string[]} lines */
const python = (...lines) => lines.join('\n');

/** @param {string} stdout */
const printed = (stdout) => ({ exitCode: 0, stdout, stderr: '' });

/**
 * @param {() => Promise<void>} action
 * @returns {Promise<number>} how long the action took, in seconds
 */
async function timed(action) {
  const start = performance.now();
  await action();
  return (performance.now() - start) / 1000;
}

test('slow: Python reads and writes the mounts through Java', { timeout: 60_000 }, async (t) => {
  const java = new JavaMounts(MODES);
  const sidecar = startSidecar(process.execPath, [], java);
  t.after(() => sidecar.child.kill());
  await sidecar.ready;
  const { run } = sidecar;

  await t.test('a program that only prints sends no fs request', async () => {
    java.load({ '/data/a.txt': 'a' });
    assert.deepEqual(await run('print("hi")'), printed('hi\n'));
    assert.deepEqual(java.requests, []);
  });

  await t.test('reads text, bytes and JSON, fetching each file once', async () => {
    java.load({ '/data/a.txt': 'héllo\nwörld\n', '/data/b.bin': Buffer.from([0, 255, 10, 13]), '/data/c.json': '{"k": [1, 2]}' });
    const code = python(
      'import json',
      'print(repr(open("/data/a.txt").read()), open("a.txt").readlines())',
      'with open("b.bin", "rb") as f: print(f.read())',
      'print(json.load(open("c.json")))',
    );
    assert.deepEqual(await run(code), printed("'héllo\\nwörld\\n' ['héllo\\n', 'wörld\\n']\nb'\\x00\\xff\\n\\r'\n{'k': [1, 2]}\n"));
    assert.deepEqual(java.requests, [
      'fs/stat /data/a.txt',
      'fs/read /data/a.txt',
      'fs/stat /data/b.bin',
      'fs/read /data/b.bin',
      'fs/stat /data/c.json',
      'fs/read /data/c.json',
    ]);
  });

  await t.test('a module run with -m opens the mount file named on its command line', async () => {
    java.load({ '/data/in.json': '[1]' });
    const options = { program: { kind: 'module', name: 'json.tool' }, argv: ['-m', 'in.json'] };
    assert.deepEqual(await run('', options), printed('[\n    1\n]\n'));
  });

  await t.test('writes reach Java when the file is closed, whole', async () => {
    java.load({ '/data/log.txt': 'one\n', '/data/digits.txt': '0123456789', '/data/old.txt': 'old' });
    const code = python(
      'f = open("/data/new.txt", "w")',
      'f.write("draft")',
      'f.flush()',
      'import os',
      'print(os.path.getsize("new.txt"))',
      'f.write(" final")',
      'f.close()',
      'with open("log.txt", "a") as f: print(f.tell()); f.write("two\\n")',
      'with open("digits.txt", "r+") as f: f.seek(2); f.write("ab"); f.seek(0); print(f.read())',
      'with open("x.bin", "xb") as f: f.write(b"\\x00\\x01")',
      'try:',
      '    open("old.txt", "x")',
      'except FileExistsError as e:',
      '    print(e)',
      'with open("old.txt", "w+") as f: f.write("new"); f.seek(0); print(f.read())',
      'open("oneliner.txt", "w").write("gc closes me")',
      'left_open = open("left.txt", "w")',
      'left_open.write("closed at exit")',
    );
    assert.deepEqual(await run(code), printed("5\n4\n01ab456789\n[Errno 20] File exists: 'old.txt'\nnew\n"));
    assert.deepEqual(
      ['new.txt', 'log.txt', 'digits.txt', 'x.bin', 'old.txt', 'oneliner.txt', 'left.txt'].map((name) => java.text(`/data/${name}`)),
      ['draft final', 'one\ntwo\n', '01ab456789', '\0\x01', 'new', 'gc closes me', 'closed at exit'],
    );
    assert.deepEqual(
      java.requests.filter((request) => request.startsWith('fs/write')),
      ['new.txt', 'log.txt', 'digits.txt', 'x.bin', 'old.txt', 'oneliner.txt', 'left.txt'].map((name) => `fs/write /data/${name}`),
    );
  });

  await t.test('files written through os.open, os.fdopen and tempfile reach Java when closed', async () => {
    java.load({ '/data/keep.txt': 'kept' });
    const code = python(
      'import os, tempfile',
      'fd = os.open("/data/fd.txt", os.O_CREAT | os.O_WRONLY)',
      'os.write(fd, b"via fd")',
      'os.close(fd)',
      'fd = os.open("keep.txt", os.O_WRONLY | os.O_APPEND)',
      'with os.fdopen(fd, "a") as f: f.write(" and more")',
      'with tempfile.NamedTemporaryFile("w", dir="/data", delete=False) as t: t.write("temp")',
      'print(open(t.name).read(), os.path.basename(t.name) in os.listdir())',
      'with tempfile.TemporaryDirectory(dir="/data") as d: open(os.path.join(d, "q"), "w").write("q"); print(os.listdir(d))',
      'print(os.path.exists(d))',
    );
    assert.deepEqual(await run(code), printed("temp True\n['q']\nFalse\n"));
    assert.deepEqual([java.text('/data/fd.txt'), java.text('/data/keep.txt')], ['via fd', 'kept and more']);
  });

  await t.test('os.listdir, scandir, walk and stat see the mount as Java lists it', async () => {
    java.load({ '/data/d/x.txt': 'xx', '/data/d/sub/y.txt': 'yyy', '/data/d/empty': null });
    const code = python(
      'import os',
      'print(sorted(os.listdir("/data/d")), sorted(os.listdir(b"d")))',
      'with os.scandir("d") as it:',
      '    for e in sorted(it, key=lambda e: e.name): print(e, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.stat().st_size)',
      'for top, dirs, files in sorted(os.walk("/data/d")): print(top, sorted(dirs), sorted(files))',
      's = os.stat("d/x.txt")',
      'print(s.st_size, s.st_mtime_ns, s.st_mtime, oct(s.st_mode), os.stat("d").st_mode == 0o40755)',
      'print(os.path.exists("d/x.txt"), os.path.exists("d/nope"), os.path.isdir("d"), os.path.isfile("d"), os.path.isfile("d/x.txt"))',
      'print(os.path.ismount("/data"), os.path.ismount("/data/d"), os.path.samefile("d/x.txt", "/data/d/../d/x.txt"))',
    );
    assert.deepEqual(
      await run(code),
      printed(
        "['empty', 'sub', 'x.txt'] [b'empty', b'sub', b'x.txt']\n" +
          '<DirEntry \'empty\'> d/empty True False False 0\n<DirEntry \'sub\'> d/sub True False False 0\n' +
          "<DirEntry 'x.txt'> d/x.txt False True False 2\n" +
          "/data/d ['empty', 'sub'] ['x.txt']\n/data/d/empty [] []\n/data/d/sub [] ['y.txt']\n" +
          `2 ${MTIME_MS}000000 ${MTIME_MS / 1000} 0o100644 True\n` +
          'True False True False True\nTrue False True\n',
      ),
    );
  });

  await t.test('pathlib reads, writes, lists and globs', async () => {
    java.load({ '/data/p/a.txt': 'A', '/data/p/q/b.txt': 'B', '/data/p/c.md': 'C' });
    const code = python(
      'from pathlib import Path',
      'p = Path("p")',
      'print(p.joinpath("a.txt").read_text(), (p / "q" / "b.txt").read_bytes())',
      'print((p / "w.txt").write_text("written"), (p / "w.txt").read_text())',
      'print(sorted(str(c) for c in p.iterdir()))',
      'print(sorted(str(c) for c in p.glob("*.txt")), sorted(str(c) for c in Path("/data").rglob("b.txt")))',
      'print(p.is_dir(), (p / "a.txt").is_file(), (p / "zz").exists(), (p / "a.txt").stat().st_size)',
      '(p / "n" / "m").mkdir(parents=True)',
      '(p / "t.txt").touch()',
      '(p / "a.txt").unlink()',
      'print(sorted(c.name for c in p.iterdir()))',
    );
    assert.deepEqual(
      await run(code),
      printed(
        "A b'B'\n7 written\n['p/a.txt', 'p/c.md', 'p/q', 'p/w.txt']\n['p/a.txt', 'p/w.txt'] ['/data/p/q/b.txt']\n" +
          "True True False 1\n['c.md', 'n', 'q', 't.txt', 'w.txt']\n",
      ),
    );
    assert.deepEqual([java.text('/data/p/w.txt'), java.text('/data/p/t.txt'), java.text('/data/p/n/m')], ['written', '', 'directory']);
  });

  await t.test('glob.glob matches against the mount', async () => {
    java.load({ '/data/g/a.txt': '', '/data/g/b.txt': '', '/data/g/c.md': '', '/data/g/s/d.txt': '' });
    const code = 'import glob; print(sorted(glob.glob("/data/g/*.txt")), sorted(glob.glob("g/**/*.txt", recursive=True)))';
    assert.deepEqual(await run(code), printed("['/data/g/a.txt', '/data/g/b.txt'] ['g/a.txt', 'g/b.txt', 'g/s/d.txt']\n"));
  });

  await t.test('shutil copies, moves and removes trees on the mounts', async () => {
    java.load({ '/data/src/a.txt': 'a', '/data/src/s/b.txt': 'b', '/data/f.txt': 'f' });
    const code = python(
      'import shutil',
      'print(shutil.copy("f.txt", "src"), shutil.copyfile("f.txt", "g.txt"))',
      'print(shutil.copytree("src", "/data/dst"))',
      'print(shutil.move("g.txt", "/other/g.txt"))',
      'shutil.rmtree("src")',
      'print(shutil.rmtree.avoids_symlink_attacks)',
    );
    assert.deepEqual(await run(code), printed('src/f.txt g.txt\n/data/dst\n/other/g.txt\nTrue\n'));
    assert.deepEqual(
      ['/data/dst/a.txt', '/data/dst/s/b.txt', '/data/dst/f.txt', '/other/g.txt', '/data/g.txt', '/data/src'].map((path) => java.text(path)),
      ['a', 'b', 'f', 'f', undefined, undefined],
    );
  });

  await t.test('mkdir, makedirs, remove, rmdir, rename and replace reach Java at once, in order', async () => {
    java.load({ '/data/a.txt': 'a', '/data/b.txt': 'b' });
    const code = python(
      'import os',
      'os.makedirs("m/n")',
      'os.rename("a.txt", "m/n/a.txt")',
      'print(open("m/n/a.txt").read())',
      'os.replace("m/n/a.txt", "b.txt")',
      'print(open("b.txt").read())',
      'os.remove("b.txt")',
      'os.rmdir("m/n")',
      'os.mkdir("k")',
      'print(sorted(os.listdir()))',
    );
    assert.deepEqual(await run(code), printed("a\na\n['inner', 'k', 'm']\n"));
    assert.deepEqual(java.requests, [
      'fs/stat /data/m',
      'fs/mkdir /data/m',
      'fs/mkdir /data/m/n',
      'fs/rename /data/a.txt -> /data/m/n/a.txt',
      'fs/stat /data/m/n/a.txt',
      'fs/read /data/m/n/a.txt',
      'fs/rename /data/m/n/a.txt -> /data/b.txt',
      'fs/remove /data/b.txt',
      'fs/rmdir /data/m/n',
      'fs/mkdir /data/k',
      'fs/list /data',
    ]);
  });

  await t.test('nested mounts: listings show the inner mount, the inner mount owns its paths', async () => {
    java.load({ '/data/top.txt': 't', '/data/inner/in.txt': 'i' });
    const code = python(
      'import os',
      'print(sorted(os.listdir("/data")), os.listdir("/data/inner"), sorted(n for n in os.listdir("/") if n in ("data", "ro", "other")))',
      'open("/data/inner/new.txt", "w").write("n")',
      'print(open("/data/inner/in.txt").read(), os.path.ismount("/data/inner"))',
    );
    assert.deepEqual(await run(code), printed("['inner', 'top.txt'] ['in.txt'] ['data', 'other', 'ro']\ni True\n"));
    assert.equal(java.text('/data/inner/new.txt'), 'n');
  });

  await t.test('relative paths resolve against a working directory under a mount', async () => {
    java.load({ '/data/w/deep/f.txt': 'deep', '/data/top.txt': 'top' });
    const code = python(
      'import os',
      'print(os.getcwd(), open("f.txt").read(), open("../../top.txt").read())',
      'os.chdir("/data")',
      'print(open("w/deep/f.txt").read())',
    );
    assert.deepEqual(await run(code, { cwd: '/data/w/deep' }), printed('/data/w/deep deep top\ndeep\n'));
  });

  await t.test('a path is normalised before choosing its mount: /data/../tmp/x is not under /data', async () => {
    java.load({});
    const code = python(
      'open("/data/../tmp/x", "w").write("memfs")',
      'print(open("/tmp/x").read())',
      'try:',
      '    open("/data/../etc/x")',
      'except OSError as e:',
      '    print(e)',
    );
    assert.deepEqual(await run(code), printed("memfs\n[Errno 44] No such file or directory: '/data/../etc/x'\n"));
    assert.deepEqual(java.requests, []);
  });

  await t.test('a mount at / owns every path but the interpreter\'s own directories', async (t) => {
    const modes = java.modes;
    t.after(() => (java.modes = modes));
    java.modes = { '/': 'write' };
    java.load({ '/x.txt': 'x', '/tmp': null });
    const code = python(
      'import os, json, sys',
      'print(open("x.txt").read(), sorted(os.listdir("/")), os.path.isfile("/lib/python%d%d.zip" % sys.version_info[:2]), json.dumps(1))',
      'open("/tmp/t.txt", "w").write("t")',
    );
    assert.deepEqual(await run(code, { cwd: '/' }), printed("x ['tmp', 'x.txt'] True 1\n"));
    assert.equal(java.text('/tmp/t.txt'), 't');
    assert.deepEqual(java.requests, ['fs/stat /x.txt', 'fs/read /x.txt', 'fs/list /', 'fs/stat /tmp', 'fs/write /tmp/t.txt']);
  });

  await t.test('refusals raise the OSError CPython raises, naming the path as given', async () => {
    java.load({ '/ro/r.txt': 'r', '/data/d/x': 'x', '/data/f': 'f' });
    const code = python(
      'import os',
      'for action in (',
      '    lambda: open("/ro/x", "w"),',
      '    lambda: open("/ro/r.txt", "a"),',
      '    lambda: os.mkdir("/ro/dir"),',
      '    lambda: os.remove("/ro/r.txt"),',
      '    lambda: open("nope.txt"),',
      '    lambda: open("nodir/x.txt", "w"),',
      '    lambda: open("f/x.txt", "w"),',
      '    lambda: open("d"),',
      '    lambda: os.rmdir("d"),',
      '    lambda: os.remove("d"),',
      '    lambda: os.mkdir("d"),',
      '    lambda: os.listdir("f"),',
      '    lambda: os.chdir("f"),',
      '):',
      '    try:',
      '        action()',
      '    except OSError as e:',
      '        print(type(e).__name__, e)',
      'print(open("/ro/r.txt").read())',
    );
    assert.deepEqual(
      await run(code),
      printed(
        [
          "OSError [Errno 69] Read-only file system: '/ro/x'",
          "OSError [Errno 69] Read-only file system: '/ro/r.txt'",
          "OSError [Errno 69] Read-only file system: '/ro/dir'",
          "OSError [Errno 69] Read-only file system: '/ro/r.txt'",
          "FileNotFoundError [Errno 44] No such file or directory: 'nope.txt'",
          "FileNotFoundError [Errno 44] No such file or directory: 'nodir/x.txt'",
          "NotADirectoryError [Errno 54] Not a directory: 'f/x.txt'",
          "IsADirectoryError [Errno 31] Is a directory: 'd'",
          "OSError [Errno 55] Directory not empty: 'd'",
          "IsADirectoryError [Errno 31] Is a directory: 'd'",
          "FileExistsError [Errno 20] File exists: 'd'",
          "NotADirectoryError [Errno 54] Not a directory: 'f'",
          "NotADirectoryError [Errno 54] Not a directory: 'f'",
          'r',
          '',
        ].join('\n'),
      ),
    );
    assert.equal(java.requests.filter((request) => request.startsWith('fs/write')).length, 0);
  });

  await t.test('an uncaught refusal is reported without the shim\'s frames', async () => {
    java.load({});
    assert.deepEqual(await run('open("/ro/x", "w")'), {
      exitCode: 1,
      stdout: '',
      stderr:
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n' +
        '    open("/ro/x", "w")\n    ~~~~^^^^^^^^^^^^^^\n' +
        "OSError: [Errno 69] Read-only file system: '/ro/x'\n",
    });
  });

  await t.test('a rename across two mounts raises EXDEV and changes nothing', async () => {
    java.load({ '/data/a.txt': 'a' });
    const code = python(
      'import os',
      'for src, dst in (("/data/a.txt", "/other/a.txt"), ("/data/a.txt", "/tmp/a.txt")):',
      '    try:',
      '        os.rename(src, dst)',
      '    except OSError as e:',
      '        print(e.errno, e)',
      'print(os.listdir("/data"), os.listdir("/other"), os.path.exists("/tmp/a.txt"))',
    );
    assert.deepEqual(
      await run(code),
      printed(
        "75 [Errno 75] Invalid cross-device link: '/data/a.txt' -> '/other/a.txt'\n" +
          "75 [Errno 75] Invalid cross-device link: '/data/a.txt' -> '/tmp/a.txt'\n['a.txt', 'inner'] [] False\n",
      ),
    );
    assert.deepEqual([...java.nodes.keys()], ['/data/a.txt']);
  });

  await t.test('stat, scandir and access show the mode Java reports; chmod sets it through Java', async () => {
    java.load({ '/data/run.sh': 'echo hi', '/data/plain': 'x' });
    java.existing('/data/run.sh').mode = 0o750;
    const code = python(
      'import os',
      'print(oct(os.stat("run.sh").st_mode), oct(os.stat("plain").st_mode), os.access("run.sh", os.X_OK), os.access("plain", os.X_OK))',
      'print(sorted((e.name, oct(e.stat().st_mode)) for e in os.scandir(".")))',
      'os.chmod("plain", 0o100711)',
      'print(oct(os.stat("plain").st_mode), os.access("plain", os.X_OK), os.access("missing", os.F_OK))',
    );
    assert.deepEqual(
      await run(code),
      printed(
        "0o100750 0o100644 True False\n[('inner', '0o40755'), ('plain', '0o100644'), ('run.sh', '0o100750')]\n" +
          '0o100711 True False\n',
      ),
    );
    assert.equal(java.existing('/data/plain').mode, 0o711);
    assert.ok(java.requests.includes('fs/chmod /data/plain'));
  });

  await t.test('code behind the hooks (io.FileIO, dir_fd, os.truncate) reads the live mount, fetching a file when opened', async () => {
    java.load({ '/data/f.txt': 'live', '/data/sub/g.txt': 'deep', '/data/big.txt': 'x'.repeat(1000) });
    const code = python(
      'import io, os',
      'print(io.FileIO("/data/f.txt").read())',
      'd = os.open("/data/sub", os.O_RDONLY)',
      'print(os.read(os.open("g.txt", os.O_RDONLY, dir_fd=d), 10), sorted(os.listdir(d)))',
      'print(os.stat("big.txt", dir_fd=os.open("/data", os.O_RDONLY)).st_size)',
    );
    assert.deepEqual(await run(code), printed("b'live'\nb'deep' ['g.txt']\n1000\n"));
    // big.txt was looked up (its size is Java's), never read.
    assert.ok(!java.requests.includes('fs/read /data/big.txt'), java.requests.join(', '));
    assert.ok(java.requests.includes('fs/read /data/sub/g.txt'));
  });

  await t.test('code behind the hooks writes through: a file at close, mkdir, unlink, rename, truncate at once', async () => {
    java.load({ '/data/old.txt': 'old', '/data/gone.txt': 'x', '/data/long.txt': '0123456789' });
    const code = python(
      'import io, os',
      'with io.FileIO("/data/new.txt", "w") as f: f.write(b"written by FileIO")',
      'd = os.open("/data", os.O_RDONLY)',
      'os.mkdir("made", dir_fd=d)',
      'os.unlink("gone.txt", dir_fd=d)',
      'os.rename("old.txt", "made/moved.txt", src_dir_fd=d, dst_dir_fd=d)',
      'os.truncate("/data/long.txt", 4)',
      'fd = os.open("kept.txt", os.O_WRONLY | os.O_CREAT, dir_fd=d)',
      'os.write(fd, b"synced"); os.fsync(fd)',
      'print(open("/data/kept.txt").read())',
      'os.write(fd, b" and left open")',
    );
    assert.deepEqual(await run(code), printed('synced\n'));
    assert.equal(java.text('/data/new.txt'), 'written by FileIO');
    assert.equal(java.existing('/data/made').kind, 'directory');
    assert.equal(java.text('/data/made/moved.txt'), 'old');
    assert.equal(java.text('/data/old.txt'), undefined);
    assert.equal(java.text('/data/gone.txt'), undefined);
    assert.equal(java.text('/data/long.txt'), '0123');
    // A file left open for writing goes to Java when the call ends, as a process's files at exit.
    assert.equal(java.text('/data/kept.txt'), 'synced and left open');
  });

  await t.test('a file left open that Java refuses at the end of the call is reported as CPython reports a failed finaliser', async () => {
    java.load({});
    const code = python(
      'import os',
      'fd = os.open("x", os.O_WRONLY | os.O_CREAT, dir_fd=os.open("/data", os.O_RDONLY))',
      'os.write(fd, b"lost")',
      // Java now holds a directory where the file would go: its write-back is refused.
      'os.mkdir("/data/x")',
      'print("ran")',
    );
    assert.deepEqual(await run(code), {
      exitCode: 0,
      stdout: 'ran\n',
      stderr: "Exception ignored in: '/data/x'\nIsADirectoryError: [Errno 31] Is a directory: '/data/x'\n",
    });
    assert.equal(java.text('/data/x'), 'directory');
  });

  await t.test('code behind the hooks gets the errno of a refusal: EROFS, EXDEV, ENOENT', async () => {
    java.load({ '/ro/r.txt': 'r', '/data/a.txt': 'a' });
    const code = python(
      'import io, os',
      'def attempt(label, work):',
      '    try: work(); print(label, "done")',
      '    except OSError as e: print(label, e.errno == {"EROFS": 69, "EXDEV": 75, "ENOENT": 44}[label.split()[0]], e.strerror)',
      'attempt("EROFS write", lambda: io.FileIO("/ro/r.txt", "w"))',
      'attempt("EROFS create", lambda: io.FileIO("/ro/new.txt", "w"))',
      'attempt("EROFS unlink", lambda: os.unlink("r.txt", dir_fd=os.open("/ro", os.O_RDONLY)))',
      'attempt("EXDEV rename", lambda: os.rename("a.txt", "/other/a.txt", src_dir_fd=os.open("/data", os.O_RDONLY)))',
      'attempt("ENOENT open", lambda: io.FileIO("/data/none.txt"))',
      'print(io.FileIO("/ro/r.txt").read())',
    );
    assert.deepEqual(
      await run(code),
      printed(
        'EROFS write True Read-only file system\nEROFS create True Read-only file system\n' +
          'EROFS unlink True Read-only file system\nEXDEV rename True Cross-device link\n' +
          "ENOENT open True No such file or directory\nb'r'\n",
      ),
    );
    assert.equal(java.text('/ro/r.txt'), 'r');
    assert.equal(java.text('/data/a.txt'), 'a');
  });

  await t.test('each call sees the mount as it is now', async () => {
    java.load({ '/data/f.txt': 'first' });
    const code = 'import os; print(open("f.txt").read(), sorted(os.listdir()))';
    assert.deepEqual(await run(code), printed("first ['f.txt', 'inner']\n"));
    java.put('/data/f.txt', 'second');
    java.put('/data/g.txt', 'new');
    assert.deepEqual(await run(code), printed("second ['f.txt', 'g.txt', 'inner']\n"));
    java.nodes.delete('/data/f.txt');
    assert.deepEqual(await run('import os; print(os.path.exists("f.txt"))'), printed('False\n'));
  });

  await t.test('reads and writes a 100 MB file, reading in 64 MiB chunks (speed measured, not asserted)', async () => {
    const size = 100_000_000;
    const content = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) content[i] = (i / 4096) % 251;
    java.load({ '/data/big.bin': content });
    const read = python(
      'with open("big.bin", "rb") as f: data = f.read()',
      'print(len(data), data[4096 * 1000], data[-1], data[4096 * 24000])',
    );
    const readSeconds = await timed(async () => assert.deepEqual(await run(read), printed(`${size} ${1000 % 251} 0 ${24000 % 251}\n`)));
    assert.deepEqual(java.requests, ['fs/stat /data/big.bin', 'fs/read /data/big.bin', 'fs/read /data/big.bin']);
    const write = 'with open("copy.bin", "wb") as f: f.write(bytes(range(256)) * 390625)';
    const writeSeconds = await timed(async () => assert.deepEqual(await run(write), printed('')));
    assert.equal(java.nodes.get('/data/copy.bin')?.data.length, size);
    assert.equal(java.nodes.get('/data/copy.bin')?.data[size - 1], 255);
    console.error(`mount read of 100 MB: ${readSeconds.toFixed(2)} s, ${(100 / readSeconds).toFixed(0)} MB/s`);
    console.error(`mount write of 100 MB: ${writeSeconds.toFixed(2)} s, ${(100 / writeSeconds).toFixed(0)} MB/s`);
  });

  await t.test('runs print(1) with four mounts quickly (measured, not asserted)', async () => {
    java.load({});
    const times = [];
    for (let i = 0; i < 200; i++) times.push(await timed(async () => void (await run('print(1)'))));
    times.sort((a, b) => a - b);
    console.error(`python/run print(1) with ${java.mountList.length} mounts: median ${(times[times.length >> 1] * 1e6).toFixed(0)} µs`);
    assert.deepEqual(java.requests, []);
  });

  await t.test('shuts down cleanly', async () => {
    assert.equal(await sidecar.shutdown(), '');
  });
});

const nodeWithoutJspi =
  existsSync(NODE_WITHOUT_JSPI) &&
  spawnSync(NODE_WITHOUT_JSPI, ['-p', "'Suspending' in WebAssembly"], { encoding: 'utf8' }).stdout.trim() === 'false';

test(
  'slow: without JSPI, Python still reaches the mounts: it waits for Java without suspending its stack',
  { timeout: 60_000, skip: !nodeWithoutJspi && `no Node without JSPI at ${NODE_WITHOUT_JSPI}` },
  async (t) => {
    const java = new JavaMounts(MODES);
    const sidecar = startSidecar(NODE_WITHOUT_JSPI, [], java);
    t.after(() => sidecar.child.kill());
    await sidecar.ready;
    java.load({ '/data/f.txt': 'f' });

    const local = python('open("/tmp/t.txt", "w").write("memfs")', 'import json', 'print(json.dumps(open("/tmp/t.txt").read()))');
    assert.deepEqual(await sidecar.run(local), printed('"memfs"\n'));

    assert.deepEqual(await sidecar.run(python('with open("/data/out.txt", "w") as f:', '    f.write("x")')), printed(''));
    assert.equal(java.text('/data/out.txt'), 'x');
    assert.deepEqual(await sidecar.run('print(open("/data/f.txt").read())'), printed('f\n'));
    assert.deepEqual(await sidecar.run('import os; print(os.path.exists("/data/out.txt"))'), printed('True\n'));
    assert.equal(await sidecar.shutdown(), '');
  },
);
