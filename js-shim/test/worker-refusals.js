// @ts-check
// Started by test/permission.test.js as `node [the sidecar's flags] test/worker-refusals.js JSON`:
// the main thread starts this module again as a worker thread, as index.js starts an interpreter's,
// and prints what happened there to each attempt at what the permission model refuses the process.
import childProcess from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import net from 'node:net';
import { WASI } from 'node:wasi';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), { workerData: JSON.parse(process.argv[2]) });
  worker.once('message', (outcome) => {
    console.log(JSON.stringify(outcome));
    worker.terminate();
  });
  worker.once('error', (error) => {
    console.log(JSON.stringify({ failed: String(error) }));
  });
} else if (workerData.nested) {
  parentPort?.postMessage('started');
} else {
  await probe();
}

async function probe() {
const { written, url, port, libc } = workerData;
const code = (/** @type {any} */ e) => e?.code ?? e?.cause?.code ?? e?.name ?? String(e);
const attempt = (/** @type {() => unknown} */ action) => {
  try {
    action();
    return 'allowed';
  } catch (e) {
    return code(e);
  }
};
/** A route that neither fails nor succeeds within 5 s counts as a failure to refuse it. */
const attemptAsync = (/** @type {(done: (value: string) => void) => unknown} */ start) =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer'), 5000);
    const done = (/** @type {string} */ value) => {
      clearTimeout(timer);
      resolve(value);
    };
    try {
      Promise.resolve(start(done)).catch((e) => done(code(e)));
    } catch (e) {
      done(code(e));
    }
  });
const loads = async (/** @type {string} */ name) => {
  try {
    await import(name);
    return 'allowed';
  } catch (e) {
    return code(e);
  }
};

parentPort?.postMessage({
  fetch: await attemptAsync(async (done) => {
    try {
      done(`answered ${(await fetch(url)).status}`);
    } catch (e) {
      done(`${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message} (${String(/** @type {any} */ (e).cause?.code)})`);
    }
  }),
  httpGet: await attemptAsync((done) => http.get(url, (r) => done(`answered ${r.statusCode}`)).on('error', (e) => done(code(e)))),
  netConnect: await attemptAsync((done) =>
    net.connect(port, '127.0.0.1').on('error', (e) => done(code(e))).on('connect', () => done('connected')),
  ),
  readOutside: attempt(() => fs.readFileSync('/etc/hostname')),
  write: attempt(() => fs.writeFileSync(written, 'x')),
  spawn: attempt(() => childProcess.spawnSync('/bin/sh', ['-c', 'true'])),
  binding: attempt(() => process.binding('fs')),
  addon: attempt(() => process.dlopen({ exports: {} }, libc)),
  ffi: await loads('node:ffi'),
  inspector: attempt(() => inspector.open(0)),
  wasi: attempt(() => new WASI({ version: 'preview1' })),
  evaluate: attempt(() => eval('1')),
  newFunction: attempt(() => new Function('return 1')),
  nestedWorker: await attemptAsync((done) => {
    const nested = new Worker(new URL(import.meta.url), { workerData: { ...workerData, nested: true } });
    nested.on('message', () => done('started')).on('error', (e) => done(code(e)));
  }),
  env: Object.keys(process.env),
});
}
