// @ts-check
import { InternalError, InvalidParamsError } from './errors.js';

/** What each installed wheel's `.dist-info/INSTALLER` says. */
export const INSTALLER = 'mirage4j';

/** What each installed wheel's `.dist-info/PYODIDE_SOURCE` says: where Pyodide's tools see it came from. */
export const SOURCE = 'mirage4j packages directory';

/** The longest reason for a refused wheel that an error message carries. */
const MAX_REASON = 1000;

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 *
 * @typedef InstallParams the params of `python/install`
 * @property {string} file the wheel's file name, NAME-VERSION-PYTHON-ABI-PLATFORM.whl, which
 *   Pyodide's installer reads the distribution's name from
 * @property {Uint8Array} data the wheel's bytes
 *
 * @typedef {(buffer: Uint8Array, filename: string, installDir: string, metadata: Map<string, string>) => Promise<void>} Install
 *   Pyodide's internal installer (`pyodide._api.install`): unpacks a wheel into `installDir`,
 *   writes each `metadata` entry as a file of its `.dist-info`, and loads its dynamic libraries
 *
 * @typedef Installer
 * @property {(params: Record<string, unknown>) => Promise<Record<string, never>>} install installs
 *   one wheel; rejects with InvalidParamsError when params have the wrong shape, and with an
 *   InternalError whose message is one line saying why when Pyodide refuses the wheel
 */

/**
 * Installs wheels into the interpreter's site-packages with Pyodide's own installer, so binary
 * wheels built for Pyodide get their dynamic libraries loaded as `pyodide.loadPackage` would load
 * them. Nothing is fetched: Java reads the wheels and sends their bytes (PROTOCOL.md,
 * `python/install`), before the interpreter runs any program.
 *
 * `pyodide` is the API object index.js keeps: sealing the sandbox takes it away from Python only.
 *
 * @param {PyodideAPI} pyodide
 * @returns {Installer}
 */
export function createInstaller(pyodide) {
  /** @type {string | undefined} */
  let siteDir;
  return {
    async install(params) {
      const { file, data } = checkInstallParams(params);
      const install = installerOf(pyodide);
      siteDir ??= /** @type {string} */ (pyodide.runPython('import site; site.getsitepackages()[0]'));
      try {
        await install(data, file, siteDir, new Map([['INSTALLER', INSTALLER], ['PYODIDE_SOURCE', SOURCE]]));
      } catch (error) {
        throw new InternalError(reason(error), { cause: error });
      } finally {
        // A finder that listed site-packages within the same clock tick would not see the new files.
        pyodide.runPython('import importlib; importlib.invalidate_caches()');
      }
      return {};
    },
  };
}

/**
 * @param {PyodideAPI} pyodide
 * @returns {Install}
 */
function installerOf(pyodide) {
  // @ts-ignore: _api is Pyodide's internal API, not in its public types
  const install = pyodide._api?.install;
  if (typeof install !== 'function') throw new InternalError('python/install: this Pyodide has no wheel installer (_api.install)');
  return install;
}

/**
 * @param {Record<string, unknown>} params
 * @returns {InstallParams}
 * @throws {InvalidParamsError}
 */
function checkInstallParams(params) {
  const { file, data, ...rest } = params;
  if (typeof file !== 'string' || !/^[^/\\\0]+\.whl$/.test(file)) {
    throw new InvalidParamsError(`python/install: file must be a wheel's file name (*.whl, no directory), got ${JSON.stringify(file)}`);
  }
  if (!(data instanceof Uint8Array)) throw new InvalidParamsError('python/install: data must be bytes ({"$bin": [offset, length]})');
  const extra = Object.keys(rest);
  if (extra.length) throw new InvalidParamsError(`python/install: ${extra[0]} must not be given`);
  return { file, data };
}

/**
 * One line saying why Pyodide refused a wheel: the exception line of a Python traceback (a
 * PythonError's message is the whole traceback), otherwise the message on one line.
 * @param {unknown} error
 */
export function reason(error) {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const isTraceback = lines[0]?.startsWith('Traceback (most recent call last)');
  const text = (isTraceback ? lines.at(-1) : lines.join(' ')) ?? 'unknown error';
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}...` : text;
}
