// @ts-check
// Slow: starts Node with the flags the Java side starts the sidecar with (SidecarProcess.start).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const SHIM_DIR = fileURLToPath(new URL('..', import.meta.url));
const PYODIDE_DIR = join(SHIM_DIR, 'node_modules', 'pyodide');

/** The sidecar's command line before the entry point, as SidecarProcess.start builds it. */
const SIDECAR_FLAGS = [
  '--permission',
  `--allow-fs-read=${SHIM_DIR}`,
  `--allow-fs-read=${PYODIDE_DIR}`,
  '--disallow-code-generation-from-strings',
  '--max-old-space-size=512',
  '--experimental-wasm-jspi',
];

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

test('slow: under the sidecar flags Node refuses the host and code generation', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'mirage4j-permission-'));
  try {
    const outcome = underSidecarFlags(`
      import fs from 'node:fs';
      import childProcess from 'node:child_process';
      import { Worker } from 'node:worker_threads';
      const attempt = (action) => { try { action(); return 'allowed'; } catch (e) { return e.code ?? e.name; } };
      console.log(JSON.stringify({
        readOutside: attempt(() => fs.readFileSync('/etc/hostname')),
        listRoot: attempt(() => fs.readdirSync('/')),
        write: attempt(() => fs.writeFileSync(${JSON.stringify(join(scratch, 'written'))}, 'x')),
        writeInsideShim: attempt(() => fs.writeFileSync(${JSON.stringify(join(SHIM_DIR, 'written-by-test'))}, 'x')),
        spawn: attempt(() => childProcess.spawnSync('/bin/sh', ['-c', 'true'])),
        worker: attempt(() => new Worker('0', { eval: true })),
        binding: attempt(() => process.binding('fs')),
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
      worker: 'ERR_ACCESS_DENIED',
      binding: 'ERR_ACCESS_DENIED',
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
