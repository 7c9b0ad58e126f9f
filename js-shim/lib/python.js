// @ts-check
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError, InvalidParamsError } from './errors.js';
import { installLiveMounts, readWhole } from './live-mounts.js';
import { Methods } from './methods.js';
import { createCallOutput } from './output.js';
import { createCallScope, keepStandardDescriptors } from './sandbox.js';

const RUNNER_PATH = fileURLToPath(new URL('../python/runner.py', import.meta.url));
const MOUNTS_PATH = fileURLToPath(new URL('../python/mounts.py', import.meta.url));
const SQLITE_PATH = fileURLToPath(new URL('../python/sqlite.py', import.meta.url));
const FRESH_PATH = fileURLToPath(new URL('../python/fresh.py', import.meta.url));
const FUNCTIONS_PATH = fileURLToPath(new URL('../python/functions.py', import.meta.url));

/**
 * Whether this runtime has JSPI, which lets synchronous Python code wait for a promise
 * (`pyodide.ffi.run_sync`) when it was entered through `callPromising`.
 */
const CAN_SUSPEND = 'Suspending' in WebAssembly;

/**
 * @typedef {import('pyodide').PyodideAPI} PyodideAPI
 * @typedef {import('pyodide/ffi').PyCallable} PyCallable
 *
 * @typedef {{kind: 'cell', code: string}
 *   | {kind: 'command', code: string}
 *   | {kind: 'module', name: string}
 *   | {kind: 'script', path: string, source: Uint8Array}
 *   | {kind: 'application', path: string}
 *   | {kind: 'stdin', source: Uint8Array}} Program `cell`: a Python session's cell (the first
 *   makes the interpreter a session's: its state then lasts from cell to cell, and it runs only
 *   cells); `command`: -c CODE; `module`: -m NAME;
 *   `script`: a file, at its absolute path; `application`: a directory or zip file holding
 *   `__main__.py`, at its absolute path; `stdin`: a program read from standard input
 *
 * @typedef Flags CPython's command-line options, with what its PYTHON* environment variables add
 * @property {number} optimize -O, -OO, PYTHONOPTIMIZE (2 and up compile as 2)
 * @property {boolean} dontWriteBytecode -B
 * @property {boolean} safePath -P
 * @property {boolean} skipFirstLine -x
 * @property {string[]} warnOptions the -W values, in order
 * @property {string[]} xOptions the -X values, in order
 * @property {boolean} quiet -q
 * @property {boolean} unbuffered -u
 * @property {boolean} ignoreEnvironment -E
 * @property {boolean} isolated -I
 * @property {boolean} noUserSite -s
 * @property {boolean} noSite -S
 * @property {string[]} pythonPath PYTHONPATH's entries, absolute: they follow path0 in sys.path
 * @property {string} ioEncoding PYTHONIOENCODING's encoding, or "" for UTF-8
 * @property {string} ioErrors PYTHONIOENCODING's error handler for stdin and stdout, or ""
 * @property {boolean} hashRandomization sys.flags.hash_randomization (PYTHONHASHSEED)
 * @property {-1 | 0 | 1} utf8Mode sys.flags.utf8_mode (PYTHONUTF8, -X utf8), -1 for the runtime's
 * @property {number} intMaxStrDigits PYTHONINTMAXSTRDIGITS, -X int_max_str_digits; -1 for the default
 *
 * @typedef RunParams the params of `python/run`
 * @property {Program} program
 * @property {string[]} argv becomes sys.argv
 * @property {string | null} path0 put in front of sys.path; null puts nothing there
 * @property {string} label the name the program was invoked as, used in the interpreter's messages
 * @property {Flags} flags
 * @property {string} cwd absolute; becomes os.getcwd(), created when missing
 * @property {Mount[]} mounts the workspace's mounts, whose paths the program reaches through Java
 * @property {Record<string, string>} env becomes os.environ
 * @property {Uint8Array} stdin the program's standard input, or its start when `stdinStream`
 * @property {boolean} [stdinStream] whether standard input goes on after `stdin`: the program then
 *   asks Java for more with `stdin/read` as it reads, and gets no more than it asks for
 * @property {number | null} timeoutMs how long the program may run: past it, it gets
 *   KeyboardInterrupt and the result says `timedOut`; null for no limit
 * @property {number} outputLimit the most bytes of stdout, and of stderr, the call returns: a
 *   program that writes more is stopped, and the stream it overflowed holds one byte past the limit
 * @property {HostFunction[]} [functions] the host functions the program's `mirage4j` module
 *   offers (python/functions.py): each call of one is a `host/call` request, which Java checks
 *
 * @typedef HostFunction
 * @property {string} name a Python identifier
 * @property {string} description
 * @property {Record<string, unknown>} schema the JSON Schema of its arguments (an object's)
 *
 * @typedef Mount
 * @property {string} prefix absolute and normalised
 * @property {'read' | 'write' | 'exec'} mode
 *
 * @typedef {(method: string, params: Record<string, unknown>, timeoutMs?: number) => unknown} AskJava
 *   sends one request to Java and waits for its result, blocking the thread (lib/sync-ask.js): at
 *   most `timeoutMs`, after which it returns undefined; throws RemoteError on a refusal
 *
 * @typedef RunResult the result of `python/run`
 * @property {number} exitCode what a python3 process would exit with
 * @property {Uint8Array} stdout what the program wrote to its stdout and no `$/output` carried
 * @property {Uint8Array} stderr likewise for stderr
 * @property {[1 | 2, number][]} [order] when both hold bytes: the order they were written in
 * @property {boolean} timedOut whether the program ran past `timeoutMs` and was interrupted; its
 *   output is then what it wrote before
 * @property {boolean} intact false when the interpreter could not be put back in order after the
 *   call (interrupted again while the runner restored it): Java replaces it
 * @property {number} memoryBytes the interpreter's WebAssembly memory after the call: it grows and
 *   never shrinks, so Java replaces an interpreter that grew too large
 * @property {string | null} [value] for a cell: repr() of its final expression's value, or null
 *   when it ended with no expression or one that evaluated to None
 * @property {'incomplete' | 'exit'} [cellEnd] for an interactive cell: its source needs more lines
 *   (nothing ran), or it raised SystemExit
 *
 * @typedef RunnerOptions
 * @property {(bytes: Uint8Array) => void} strayOutput receives what Python writes to file
 *   descriptor 1 or 2 while no call runs
 * @property {AskJava} askJava how the program's file operations on mounts reach Java (`fs/*`)
 * @property {() => void} [started] called when a program starts running, before Python holds the
 *   thread; Java takes it as the sign that the sidecar is alive
 * @property {(batch: import('./output.js').OutputBatch) => void} [output] sends what the running
 *   program wrote while it runs (`$/output`); what it has not sent when the program ends is in the
 *   result
 * @property {() => number} [now] the clock the time limit is measured on, in milliseconds
 * @property {import('./sandbox.js').CallScope} [scope] what `seal` returned: ended after each call,
 *   so that nothing a call scheduled runs after it
 * @property {Int32Array} [interrupt] a flag another thread sets to 1 to interrupt the running
 *   program with KeyboardInterrupt, as Ctrl-C interrupts a process (python/interrupt)
 *
 * @typedef PythonRunner
 * @property {(params: Record<string, unknown>) => Promise<RunResult>} run runs one program after
 *   the calls before it; rejects with InvalidParamsError before queueing when params have the
 *   wrong shape
 * @property {() => Promise<void>} warmUp runs a program that does nothing, in the queue like a
 *   call, telling Java nothing: the sidecar does it once it is ready, so that its first call finds
 *   the call path compiled
 */

