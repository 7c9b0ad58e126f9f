// @ts-check

/**
 * JSON-RPC error codes, shared with the Java side through
 * `test-fixtures/protocol/error-codes.json`.
 */
export const ErrorCodes = Object.freeze({
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  RESOURCE_NOT_FOUND: -32001,
  READ_ONLY: -32002,
  CANCELLED: -32003,
  TIMEOUT: -32004,
  FS_ERROR: -32005,
  HOST_FUNCTION: -32006,
});

/** Base class of every error the shim throws; `code` is the JSON-RPC code it is answered with. */
export class ShimError extends Error {
  name = 'ShimError';
  /** @type {number} */
  code = ErrorCodes.INTERNAL_ERROR;
}

/** The byte stream does not hold a valid frame; the connection cannot continue. */
export class ProtocolError extends ShimError {
  name = 'ProtocolError';
  code = ErrorCodes.PARSE_ERROR;
}

/** The JSON text of a frame does not parse; the frame is skipped and answered. */
export class ParseError extends ShimError {
  name = 'ParseError';
  code = ErrorCodes.PARSE_ERROR;
}

/** The message is not a JSON-RPC 2.0 request, notification or response. */
export class InvalidRequestError extends ShimError {
  name = 'InvalidRequestError';
  code = ErrorCodes.INVALID_REQUEST;
}

export class MethodNotFoundError extends ShimError {
  name = 'MethodNotFoundError';
  code = ErrorCodes.METHOD_NOT_FOUND;
}

export class InvalidParamsError extends ShimError {
  name = 'InvalidParamsError';
  code = ErrorCodes.INVALID_PARAMS;
}

export class InternalError extends ShimError {
  name = 'InternalError';
  code = ErrorCodes.INTERNAL_ERROR;
}

export class ResourceNotFoundError extends ShimError {
  name = 'ResourceNotFoundError';
  code = ErrorCodes.RESOURCE_NOT_FOUND;
}

export class ReadOnlyError extends ShimError {
  name = 'ReadOnlyError';
  code = ErrorCodes.READ_ONLY;
}

/** The request was cancelled, or the connection closed before it was answered. */
export class CancelledError extends ShimError {
  name = 'CancelledError';
  code = ErrorCodes.CANCELLED;
}

export class TimeoutError extends ShimError {
  name = 'TimeoutError';
  code = ErrorCodes.TIMEOUT;
}

/** The other side answered a request with an error response. */
export class RemoteError extends ShimError {
  name = 'RemoteError';

  /**
   * @param {number} code the `error.code` of the response
   * @param {string} message the `error.message` of the response
   * @param {unknown} [data] the `error.data` of the response
   */
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}
