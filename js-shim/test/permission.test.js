// @ts-check
// Slow: starts Node with the flags the Java side starts the sidecar with (SidecarProcess.start).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { PYODIDE_DIR, SHIM_DIR, SIDECAR_FLAGS } from './sidecar.js';

const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';

/**
 * Runs `source` as an ES module under the sidecar's flags; it prints one JSON value.
 * @param {string} source
 */
function underSidecarFlags(source) {
  const child = spawnSync(process.execPath, [...SIDECAR_FLAGS, '--input-type=module', '--eval', source], {
    cwd: SHIM_DIR,
    env: {},
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

/**
 * Runs `source` like {@link underSidecarFlags} without blocking this process's event loop, so that a
 * server of this test can answer the child.
 * @param {string} source
 * @returns {Promise<unknown>}
 */
function underSidecarFlagsAsync(source) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...SIDECAR_FLAGS, '--input-type=module', '--eval', source],
      { cwd: SHIM_DIR, env: {}, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      });
  });
}

/**
 * An HTTP server on loopback that counts every TCP connection it accepts (and so every request,
 * WebSocket upgrade or bare connect that reaches it).
 * @returns {Promise<{port: number, connections: () => number, close: () => Promise<void>}>}
 */
async function countingServer() {
  let connections = 0;
  const server = createServer((_request, response) => response.end('reached\n'));
  server.on('connection', () => connections++);
  server.on('upgrade', (_request, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port: address.port,
    connections: () => connections,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    }),
  };
}

test('slow: under the sidecar flags Node reaches no network, not even loopback', { timeout: 60_000 }, async () => {
  const server = await countingServer();
  try {
    const url = `http://127.0.0.1:${server.port}/exfiltrate?secret=1`;
    const outcome = await underSidecarFlagsAsync(`
      import dgram from 'node:dgram';
      import dns from 'node:dns';
      import http from 'node:http';
      import http2 from 'node:http2';
      import net from 'node:net';
      import tls from 'node:tls';
      const url = ${JSON.stringify(url)};
      const port = ${server.port};
      const code = (e) => e?.code ?? e?.cause?.code ?? e?.name ?? String(e);
      // A route that neither fails nor succeeds within 5 s counts as a failure to refuse it.
      const attempt = (start) => new Promise((resolve) => {
        const timer = setTimeout(() => resolve('no answer'), 5000);
        const done = (value) => { clearTimeout(timer); resolve(value); };
        try {
          Promise.resolve(start(done)).catch((e) => done(code(e)));
        } catch (e) {
          done(code(e));
        }
      });
      const stream = (socket, done) => socket.on('error', (e) => done(code(e))).on('connect', () => done('connected'));
      const outcome = {
        fetch: await attempt(async (done) => {
          try { done('answered ' + (await fetch(url)).status); } catch (e) { done(e.name + ': ' + e.message); }
        }),
        fetchCause: await attempt(async (done) => {
          try { await fetch(url); done('answered'); } catch (e) { done(String(e.cause?.code)); }
        }),
        httpGet: await attempt((done) => http.get(url, (r) => done('answered ' + r.statusCode)).on('error', (e) => done(code(e)))),
        netConnect: await attempt((done) => stream(net.connect(port, '127.0.0.1'), done)),
        netConnectLocalhost: await attempt((done) => stream(net.connect(port, 'localhost'), done)),
        tlsConnect: await attempt((done) => tls.connect(port, '127.0.0.1').on('error', (e) => done(code(e)))
          .on('secureConnect', () => done('connected'))),
        http2Connect: await attempt((done) => http2.connect('http://127.0.0.1:' + port).on('error', (e) => done(code(e)))
          .on('connect', () => done('connected'))),
        dnsLookup: await attempt(async (done) => done('resolved ' + (await dns.promises.lookup('localhost')).address)),
        webSocket: await attempt((done) => {
          const socket = new WebSocket('ws://127.0.0.1:' + port + '/');
          socket.onopen = () => done('open');
          socket.onclose = (event) => done('closed ' + event.code);
        }),
        udpSend: await attempt((done) => {
          const socket = dgram.createSocket('udp4').on('error', (e) => done(code(e)));
          socket.send('x', port, '127.0.0.1', (e) => done(e ? code(e) : 'sent'));
        }),
        listen: await attempt((done) => {
          process.once('uncaughtException', (e) => done(code(e)));
          net.createServer().on('error', (e) => done(code(e))).listen(0, '127.0.0.1', () => done('listening'));
        }),
      };
      console.log(JSON.stringify(outcome));
      process.exit(0);
    `);
    assert.deepEqual(outcome, {
      fetch: 'TypeError: fetch failed',
      fetchCause: 'ERR_ACCESS_DENIED',
      httpGet: 'ERR_ACCESS_DENIED',
      netConnect: 'ERR_ACCESS_DENIED',
      netConnectLocalhost: 'ERR_ACCESS_DENIED',
      tlsConnect: 'ERR_ACCESS_DENIED',
      http2Connect: 'ERR_ACCESS_DENIED',
      dnsLookup: 'ERR_ACCESS_DENIED',
      webSocket: 'closed 1006',
      udpSend: 'ERR_ACCESS_DENIED',
      listen: 'ERR_ACCESS_DENIED',
    });
    assert.equal(server.connections(), 0, 'connections the server accepted');
  } finally {
    await server.close();
  }
});