/**
 * Runs programs in one Pyodide interpreter, one call at a time.
 *
 * Takes over Pyodide's standard streams, anew before each call: output written to file descriptors
 * 1 and 2 (where runner.py's sys.stdout and sys.stderr write, buffered as CPython's) goes to Java
 * in the order written, while the program runs (lib/output.js), and file descriptor 0 reads as
 * empty. The program's file operations on the call's mounts reach Java through `askJava`, which
 * waits for each answer (python/mounts.py, lib/live-mounts.js). When a call ends, `scope` cancels
 * what it scheduled.
 *
 * @param {PyodideAPI} pyodide
 * @param {RunnerOptions} options
 * @returns {PythonRunner}
 */
export function createPythonRunner(
  pyodide,
  {
    strayOutput,
    askJava,
    started = () => {},
    output = () => {},
    now = () => performance.now(),
    scope = createCallScope(),
    interrupt,
  },
) {
  /** @type {import('./output.js').CallOutput | undefined} the running call's */
  let current;
  /** Whether Pyodide had a fatal error in the running call: what reaches the descriptors after is its stack dump. */
  let fatal = false;
  onFatalError(() => {
    fatal = true;
  });
  const interrupts = createInterrupts(now, (time) => current?.poll(time) ?? false, interrupt);
  pyodide.setInterruptBuffer(interrupts.buffer);
  const {
    run: runProgram,
    restoreShim,
    endCall,
    prepareCall,
    cellOutcome,
  } = loadRunner(pyodide, mountBridge(askJava, pyodide.FS, interrupts, () => current?.sendNow()), interrupts);
  /** @param {1 | 2} fd */
  const writer = (fd) => ({
    /** @param {Uint8Array} buffer a view into Pyodide's memory, valid during this call only */
    write(buffer) {
      if (fatal) return buffer.length;
      if (!current) {
        strayOutput(buffer.slice());
      } else {
        if (!current.write(fd, buffer)) interrupts.stop();
        if (current.holding()) interrupts.watch();
      }
      return buffer.length;
    },
  });
  const [stdoutWriter, stderrWriter, emptyStdin] = [writer(1), writer(2), { read: () => 0 }];
  // Pyodide's stream hooks are set once: no program reaches them. The file descriptors on their
  // devices are put back after each call.
  pyodide.setStdout(stdoutWriter);
  pyodide.setStderr(stderrWriter);
  pyodide.setStdin(emptyStdin);
  const restoreDescriptors = keepStandardDescriptors(/** @type {any} */ (pyodide.FS));
  /** @type {any} what fresh.py's `end` returned last: the library's modules and the state they keep */
  let library;
  /** Whether a cell ran here: the interpreter then holds a Python session, whose state is kept. */
  let session = false;
  // After each call: the shim's machinery, then the interpreter's state (not a session's), then
  // file descriptors 0-2 are put back, and the next call's start is made on them.
  const tidying = createTidying(() => {
    restoreShim();
    if (!session) {
      const kept = endCall(library);
      library?.destroy();
      library = kept;
    }
    restoreDescriptors();
    prepareCall();
  });

  /**
   * @param {RunParams} params
   * @returns {Promise<RunResult>}
   */
  async function execute(params, quiet = false) {
    const cell = params.program.kind === 'cell';
    if (session && !cell) {
      throw new InvalidParamsError('python/run: this interpreter holds a Python session: it runs cells only');
    }
    // the last call's tidying, if still pending, is that of the call it followed
    const tidy = tidying.finish();
    session ||= cell;
    // Past its time limit a program's output stops: what it writes while it is being interrupted
    // (its flushed buffers, messages of the interrupt itself) is dropped, as the result's rest is.
    const send = (/** @type {import('./output.js').OutputBatch} */ batch) => {
      if (!interrupts.timedOut() && !quiet) output(batch);
    };
    const callOutput = createCallOutput({ limit: params.outputLimit, send, now, running: interrupts.armed });
    fatal = false;
    current = callOutput;
    scope.begin();
    if (!quiet) started();
    interrupts.arm(params.timeoutMs);
    try {
      // The params go to Python as JSON text, which it reads in one step (converting the object
      // field by field costs more than the rest of starting a call); their bytes go as they are.
      const { stdin, program, ...rest } = params;
      const { source, ...described } = /** @type {{source?: Uint8Array}} */ (program);
      const text = JSON.stringify({ ...rest, program: described });
      const exitCode = /** @type {number} */ (
        CAN_SUSPEND ? await runProgram.callPromising(text, stdin, source) : runProgram(text, stdin, source)
      );
      const [value, ended, end] = cell ? cellResult(cellOutcome) : [undefined, false, ''];
      return {
        exitCode,
        ...callOutput.rest(),
        timedOut: interrupts.timedOut(),
        intact: tidy && !ended,
        memoryBytes: memoryBytes(pyodide),
        ...(cell && { value }),
        ...(end && { cellEnd: end }),
      };
    } catch (error) {
      if (interrupts.timedOut()) {
        // Interrupted again while the runner put the interpreter back: its state is not to be trusted.
        return { exitCode: 1, stdout: EMPTY, stderr: EMPTY, timedOut: true, intact: false, memoryBytes: memoryBytes(pyodide) };
      }
      if (isStackOverflow(error)) {
        // The JavaScript stack ran out inside the interpreter's C code, which never unwound (what
        // reached the file descriptors since is Pyodide's dump of the Python stack): one line, and
        // Java replaces the interpreter.
        return {
          exitCode: 1,
          stdout: EMPTY,
          stderr: bytes(`${params.label}: ${STACK_OVERFLOW}\n`),
          timedOut: false,
          intact: false,
          memoryBytes: memoryBytes(pyodide),
        };
      }
      throw new InternalError(`the Python runner failed: ${lastLine(/** @type {Error} */ (error).message)}`, { cause: error });
    } finally {
      callOutput.rest();
      scope.end();
      interrupts.disarm();
      current = undefined;
      tidying.schedule();
    }
  }

  let queue = Promise.resolve();
  /**
   * @param {RunParams} checked
   * @param {boolean} [quiet]
   */
  const enqueue = (checked, quiet = false) => {
    const result = queue.then(() => execute(checked, quiet));
    queue = result.then(
      () => {},
      () => {},
    );
    return result;
  };
  return {
    async run(params) {
      return enqueue(checkRunParams(params));
    },
    async warmUp() {
      await enqueue(WARM_UP, true);
    },
  };
}

