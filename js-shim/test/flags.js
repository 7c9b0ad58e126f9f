// @ts-check

/** The `flags` of a python/run call with no command-line options and no PYTHON* variable, as Java sends them. */
export const NO_FLAGS = Object.freeze({
  optimize: 0,
  dontWriteBytecode: false,
  safePath: false,
  skipFirstLine: false,
  warnOptions: [],
  xOptions: [],
  quiet: false,
  unbuffered: false,
  ignoreEnvironment: false,
  isolated: false,
  noUserSite: false,
  noSite: false,
  pythonPath: [],
  ioEncoding: '',
  ioErrors: '',
  hashRandomization: true,
  utf8Mode: -1,
  intMaxStrDigits: -1,
});

/** The limits of a python/run call that Java sends without a time limit, with its default output cap. */
export const NO_LIMITS = Object.freeze({ timeoutMs: null, outputLimit: 16 * 1024 * 1024 });

/**
 * The params of a python/run call of `python3 -c CODE` in /tmp, with no mounts, environment,
 * input, options or time limit.
 * @param {string} code
 */
export function commandParams(code) {
  return {
    program: { kind: 'command', code },
    argv: ['-c'],
    path0: '',
    label: 'python3',
    flags: NO_FLAGS,
    cwd: '/tmp',
    mounts: [],
    env: {},
    stdin: new Uint8Array(),
    ...NO_LIMITS,
  };
}
