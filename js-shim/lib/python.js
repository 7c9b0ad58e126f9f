// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InternalError, InvalidParamsError } from './errors.js';

const RUNNER_PATH = fileURLToPath(new URL('../python/runner.py', import.meta.url));

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 * @typedef {import('pyodide/ffi').PyCallable} PyCallable
 *
 * @typedef Program
 * @property {'command'} kind `command`: code given with -c, compiled as "<string>"
 * @property {string} code
 *
 * @typedef RunParams the params of `python/run`
 * @property {Program} program
 * @property {string[]} argv becomes sys.argv
 * @property {string} cwd absolute; becomes os.getcwd(), created when missing
 * @property {Record<string, string>} env becomes os.environ
 * @property {Uint8Array} stdin the program's standard input
 *
 * @typedef RunResult the result of `python/run`
 * @property {number} exitCode what a python3 process would exit with
 * @property {Uint8Array} stdout
 * @property {Uint8Array} stderr
 *
 * @typedef RunnerOptions
 * @property {(bytes: Uint8Array) => void} strayOutput receives what Python writes to file
 *   descriptor 1 or 2 while no call runs
 *
 * @typedef PythonRunner
 * @property {(params: Record<string, unknown>) => Promise<RunResult>} run runs one program after
 *   the calls before it; rejects with InvalidParamsError before queueing when params have the
 *   wrong shape
 */

/**
 * Runs programs in one Pyodide interpreter, one call at a time.
 *
 * Takes over Pyodide's standard streams: output written to file descriptors 1 and 2 lands in the
 * running call's stdout and stderr (before what went through sys.stdout and sys.stderr, as a
 * python3 process with block-buffered streams would show it), and file descriptor 0 reads as empty.
 *
 * @param {PyodideAPI} pyodide
 * @param {RunnerOptions} options
 * @returns {PythonRunner}
 */
export function createPythonRunner(pyodide, { strayOutput }) {
  const runProgram = loadRunner(pyodide);
  /** @type {{stdout: Uint8Array[], stderr: Uint8Array[]} | undefined} */
  let current;
  /** @param {'stdout' | 'stderr'} stream */
  const writer = (stream) => ({
    /** @param {Uint8Array} buffer a view into Pyodide's memory, valid during this call only */
    write(buffer) {
      const bytes = buffer.slice();
      if (current) current[stream].push(bytes);
      else strayOutput(bytes);
      return buffer.length;
    },
  });
  pyodide.setStdout(writer('stdout'));
  pyodide.setStderr(writer('stderr'));
  pyodide.setStdin({ read: () => 0 });

  /** @param {RunParams} params */
  async function execute({ program, argv, cwd, env, stdin }) {
    current = { stdout: [], stderr: [] };
    let result;
    try {
      result = await runProgram.callPromising(program.kind, program.code, argv, cwd, env, stdin);
      const [exitCode, stdout, stderr] = result.toJs();
      return {
        exitCode,
        stdout: concat([...current.stdout, stdout]),
        stderr: concat([...current.stderr, stderr]),
      };
    } catch (error) {
      throw new InternalError(`the Python runner failed: ${/** @type {Error} */ (error).message}`, { cause: error });
    } finally {
      result?.destroy();
      current = undefined;
    }
  }

  let queue = Promise.resolve();
  return {
    async run(params) {
      const checked = checkRunParams(params);
      const result = queue.then(() => execute(checked));
      queue = result.then(
        () => {},
        () => {},
      );
      return result;
    },
  };
}

/**
 * @param {PyodideAPI} pyodide
 * @returns {PyCallable} runner.py's `run(kind, code, argv, cwd, env, stdin)`
 */
function loadRunner(pyodide) {
  const namespace = pyodide.toPy({});
  try {
    pyodide.runPython(readFileSync(RUNNER_PATH, 'utf8'), { globals: namespace, filename: RUNNER_PATH });
    return namespace.get('run');
  } finally {
    namespace.destroy();
  }
}

/**
 * @param {Record<string, unknown>} params
 * @returns {RunParams}
 * @throws {InvalidParamsError}
 */
function checkRunParams(params) {
  const { program, argv, cwd, env, stdin } = params;
  expect(isRecord(program), 'program must be an object', program);
  const { kind, code } = /** @type {Record<string, unknown>} */ (program);
  expect(kind === 'command', 'program.kind must be "command"', kind);
  expect(typeof code === 'string', 'program.code must be a string', code);
  expect(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string'), 'argv must be an array of strings', argv);
  expect(typeof cwd === 'string' && cwd.startsWith('/') && !cwd.includes('\0'), 'cwd must be an absolute path', cwd);
  expect(isRecord(env) && Object.entries(env).every(isEnvironmentVariable), 'env must map variable names to strings', env);
  expect(stdin instanceof Uint8Array, 'stdin must be bytes ({"$bin": [offset, length]})', stdin);
  return /** @type {RunParams} */ (params);
}

/**
 * @param {boolean} condition
 * @param {string} requirement
 * @param {unknown} actual
 */
function expect(condition, requirement, actual) {
  if (!condition) throw new InvalidParamsError(`python/run: ${requirement}, got ${describe(actual)}`);
}

/** @param {[string, unknown]} entry */
function isEnvironmentVariable([name, value]) {
  return /^[^=\0]+$/.test(name) && typeof value === 'string' && !value.includes('\0');
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** @param {unknown} value */
function describe(value) {
  if (value === undefined) return 'nothing';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

/**
 * @param {Uint8Array[]} chunks
 * @returns {Uint8Array}
 */
function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