/** The first line Pyodide writes to console.error when it has a fatal error (before dumping the Python stack). */
export const FATAL_ERROR_LINE = 'Pyodide has suffered a fatal error. Please report this to the Pyodide maintainers.';

/** @type {(() => void)[]} */
const fatalListeners = [];

/**
 * Calls `listener` when Pyodide announces a fatal error (the JavaScript stack ran out inside the
 * interpreter's C code): it says so on console.error, then writes its dump of the Python stack to
 * file descriptor 1, which is no output of the program's and must never reach Java, however long
 * writing it takes (a slow machine passes the output's hold time while it does). The worker's
 * console.error, which no program reaches, is wrapped once.
 * @param {() => void} listener
 */
export function onFatalError(listener) {
  if (fatalListeners.length === 0) {
    const report = console.error;
    console.error = (/** @type {unknown[]} */ ...args) => {
      if (args[0] === FATAL_ERROR_LINE) fatalListeners.forEach((notify) => notify());
      report(...args);
    };
  }
  fatalListeners.push(listener);
}

/**
 * A program that does nothing, run once before the first call: the first run of the call path
 * compiles much of the interpreter's WebAssembly (about 17 ms with Pyodide 314), which a sidecar
 * waiting in the pool does ahead of its first call. It sends Java nothing.
 * @type {RunParams}
 */