test('slow: under the sidecar flags Node refuses the host and code generation', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'mirage4j-permission-'));
  try {
    const outcome = underSidecarFlags(`
      import fs from 'node:fs';
      import childProcess from 'node:child_process';
      import inspector from 'node:inspector';
      import { WASI } from 'node:wasi';
      const attempt = (action) => { try { action(); return 'allowed'; } catch (e) { return e.code ?? e.name; } };
      const loads = async (name) => { try { await import(name); return 'allowed'; } catch (e) { return e.code ?? e.name; } };
      console.log(JSON.stringify({
        readOutside: attempt(() => fs.readFileSync('/etc/hostname')),
        listRoot: attempt(() => fs.readdirSync('/')),
        write: attempt(() => fs.writeFileSync(${JSON.stringify(join(scratch, 'written'))}, 'x')),
        writeInsideShim: attempt(() => fs.writeFileSync(${JSON.stringify(join(SHIM_DIR, 'written-by-test'))}, 'x')),
        spawn: attempt(() => childProcess.spawnSync('/bin/sh', ['-c', 'true'])),
        binding: attempt(() => process.binding('fs')),
        constantsBinding: attempt(() => process.binding('constants')),
        addon: attempt(() => process.dlopen({ exports: {} }, ${JSON.stringify(LIBC)})),
        ffi: await loads('node:ffi'),
        inspector: attempt(() => inspector.open(0)),
        wasi: attempt(() => new WASI({ version: 'preview1' })),
        evaluate: attempt(() => eval('1')),
        newFunction: attempt(() => new Function('return 1')),
        readShim: attempt(() => fs.readFileSync(${JSON.stringify(join(SHIM_DIR, 'package.json'))})),
        readPyodide: attempt(() => fs.readFileSync(${JSON.stringify(join(PYODIDE_DIR, 'package.json'))})),
        env: Object.keys(process.env),
      }));
    `);
    assert.deepEqual(outcome, {
      readOutside: 'ERR_ACCESS_DENIED',
      listRoot: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      writeInsideShim: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      binding: 'ERR_ACCESS_DENIED',
      constantsBinding: 'ERR_ACCESS_DENIED',
      addon: 'ERR_DLOPEN_DISABLED',
      ffi: 'ERR_UNKNOWN_BUILTIN_MODULE',
      inspector: 'ERR_ACCESS_DENIED',
      wasi: 'ERR_ACCESS_DENIED',
      evaluate: 'EvalError',
      newFunction: 'EvalError',
      readShim: 'allowed',
      readPyodide: 'allowed',
      env: [],
    });
    assert.equal(existsSync(join(scratch, 'written')), false);
    assert.equal(existsSync(join(SHIM_DIR, 'written-by-test')), false);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('slow: under the sidecar flags a worker thread, as an interpreter runs in, is refused what the process is', { timeout: 60_000 }, async () => {
  // --allow-worker lets the sidecar start the interpreters' workers; everything else the model
  // refuses the process it refuses inside a worker too (test/worker-refusals.js).
  const server = await countingServer();
  const scratch = mkdtempSync(join(tmpdir(), 'mirage4j-permission-'));
  try {
    const written = join(scratch, 'written');
    const data = { written, url: `http://127.0.0.1:${server.port}/exfiltrate?secret=1`, port: server.port, libc: LIBC };
    const stdout = await new Promise((resolve, reject) => {
      execFile(process.execPath, [...SIDECAR_FLAGS, 'test/worker-refusals.js', JSON.stringify(data)],
        { cwd: SHIM_DIR, env: {}, encoding: 'utf8', timeout: 60_000 }, (error, out, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolve(out);
        });
    });
    assert.deepEqual(JSON.parse(stdout), {
      fetch: 'TypeError: fetch failed (ERR_ACCESS_DENIED)',
      httpGet: 'ERR_ACCESS_DENIED',
      netConnect: 'ERR_ACCESS_DENIED',
      readOutside: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      binding: 'ERR_ACCESS_DENIED',
      addon: 'ERR_DLOPEN_DISABLED',
      ffi: 'ERR_UNKNOWN_BUILTIN_MODULE',
      inspector: 'ERR_ACCESS_DENIED',
      wasi: 'ERR_ACCESS_DENIED',
      evaluate: 'EvalError',
      newFunction: 'EvalError',
      // --allow-worker is the process's: a worker may start workers. No interpreter reaches the
      // Worker class (test/interpreters.test.js), so only the shim's own code starts any.
      nestedWorker: 'started',
      env: [],
    });
    assert.equal(server.connections(), 0, 'connections the server accepted');
    assert.equal(existsSync(written), false);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await server.close();
  }
});

test('slow: the sealed sidecar setup loads Pyodide under the sidecar flags', { timeout: 60_000 }, () => {
  const outcome = underSidecarFlags(`
    import { loadPyodide } from 'pyodide';
    import { answerConstantsBinding, refuseChildProcesses, sandboxGlobals, seal } from './lib/sandbox.js';
    answerConstantsBinding();
    refuseChildProcesses();
    const pyodide = await loadPyodide({ jsglobals: sandboxGlobals() });
    seal(pyodide);
    console.log(JSON.stringify(pyodide.runPython('import os; (os.system("true"), 6 * 7)').toJs()));
  `);
  assert.deepEqual(outcome, [127 << 8, 42]);
});

test('slow: without --no-experimental-ffi the permission model alone refuses node:ffi', { timeout: 60_000 }, () => {
  const child = spawnSync(process.execPath, [
    ...SIDECAR_FLAGS.filter((flag) => flag !== '--no-experimental-ffi'),
    '--no-warnings',
    '--input-type=module',
    '--eval',
    `const ffi = await import('node:ffi');
     const attempt = (action) => { try { action(); return 'allowed'; } catch (e) { return e.code ?? e.name; } };
     console.log(JSON.stringify({
       dlopen: attempt(() => ffi.dlopen('libc.so.6', { getpid: { result: 'i32', parameters: [] } })),
       library: attempt(() => new ffi.DynamicLibrary('libc.so.6')),
     }));`,
  ], { cwd: SHIM_DIR, env: {}, encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { dlopen: 'ERR_ACCESS_DENIED', library: 'ERR_ACCESS_DENIED' });
});

test('slow: under the sidecar flags Pyodide does not load without the constants binding', { timeout: 60_000 }, () => {
  const outcome = underSidecarFlags(`
    import { loadPyodide } from 'pyodide';
    try {
      await loadPyodide();
      console.log(JSON.stringify('loaded'));
    } catch (e) {
      console.log(JSON.stringify(e.code + ': ' + e.message));
    }
  `);
  assert.equal(outcome, 'ERR_ACCESS_DENIED: process.binding');
});
