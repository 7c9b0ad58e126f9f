// @ts-check
import assert from 'node:assert/strict';
import { constants as fsConstants } from 'node:fs';
import test from 'node:test';
import { loadPyodide } from 'pyodide';
import {
  answerConstantsBinding,
  ownUmask,
  createCallScope,
  keepStandardDescriptors,
  ENETUNREACH,
  EPERM,
  NO_SHELL_STATUS,
  refuseChildProcesses,
  refuseReachableGlobals,
  refuseSockets,
  sandboxGlobals,
  seal,
} from './sandbox.js';

test('the globals Python sees are an empty, frozen object without a prototype', () => {
  const globals = sandboxGlobals();
  assert.equal(Object.getPrototypeOf(globals), null);
  assert.deepEqual(Reflect.ownKeys(globals), []);
  assert.ok(Object.isFrozen(globals));
});

test('process.binding answers "constants" with the fs and os constants, and nothing else', () => {
  const fakeProcess = { binding: (/** @type {string} */ name) => `real ${name}` };
  answerConstantsBinding(fakeProcess);
  const constants = /** @type {{fs: Record<string, number>, os: {signals: Record<string, number>}}} */ (
    fakeProcess.binding('constants')
  );
  assert.equal(constants.fs.O_RDONLY, fsConstants.O_RDONLY);
  assert.equal(constants.fs.O_CREAT, fsConstants.O_CREAT);
  assert.equal(constants.os.signals.SIGTERM, 15);
  for (const name of ['fs', 'spawn_sync', 'process_wrap', 'natives', 'constant']) {
    assert.throws(() => fakeProcess.binding(name), { code: 'ERR_ACCESS_DENIED', message: new RegExp(name) });
  }
});

test('spawnSync answers like a machine without a shell', () => {
  const fake = { spawnSync: () => assert.fail('the real spawnSync ran') };
  refuseChildProcesses(fake);
  assert.deepEqual(fake.spawnSync('ls', [], { shell: true, stdio: 'inherit' }).status, NO_SHELL_STATUS);
  assert.equal(fake.spawnSync('ls').signal, null);
});

test('sockets refuse peers with ENETUNREACH and servers with EPERM', () => {
  class ErrnoError extends Error {
    /** @param {number} errno */
    constructor(errno) {
      super(`errno ${errno}`);
      this.errno = errno;
    }
  }
  const operations = {
    createPeer: () => assert.fail('a peer was created'),
    listen: () => assert.fail('a server was started'),
  };
  refuseSockets({ FS: { ErrnoError }, SOCKFS: { websocket_sock_ops: operations } });
  assert.throws(() => operations.createPeer({}, '127.0.0.1', 80), { errno: ENETUNREACH });
  assert.throws(() => operations.listen({}, 0), { errno: EPERM });
});

test('a callback scheduled in a call runs in it; one left when the call ends never runs and is destroyed', async () => {
  const scope = createCallScope();
  const ran = [];
  const destroyed = [];
  const callback = (/** @type {string} */ name) =>
    Object.assign(() => ran.push(name), { destroy: () => destroyed.push(name) });
  scope.schedule(callback('soon'), 0);
  scope.schedule(callback('later'), 5);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual([...ran].sort(), ['later', 'soon']);
  scope.schedule(callback('planted soon'), 0);
  scope.schedule(callback('planted later'), 10);
  scope.end();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual([...ran].sort(), ['later', 'soon']);
  assert.deepEqual(destroyed, ['planted soon', 'planted later']);
  assert.throws(() => scope.schedule(/** @type {any} */ ({}), 0), { name: 'TypeError' });
});

test('timers set through the global functions while a call runs are cancelled when it ends', async () => {
  const global = /** @type {any} */ ({ setTimeout, setInterval, setImmediate });
  const scope = createCallScope({ global });
  const ran = [];
  global.setTimeout(() => ran.push('before the call'), 5);
  scope.begin();
  global.setTimeout(() => ran.push('timeout'), 5);
  global.setImmediate(() => ran.push('immediate'));
  global.setInterval(() => ran.push('interval'), 5);
  scope.end();
  global.setTimeout(() => ran.push('after the call'), 5);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(ran, ['before the call', 'after the call']);
});

test('eval runs nothing, and the network globals are gone', () => {
  const target = /** @type {Record<string, any>} */ ({ eval: () => assert.fail('the real eval ran'), fetch() {}, WebSocket: class {}, EventSource: class {}, keep: 1 });
  refuseReachableGlobals(target);
  assert.equal(target.eval('process.exit(1)'), undefined);
  assert.deepEqual(Object.keys(target).sort(), ['eval', 'keep']);
});