const WARM_UP = Object.freeze({
  program: { kind: 'command', code: 'pass' },
  argv: ['-c'],
  path0: '',
  label: 'python3',
  flags: {
    optimize: 0, dontWriteBytecode: false, safePath: false, skipFirstLine: false, warnOptions: [], xOptions: [],
    quiet: false, unbuffered: false, ignoreEnvironment: false, isolated: false, noUserSite: false, noSite: false,
    pythonPath: [], ioEncoding: '', ioErrors: '', hashRandomization: true, utf8Mode: -1, intMaxStrDigits: -1,
  },
  cwd: '/',
  mounts: [],
  env: {},
  stdin: new Uint8Array(0),
  timeoutMs: null,
  outputLimit: 1 << 20,
});

const EMPTY = new Uint8Array(0);

const STACK_OVERFLOW =
  "stack overflow: the program recursed deeper than the interpreter's stack allows (sys.setrecursionlimit set too high?)";

/**
 * Whether `error` is V8's stack exhaustion, thrown out of the interpreter's WebAssembly code (deep
 * recursion through C under a raised sys.setrecursionlimit).
 * @param {unknown} error
 */
export function isStackOverflow(error) {
  return error instanceof RangeError && error.message === 'Maximum call stack size exceeded';
}

/**
 * The last non-empty line of `message`: for a Python exception, the line that names it.
 * @param {string} message
 */
export function lastLine(message) {
  const lines = String(message).split('\n').filter((line) => line.trim() !== '');
  return lines.length ? lines[lines.length - 1].trim() : String(message);
}

/** @param {string} text */
const bytes = (text) => new TextEncoder().encode(text);

/** SIGINT, what the interrupt buffer holds when Python is to raise KeyboardInterrupt. */
const SIGINT = 2;

/** How often a program that swallowed KeyboardInterrupt gets it again. */
const REPEAT_MS = 100;

/**
 * @typedef Interrupts
 * @property {ArrayLike<number>} buffer what `pyodide.setInterruptBuffer` takes: Python reads its
 *   element 0 between bytecodes and raises KeyboardInterrupt when it holds SIGINT
 * @property {(timeoutMs: number | null) => void} arm starts a program's time limit
 * @property {() => void} stop interrupts the running program now (it wrote past its output limit)
 * @property {() => void} disarm the program ended: nothing is interrupted any more
 * @property {() => boolean} pending whether the running program is being interrupted
 * @property {() => boolean} armed whether a program runs: between `arm` and `disarm`
 * @property {() => boolean} timedOut whether the last armed program ran past its time limit
 * @property {() => number} remainingMs how long until the running program is interrupted: 0 when
 *   it is being interrupted, Infinity without a time limit or a program
 * @property {() => void} watch from now on each poll passes the time to `onPoll`, until it
 *   returns false or `disarm`
 */

/**
 * Interrupts a program that runs past its time limit, on the thread it runs on: a busy loop holds
 * this thread, so no timer could fire, but Python polls the interrupt buffer between bytecodes,
 * and element 0 of this one is a getter that reads the clock. A program that catches the
 * KeyboardInterrupt gets it again every REPEAT_MS; one stuck in C code never polls, and Java
 * replaces its interpreter.
 *
 * The same polls (and the runner's, while the program sleeps) let `onPoll` see the time once
 * `watch` asked for it: the running call sends the output it holds (lib/output.js).
 *
 * @param {() => number} now
 * @param {(time: number) => boolean} [onPoll] whether it wants the next polls too
 * @param {Int32Array} [requested] set to 1 by another thread for a KeyboardInterrupt in the running
 *   program (python/interrupt); cleared when read, and when a program starts
 * @returns {Interrupts}
 */
export function createInterrupts(now, onPoll = () => false, requested = undefined) {
  let deadline = Infinity;
  let nextAt = Infinity;
  let timedOut = false;
  let overflowed = false;
  let watching = false;
  let armed = false;
  const buffer = {
    length: 1,
    get 0() {
      if (requested && Atomics.load(requested, 0) !== 0) {
        Atomics.store(requested, 0, 0);
        if (armed) return SIGINT;
      }
      if (nextAt === Infinity && !watching) return 0;
      const time = now();
      if (watching) watching = onPoll(time);
      if (time < nextAt) return 0;
      timedOut ||= time >= deadline;
      nextAt = time + REPEAT_MS;
      return SIGINT;
    },
    set 0(_value) {},
  };
  return {
    buffer,
    arm(timeoutMs) {
      // an interrupt asked for before this program started is not for it
      if (requested) Atomics.store(requested, 0, 0);
      deadline = timeoutMs === null ? Infinity : now() + timeoutMs;
      nextAt = deadline;
      timedOut = false;
      overflowed = false;
      armed = true;
    },
    stop() {
      overflowed = true;
      nextAt = Math.min(nextAt, now());
    },
    disarm() {
      timedOut ||= now() >= deadline;
      deadline = Infinity;
      nextAt = Infinity;
      watching = false;
      armed = false;
    },
    watch() {
      watching = true;
    },
    pending: () => {
      const time = now();
      if (watching) watching = onPoll(time);
      // Python raises KeyboardInterrupt itself when it finds the time limit passed (time.sleep):
      // that counts as this interrupt, so the buffer's next one comes REPEAT_MS later, as after its
      // own, and not while the runner puts the interpreter back.
      if (!overflowed && time >= deadline && time >= nextAt) {
        timedOut = true;
        nextAt = time + REPEAT_MS;
      }
      return overflowed || time >= deadline;
    },
    armed: () => armed,
    timedOut: () => timedOut,
    remainingMs: () => (overflowed ? 0 : Math.max(0, deadline - now())),
  };
}

