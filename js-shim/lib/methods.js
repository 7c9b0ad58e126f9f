// @ts-check

/**
 * JSON-RPC method names, shared with the Java side through
 * `test-fixtures/protocol/methods.json`.
 */
export const Methods = Object.freeze({
  READY: '$/ready',
  CANCEL_REQUEST: '$/cancelRequest',
  PYTHON_RUN: 'python/run',
  SHUTDOWN: 'shutdown',
});