test('file descriptors 0, 1 and 2 are put back on their devices, and a replaced device made again', () => {
  const CHR = 0o20000;
  /** @type {Map<string, {mode: number, rdev: number}>} */
  const nodes = new Map([
    ['/dev/stdin', { mode: CHR | 0o666, rdev: 10 }],
    ['/dev/stdout', { mode: CHR | 0o666, rdev: 11 }],
    ['/dev/stderr', { mode: CHR | 0o666, rdev: 12 }],
    ['/tmp/file', { mode: 0o100644, rdev: 0 }],
  ]);
  /** @type {Record<number, {node: {mode: number, rdev: number}, fd: number, flags: number} | null>} */
  const streams = {};
  let opened = 0;
  const open = (/** @type {string} */ path, /** @type {number} */ fd, /** @type {number} */ flags) => {
    opened += 1;
    return (streams[fd] = { node: /** @type {any} */ (nodes.get(path)), fd, flags });
  };
  ['/dev/stdin', '/dev/stdout', '/dev/stderr'].forEach((path, fd) => open(path, fd, fd === 0 ? 0 : 1));
  const made = [];
  const fs = {
    streams,
    stat: (/** @type {string} */ path) => {
      const node = nodes.get(path);
      if (!node) throw new Error('ENOENT');
      return node;
    },
    isChrdev: (/** @type {number} */ mode) => (mode & 0o170000) === CHR,
    unlink: (/** @type {string} */ path) => nodes.delete(path),
    mkdev: (/** @type {string} */ path, /** @type {number} */ mode, /** @type {number} */ rdev) => {
      made.push(path);
      nodes.set(path, { mode, rdev });
    },
    open: (/** @type {string} */ path, /** @type {number} */ flags) => open(path, [0, 1, 2, 3, 4].find((fd) => !streams[fd]) ?? 9, flags),
    close: (/** @type {{fd: number}} */ stream) => (streams[stream.fd] = null),
    dupStream: (/** @type {{node: any, flags: number}} */ stream, /** @type {number} */ fd) =>
      (streams[fd] = { node: stream.node, fd, flags: stream.flags }),
  };
  const restore = keepStandardDescriptors(fs);
  opened = 0;
  restore();
  assert.deepEqual(made, []);
  assert.equal(opened, 0, 'descriptors as they should be are left alone');
  // A program made fd 1 append-only (fcntl F_SETFL).
  /** @type {any} */ (streams[1]).flags = 1 | 0o2000;
  restore();
  assert.equal(opened, 1);
  assert.equal(streams[1]?.flags, 1, 'opened again as it was');
  // A program closed fd 0, pointed fd 1 at a file and put a file where /dev/stderr was.
  streams[0] = null;
  streams[1] = { node: /** @type {any} */ (nodes.get('/tmp/file')), fd: 1 };
  nodes.set('/dev/stderr', { mode: 0o100644, rdev: 0 });
  streams[2] = { node: /** @type {any} */ (nodes.get('/dev/stderr')), fd: 2 };
  restore();
  assert.deepEqual(made, ['/dev/stderr']);
  assert.deepEqual([0, 1, 2].map((fd) => streams[fd]?.node.rdev), [10, 11, 12]);
});

test('slow: a sealed Pyodide has no pyodide_js, no network and no process exits', { timeout: 60_000 }, async () => {
  const pyodide = await loadPyodide({ jsglobals: sandboxGlobals() });
  assert.equal(pyodide.runPython('import sys; "pyodide_js._api" in sys.modules'), true, 'the probe must see it before');
  seal(pyodide);
  /** @param {string} code the value of its last expression, or the exception it raised as "Type: message" */
  const run = (code) =>
    pyodide.runPython(
      `def probe():\n    try:\n${code.replace(/^/gm, '        ')}\n    except BaseException as e:\n        return f"{type(e).__name__}: {e}"\nprobe()`,
    );
  assert.equal(run('import pyodide_js\nreturn "imported"'), "ModuleNotFoundError: No module named 'pyodide_js'");
  assert.equal(run('import sys\nreturn repr([n for n in sys.modules if n.startswith("pyodide_js")])'), '[]');
  assert.equal(run('import js\nreturn js.process'), "AttributeError: process");
  assert.equal(run('import socket\nsocket.socket().connect(("127.0.0.1", 9))'), 'OSError: [Errno 40] Network unreachable');
  assert.equal(
    run('import socket\nsocket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9))'),
    'OSError: [Errno 40] Network unreachable',
  );
  assert.equal(run('import socket\ns = socket.socket()\ns.bind(("127.0.0.1", 0))\ns.listen()'), 'PermissionError: [Errno 63] Operation not permitted');
  assert.equal(run('import os\nos._exit(3)'), 'SystemExit: 3');
  assert.equal(run('import os\nos.abort()'), 'SystemExit: 134');
  assert.equal(run('import os, signal\nos.kill(os.getpid(), signal.SIGKILL)'), 'SystemExit: 137');
  assert.equal(run('import signal\nsignal.raise_signal(signal.SIGTERM)'), 'SystemExit: 143');
  assert.equal(run('import os, signal\nos.kill(os.getpid(), signal.SIGCHLD)\nreturn "ignored"'), 'ignored');
  assert.equal(
    run('import os, signal\nseen = []\nsignal.signal(signal.SIGUSR1, lambda *a: seen.append(1))\nos.kill(os.getpid(), signal.SIGUSR1)\nreturn seen[0]'),
    1,
  );
  assert.equal(run('import os\nos.kill(1, 9)'), 'PermissionError: [Errno 63] Operation not permitted');
  const waited = await pyodide.runPythonAsync(
    'import asyncio\n(asyncio.run(asyncio.sleep(0, 5)), asyncio.get_event_loop().run_until_complete(asyncio.sleep(0, 6)))',
  );
  assert.deepEqual(waited.toJs(), [5, 6]);
  assert.equal(run('return 6 * 7'), 42);
});

test('ownUmask keeps a mask of its own, starting at 0o022, as umask(2) answers', () => {
  const target = { umask: () => { throw new Error('the host process mask was touched'); } };
  ownUmask(target);
  assert.equal(target.umask(0o077), 0o022);
  assert.equal(target.umask(0o1777), 0o077);
  assert.equal(target.umask(), 0o777);
});