/** @param {PyodideAPI} pyodide */
function memoryBytes(pyodide) {
  // @ts-ignore: _module is Pyodide's Emscripten module, not in its public types
  return pyodide._module.HEAPU8.byteLength;
}

/**
 * @typedef Tidying
 * @property {() => void} schedule a call has ended: tidy up once nothing else runs (after its
 *   result is sent), unless `finish` comes first
 * @property {() => boolean} finish a call starts: tidy up now if that is still to do; false when
 *   tidying up failed (the interpreter is then not to be trusted after this call)
 */

/**
 * What is left to do after a call, done while no call waits (so that the caller does not wait
 * for it), or at the latest when the next call starts.
 * @param {() => void} tidyUp
 * @returns {Tidying}
 */
export function createTidying(tidyUp) {
  /** @type {NodeJS.Immediate | undefined} */
  let pending;
  let failed = false;
  const run = () => {
    pending = undefined;
    try {
      tidyUp();
    } catch (e) {
      console.error('TIDYFAIL', String(e && e.message).slice(-3000));
      failed = true;
    }
  };
  return {
    schedule() {
      if (!pending) pending = setImmediate(run);
    },
    finish() {
      if (pending) {
        clearImmediate(pending);
        run();
      }
      const intact = !failed;
      failed = false;
      return intact;
    },
  };
}

/**
 * runner.py's `cell_outcome()` as [value, ended, end]: repr() of the last cell's final expression
 * (null for none), whether the cell ended the session's process (os._exit), and how an interactive
 * cell ended ('' when it ran, 'incomplete' or 'exit').
 * @param {PyCallable} cellOutcome
 * @returns {[string | null, boolean, string]}
 */
function cellResult(cellOutcome) {
  const outcome = cellOutcome();
  try {
    const value = outcome.get(0);
    const end = outcome.get(2);
    return [typeof value === 'string' ? value : null, outcome.get(1) === true, typeof end === 'string' ? end : ''];
  } finally {
    outcome.destroy?.();
  }
}

/**
 * @param {PyodideAPI} pyodide
 * @param {Record<string, Function>} bridge what mounts.py's `install` takes
 * @param {Interrupts} interrupts
 * @returns {{run: PyCallable, restoreShim: () => void, endCall: PyCallable, prepareCall: PyCallable, cellOutcome: PyCallable}}
 *   runner.py's `run(params)`; what puts the shim's machinery back as it was when loaded
 *   (python/fresh.py's `seal`); fresh.py's `end`, which puts back the interpreter's state after a
 *   call (called after restoreShim, so that it runs as loaded); and runner.py's `prepare`, which
 *   makes the next call's start (called after `end`); and runner.py's `cell_outcome`
 */
function loadRunner(pyodide, bridge, interrupts) {
  defineRunner(pyodide);
  const shim = pyodide.pyimport(SHIM_MODULE);
  const [mountsNamespace, freshNamespace, runnerNamespace] = [shim.mounts, shim.fresh, shim.runner];
  const [install, attach, seal] = [mountsNamespace.get('install'), runnerNamespace.get('attach'), freshNamespace.get('seal')];
  const mounts = install(bridge);
  try {
    attach(mounts, interrupts.pending, interrupts.disarm);
    return {
      run: runnerNamespace.get('run'),
      restoreShim: shimRestorer(pyodide, seal(shim)),
      endCall: freshNamespace.get('end'),
      prepareCall: runnerNamespace.get('prepare'),
      cellOutcome: runnerNamespace.get('cell_outcome'),
    };
  } finally {
    for (const proxy of [mounts, install, attach, seal, shim]) proxy.destroy();
  }
}

/**
 * Puts back the shim's Python machinery (runner, mount bridge, fresh-state reset) as `sealed`
 * recorded it: a program can reach and change every object of its interpreter, but not the
 * FunctionType, code object and immutable snapshot this keeps; each time, a new function is made
 * from the code and called with the snapshot.
 * @param {PyodideAPI} pyodide
 * @param {any} sealed python/fresh.py's `seal(shim)`: (FunctionType, code, snapshot)
 * @returns {() => void}
 */
