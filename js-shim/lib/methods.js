// @ts-check

/**
 * JSON-RPC method names, shared with the Java side through
 * `test-fixtures/protocol/methods.json`.
 */
export const Methods = Object.freeze({
  READY: '$/ready',
  RUNNING: '$/running',
  OUTPUT: '$/output',
  CRASHED: '$/crashed',
  INTERPRETER_START: 'interpreter/start',
  INTERPRETER_STOP: 'interpreter/stop',
  CANCEL_REQUEST: '$/cancelRequest',
  PYTHON_RUN: 'python/run',
  PYTHON_INSTALL: 'python/install',
  PYTHON_INTERRUPT: 'python/interrupt',
  SHUTDOWN: 'shutdown',
  FS_STAT: 'fs/stat',
  FS_LIST: 'fs/list',
  FS_READ: 'fs/read',
  FS_WRITE: 'fs/write',
  FS_MKDIR: 'fs/mkdir',
  FS_REMOVE: 'fs/remove',
  FS_RMDIR: 'fs/rmdir',
  FS_RENAME: 'fs/rename',
  FS_CHMOD: 'fs/chmod',
  STDIN_READ: 'stdin/read',
  HOST_CALL: 'host/call',
});
