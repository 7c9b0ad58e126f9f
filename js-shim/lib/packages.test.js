// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { InternalError, InvalidParamsError } from './errors.js';
import { createInstaller, INSTALLER, reason, SOURCE } from './packages.js';

const SITE = '/lib/python3.13/site-packages';
const WHEEL = 'tinypkg-1.0-py3-none-any.whl';

/**
 * A stand-in for Pyodide whose internal installer is `install`; records what Python it runs.
 * @param {(...args: unknown[]) => Promise<void>} [install]
 */
function fakePyodide(install = async () => {}) {
  /** @type {{installs: unknown[][], python: string[]}} */
  const seen = { installs: [], python: [] };
  const pyodide = {
    runPython(/** @type {string} */ code) {
      seen.python.push(code);
      return code.includes('getsitepackages') ? SITE : undefined;
    },
    _api: {
      install: async (/** @type {unknown[]} */ ...args) => {
        seen.installs.push(args);
        return install(...args);
      },
    },
  };
  return { pyodide: /** @type {any} */ (pyodide), seen };
}

test('a wheel is unpacked into site-packages with mirage4j recorded as its installer', async () => {
  const { pyodide, seen } = fakePyodide();
  const data = new Uint8Array([80, 75, 3, 4]);
  assert.deepEqual(await createInstaller(pyodide).install({ file: WHEEL, data }), {});
  assert.equal(seen.installs.length, 1);
  const [buffer, filename, dir, metadata] = seen.installs[0];
  assert.equal(buffer, data);
  assert.equal(filename, WHEEL);
  assert.equal(dir, SITE);
  assert.deepEqual(metadata, new Map([['INSTALLER', INSTALLER], ['PYODIDE_SOURCE', SOURCE]]));
  assert.equal(INSTALLER, 'mirage4j');
});

test('import caches are invalidated after each install, and site-packages is looked up once', async () => {
  const { pyodide, seen } = fakePyodide();
  const installer = createInstaller(pyodide);
  await installer.install({ file: WHEEL, data: new Uint8Array(1) });
  await installer.install({ file: 'other-2.0-py3-none-any.whl', data: new Uint8Array(1) });
  assert.equal(seen.python.filter((code) => code.includes('getsitepackages')).length, 1);
  assert.equal(seen.python.filter((code) => code.includes('importlib.invalidate_caches()')).length, 2);
});

test('a wheel Pyodide refuses is an InternalError saying why in one line', async () => {
  const traceback = [
    'Traceback (most recent call last):',
    '  File "/lib/python3.13/shutil.py", line 1350, in _unpack_zipfile',
    '    raise ReadError("%s is not a zip file" % filename)',
    'shutil.ReadError: /tmp/tmpab12tinypkg-1.0-py3-none-any.whl is not a zip file',
    '',
  ].join('\n');
  const { pyodide, seen } = fakePyodide(async () => {
    throw new Error(traceback);
  });
  await assert.rejects(
    createInstaller(pyodide).install({ file: WHEEL, data: new Uint8Array(3) }),
    (/** @type {Error} */ error) => {
      assert.ok(error instanceof InternalError);
      assert.equal(error.message, 'shutil.ReadError: /tmp/tmpab12tinypkg-1.0-py3-none-any.whl is not a zip file');
      return true;
    },
  );
  assert.equal(seen.python.filter((code) => code.includes('invalidate_caches')).length, 1);
});

test('params of the wrong shape are refused before anything is installed', async () => {
  const { pyodide, seen } = fakePyodide();
  const installer = createInstaller(pyodide);
  const bytes = new Uint8Array(1);
  for (const params of [
    { data: bytes },
    { file: 'tinypkg.tar.gz', data: bytes },
    { file: '../tinypkg-1.0-py3-none-any.whl', data: bytes },
    { file: WHEEL, data: 'UEsDBA==' },
    { file: WHEEL, data: bytes, extra: true },
  ]) {
    await assert.rejects(installer.install(params), InvalidParamsError, JSON.stringify(Object.keys(params)));
  }
  assert.deepEqual(seen.installs, []);
});

test('a Pyodide without the internal installer is an InternalError', async () => {
  const pyodide = /** @type {any} */ ({ runPython: () => SITE });
  await assert.rejects(createInstaller(pyodide).install({ file: WHEEL, data: new Uint8Array(1) }), InternalError);
});

test('reason is one line: the exception of a traceback, or the message joined', () => {
  assert.equal(reason(new Error('Traceback (most recent call last):\n  File "x", line 1\nValueError: bad\n')), 'ValueError: bad');
  assert.equal(
    reason(new Error("Failed to load dynamic library /lib/x.so: 'Could not load dynamic lib: /lib/x.so\nRangeError: bad length")),
    "Failed to load dynamic library /lib/x.so: 'Could not load dynamic lib: /lib/x.so RangeError: bad length",
  );
  assert.equal(reason('plain'), 'plain');
  assert.equal(reason(new Error('x'.repeat(5000))).length, 1003);
});