function shimRestorer(pyodide, sealed) {
  const [functionType, code, snapshot] = [0, 1, 2].map((index) => sealed.get(index));
  sealed.destroy();
  // The restoring code looks up no global name, so what a program puts in this dict is never used.
  const globals = pyodide.toPy({});
  return () => {
    const restore = functionType(code, globals);
    try {
      restore(snapshot);
    } finally {
      restore.destroy();
    }
  };
}

/** The module in sys.modules that keeps the namespaces of the shim's Python files. */
const SHIM_MODULE = '_mirage4j_shim';

/**
 * Runs the shim's Python files (sqlite.py, mounts.py, fresh.py, functions.py, then runner.py) once per interpreter, each in a
 * namespace of its own kept in `sys.modules["_mirage4j_shim"]`. What they define, and the library
 * modules they import, hold nothing of JavaScript: index.js runs this before a memory snapshot is
 * made, so that an interpreter restored from it starts with them in place. Idempotent.
 *
 * @param {PyodideAPI} pyodide
 */
export function defineRunner(pyodide) {
  const helper = pyodide.toPy({});
  try {
    pyodide.runPython(DEFINE, { globals: helper });
    const [defined, define] = [helper.get('defined'), helper.get('define')];
    try {
      if (defined(SHIM_MODULE)) return;
      for (const [name, path] of [['sqlite', SQLITE_PATH], ['mounts', MOUNTS_PATH], ['fresh', FRESH_PATH], ['functions', FUNCTIONS_PATH], ['runner', RUNNER_PATH]]) {
        define(SHIM_MODULE, name, readFileSync(path, 'utf8'), path);
      }
    } finally {
      defined.destroy();
      define.destroy();
    }
  } finally {
    helper.destroy();
  }
}

const DEFINE = `
import sys, types
def defined(module):
    return module in sys.modules
def define(module, name, source, filename):
    namespace = {}
    exec(compile(source, filename, "exec", dont_inherit=True), namespace)
    setattr(sys.modules.setdefault(module, types.ModuleType(module)), name, namespace)
`;

/**
 * The fs/* requests mounts.py makes, one synchronous function each: Python waits for Java without
 * suspending its stack, so a mount works wherever Python runs. `fetch` reads a whole file with as
 * many `fs/read` requests as it takes and puts it in MEMFS at the same path, handing MEMFS the
 * received bytes without a copy. Each returns `{result}`, or `{error: {message, reason}}` when Java
 * refuses (reason: PROTOCOL.md's `data.reason`, missing for other failures); the other field is
 * undefined, which Python sees as None. None throws.
 * @param {AskJava} askJava
 * @param {any} fs Pyodide's Emscripten filesystem (writeFile; forgetCopy's node functions)
 * @param {Interrupts} interrupts `readStdin` gives up at the program's time limit, answering
 *   `{result: undefined, error: undefined}`: the program is interrupted, as one blocked in read(2)
 * @param {() => void} sendOutput sends the output the running call holds: `readStdin` does it
 *   first, so that what the program wrote (a prompt) reaches Java before the read
 */
function mountBridge(askJava, fs, interrupts, sendOutput) {
  const live = installLiveMounts(fs, askJava);
  /**
   * @param {string} method
   * @param {Record<string, unknown>} params
   */
  const ask = (method, params) => answer(() => askJava(method, params));
  /**
   * @param {() => unknown} work
   * @param {(result: any) => unknown} [finish] what the result becomes
   */
  const answer = (work, finish = (result) => result) => {
    let result;
    try {
      result = work();
    } catch (failure) {
      const error = /** @type {Error & {data?: {reason?: unknown}}} */ (failure);
      return { result: undefined, error: { message: error.message, reason: error.data?.reason } };
    }
    return { result: finish(result), error: undefined };
  };
  return {
    stat: (/** @type {string} */ path) => ask(Methods.FS_STAT, { path }),
    list: (/** @type {string} */ path) => ask(Methods.FS_LIST, { path }),
    fetch: (/** @type {string} */ path) =>
      answer(
        () => readWhole(askJava, path),
        (/** @type {Uint8Array} */ data) => {
          live.quietly(() => fs.writeFile(path, data, { canOwn: true }));
          return {};
        },
      ),
    write: (/** @type {string} */ path, /** @type {Uint8Array} */ data) => ask(Methods.FS_WRITE, { path, data }),
    mkdir: (/** @type {string} */ path) => ask(Methods.FS_MKDIR, { path }),
    remove: (/** @type {string} */ path) => ask(Methods.FS_REMOVE, { path }),
    rmdir: (/** @type {string} */ path) => ask(Methods.FS_RMDIR, { path }),
    rename: (/** @type {string} */ from, /** @type {string} */ to) => ask(Methods.FS_RENAME, { from, to }),
    chmod: (/** @type {string} */ path, /** @type {number} */ mode) => ask(Methods.FS_CHMOD, { path, mode }),
    hostCall: (/** @type {string} */ name, /** @type {string} */ text, /** @type {Uint8Array[]} */ ...blobs) => {
      sendOutput();
      return answer(
        () => askJava(Methods.HOST_CALL, { name, args: parseWithBytes(text, blobs) }, interrupts.remainingMs()),
        (result) => (result === undefined ? undefined : stringifyWithBytes(result)),
      );
    },
    readStdin: (/** @type {number} */ length) => {
      sendOutput();
      return answer(() => askJava(Methods.STDIN_READ, { length }, interrupts.remainingMs()));
    },
    forget: (/** @type {string} */ path) => live.quietly(() => forgetCopy(fs, path)),
    route: live.route,
    enterQuiet: live.enterQuiet,
    leaveQuiet: live.leaveQuiet,
    keepLocal: live.keepLocal,
  };
}

/**
 * The value of JSON `text` in which each object `{"$bin": k}` stands for `blobs[k]`
 * (python/functions.py writes the arguments of a host function so).
 * @param {string} text
 * @param {Uint8Array[]} blobs
 * @returns {unknown}
 */
export function parseWithBytes(text, blobs) {
  // Only text that names the key, or escapes a character (which might spell it), can hold one.
  if (blobs.length === 0 && !text.includes('$bin') && !text.includes('\\u')) return JSON.parse(text);
  return JSON.parse(text, (_key, value) => {
    if (!isRecord(value) || !Object.hasOwn(value, '$bin')) return value;
    // Any other object with the key would break the frame Java reads (PROTOCOL.md, $bin)
    if (Object.keys(value).length !== 1) throw invalidArguments("the key '$bin' is reserved");
    const blob = Number.isInteger(value.$bin) ? blobs[/** @type {number} */ (value.$bin)] : undefined;
    if (!(blob instanceof Uint8Array)) throw invalidArguments(`no bytes value ${JSON.stringify(value.$bin)}`);
    return blob;
  });
}

/** @param {string} message */
function invalidArguments(message) {
  return Object.assign(new InvalidParamsError(message), { data: { reason: 'INVALID' } });
}

/**
 * `value` (Java's result of a host/call) as JSON text in which each Uint8Array is an object
 * `{"$bin": k}`, its bytes `blobs[k]`: what python/functions.py reads.
 * @param {unknown} value
 * @returns {{text: string, blobs: Uint8Array[]}}
 */
export function stringifyWithBytes(value) {
  /** @type {Uint8Array[]} */
  const blobs = [];
  const text = JSON.stringify(value, (_key, item) => {
    if (item instanceof Uint8Array) {
      blobs.push(item);
      return { $bin: blobs.length - 1 };
    }
    return item;
  });
  return { text: text === undefined ? 'null' : text, blobs };
}

/**
 * Removes the MEMFS tree at `path` (a mount prefix, never `/`) node by node, so that names MEMFS
 * stored garbled (a name that was not UTF-8, made behind mounts.py's hooks) go too: no path string
 * reaches them any more. Nothing happens when `path` is missing.
 * @param {any} fs Pyodide's Emscripten filesystem
 * @param {string} path
 */
function forgetCopy(fs, path) {
  if (path === '/') return;
  let node;
  try {
    node = fs.lookupPath(path, { follow: false }).node;
  } catch {
    return;
  }
  /**
   * @param {any} parent
   * @param {any} child
   */
  const remove = (parent, child) => {
    if (fs.isDir(child.mode)) {
      for (const name of child.node_ops.readdir(child)) {
        if (name !== '.' && name !== '..') remove(child, fs.lookupNode(child, name));
      }
      parent.node_ops.rmdir(parent, child.name);
    } else {
      parent.node_ops.unlink(parent, child.name);
    }
    fs.destroyNode(child);
  };
  remove(node.parent, node);
}

/** @typedef {[test: (value: unknown) => boolean, requirement: string]} Rule */

const BYTES = /** @type {Rule} */ ([(value) => value instanceof Uint8Array, 'bytes ({"$bin": [offset, length]})']);
const BOOLEAN = /** @type {Rule} */ ([(value) => typeof value === 'boolean', 'a boolean']);
const STRING = /** @type {Rule} */ ([(value) => typeof value === 'string', 'a string']);
const STRINGS = /** @type {Rule} */ ([isStringArray, 'an array of strings']);

/** @type {Map<unknown, Record<string, Rule>>} the fields of a program of each kind, besides `kind` */
const PROGRAM_FIELDS = new Map([
  ['cell', { code: STRING, interactive: [(value) => value === undefined || typeof value === 'boolean', 'a boolean'] }],
  ['command', { code: STRING }],
  ['module', { name: STRING }],
  ['script', { path: [isAbsolutePath, 'an absolute path'], source: BYTES }],
  ['application', { path: [isAbsolutePath, 'an absolute path'] }],
  ['stdin', { source: BYTES }],
]);

/** @type {Rule} */
const PROGRAM_KIND = [(value) => PROGRAM_FIELDS.has(value), '"cell", "command", "module", "script", "application" or "stdin"'];

/** @type {Record<string, Rule>} */
const MOUNT_FIELDS = {
  prefix: [isMountPrefix, 'an absolute, normalised path'],
  mode: [(value) => value === 'read' || value === 'write' || value === 'exec', '"read", "write" or "exec"'],
};

/** @type {Record<string, Rule>} */
const FUNCTION_FIELDS = {
  name: [(value) => typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(value), 'a Python identifier'],
  description: STRING,
  schema: [isRecord, 'an object'],
};

/** @type {Record<string, Rule>} */
const FLAG_FIELDS = {
  optimize: [(value) => Number.isSafeInteger(value) && /** @type {number} */ (value) >= 0, 'a non-negative integer'],
  dontWriteBytecode: BOOLEAN,
  safePath: BOOLEAN,
  skipFirstLine: BOOLEAN,
  warnOptions: STRINGS,
  xOptions: STRINGS,
  quiet: BOOLEAN,
  unbuffered: BOOLEAN,
  ignoreEnvironment: BOOLEAN,
  isolated: BOOLEAN,
  noUserSite: BOOLEAN,
  noSite: BOOLEAN,
  pythonPath: STRINGS,
  ioEncoding: STRING,
  ioErrors: STRING,
  hashRandomization: BOOLEAN,
  utf8Mode: [(value) => value === -1 || value === 0 || value === 1, '-1, 0 or 1'],
  intMaxStrDigits: [(value) => Number.isSafeInteger(value) && /** @type {number} */ (value) >= -1, 'an integer from -1 up'],
};

/**
 * @param {Record<string, unknown>} params
 * @returns {RunParams} the params python/run knows, and nothing else
 * @throws {InvalidParamsError}
 */
function checkRunParams(params) {
  const { program, argv, path0, label, flags, cwd, mounts, env, stdin, stdinStream = false, timeoutMs, outputLimit, functions = [] } = params;
  const kind = isRecord(program) ? program.kind : undefined;
  checkFields('program', program, { kind: PROGRAM_KIND, ...PROGRAM_FIELDS.get(kind) });
  expect(isStringArray(argv), 'argv must be an array of strings', argv);
  expect(path0 === null || typeof path0 === 'string', 'path0 must be a string or null', path0);
  expect(typeof label === 'string' && label !== '', 'label must be a non-empty string', label);
  checkFields('flags', flags, FLAG_FIELDS);
  expect(isAbsolutePath(cwd), 'cwd must be an absolute path', cwd);
  expect(Array.isArray(mounts), 'mounts must be an array', mounts);
  for (const [index, mount] of /** @type {unknown[]} */ (mounts).entries()) {
    checkFields(`mounts[${index}]`, mount, MOUNT_FIELDS);
  }
  expect(isRecord(env) && Object.entries(env).every(isEnvironmentVariable), 'env must map variable names to strings', env);
  expect(stdin instanceof Uint8Array, 'stdin must be bytes ({"$bin": [offset, length]})', stdin);
  expect(typeof stdinStream === 'boolean', 'stdinStream must be a boolean', stdinStream);
  expect(timeoutMs === null || (typeof timeoutMs === 'number' && timeoutMs > 0), 'timeoutMs must be a positive number or null', timeoutMs);
  expect(Number.isSafeInteger(outputLimit) && /** @type {number} */ (outputLimit) > 0, 'outputLimit must be a positive integer', outputLimit);
  expect(Array.isArray(functions), 'functions must be an array', functions);
  for (const [index, fn] of /** @type {unknown[]} */ (functions).entries()) {
    checkFields(`functions[${index}]`, fn, FUNCTION_FIELDS);
  }
  const stream = stdinStream ? { stdinStream } : {};
  const offered = /** @type {unknown[]} */ (functions).length > 0 ? { functions } : {};
  return /** @type {RunParams} */ ({ program, argv, path0, label, flags, cwd, mounts, env, stdin, ...stream, timeoutMs, outputLimit, ...offered });
}

/**
 * Checks that `value` is an object with exactly the fields `rules` name, each passing its rule.
 * @param {string} name
 * @param {unknown} value
 * @param {Record<string, Rule>} rules
 */
function checkFields(name, value, rules) {
  expect(isRecord(value), `${name} must be an object`, value);
  const object = /** @type {Record<string, unknown>} */ (value);
  for (const [field, [test, requirement]] of Object.entries(rules)) {
    expect(test(object[field]), `${name}.${field} must be ${requirement}`, object[field]);
  }
  for (const [field, fieldValue] of Object.entries(object)) {
    expect(Object.hasOwn(rules, field), `${name}.${field} must not be given`, fieldValue);
  }
}

/**
 * @param {boolean} condition
 * @param {string} requirement
 * @param {unknown} actual
 */
function expect(condition, requirement, actual) {
  if (!condition) throw new InvalidParamsError(`python/run: ${requirement}, got ${describe(actual)}`);
}

/** @param {unknown} value */
function isStringArray(value) {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * @param {unknown} value
 * @returns {value is string}
 */
function isAbsolutePath(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.includes('\0');
}

/** @param {unknown} value */
function isMountPrefix(value) {
  return isAbsolutePath(value) && posix.normalize(value) === value && (value === '/' || !value.endsWith('/'));
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

