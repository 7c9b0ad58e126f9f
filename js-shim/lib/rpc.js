// @ts-check
import {
  CancelledError,
  ErrorCodes,
  InvalidParamsError,
  InvalidRequestError,
  MethodNotFoundError,
  ParseError,
  ProtocolError,
  RemoteError,
  ShimError,
} from './errors.js';
import { encodeFrame, FrameDecoder } from './framing.js';

/**
 * @typedef {string | number} RequestId
 * @typedef {Record<string, unknown>} Params
 *
 * @typedef Request
 * @property {'2.0'} jsonrpc
 * @property {RequestId} id
 * @property {string} method
 * @property {Params} params
 *
 * @typedef Notification
 * @property {'2.0'} jsonrpc
 * @property {string} method
 * @property {Params} params
 *
 * @typedef ResponseError
 * @property {number} code
 * @property {string} message
 * @property {unknown} [data]
 *
 * @typedef {{jsonrpc: '2.0', id: RequestId | null, result: unknown}
 *   | {jsonrpc: '2.0', id: RequestId | null, error: ResponseError}} Response
 *
 * @typedef {(params: Params) => unknown} Handler
 *   Answers one method; may return a promise. A thrown ShimError is answered with its code.
 *
 * @typedef RpcOptions
 * @property {import('node:stream').Readable} input frames from the other side
 * @property {import('node:stream').Writable} output frames to the other side, one `write` per frame
 * @property {Record<string, Handler>} handlers the requests and notifications this side answers, by method
 * @property {(error: ProtocolError) => void} onProtocolError called once when the input breaks the
 *   framing rules; the connection is closed by then
 * @property {(line: string) => void} [log] diagnostics, one line each (default: `console.error`)
 *
 * @typedef Rpc
 * @property {(method: string, params: Params) => Promise<unknown>} request sends a request and
 *   resolves with its result; rejects with RemoteError on an error response and with
 *   CancelledError when the connection closes first
 * @property {(method: string, params: Params) => void} notify sends a notification
 * @property {() => Promise<void>} close stops reading, rejects the requests still waiting for an
 *   answer, and resolves once every request received so far has been answered and written out
 */

/**
 * Connects one JSON-RPC 2.0 endpoint to a pair of byte streams.
 *
 * @param {RpcOptions} options
 * @returns {Rpc}
 */
export function createRpc({ input, output, handlers, onProtocolError, log = console.error }) {
  const decoder = new FrameDecoder();
  /** @type {Map<RequestId, {method: string, resolve: (result: unknown) => void, reject: (error: Error) => void}>} */
  const waiting = new Map();
  /** @type {Set<Promise<void>>} */
  const answering = new Set();
  let lastWrite = Promise.resolve();
  let nextId = 1;
  let closed = false;

  const onEnd = () => stop('the input ended');
  input.on('data', onData);
  input.once('end', onEnd);
  input.once('close', onEnd);

  /** @param {Uint8Array} chunk */
  function onData(chunk) {
    let messages;
    try {
      messages = decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      stop('a protocol error ended the connection');
      onProtocolError(error);
      return;
    }
    for (const message of messages) receive(message);
  }

  /** @param {unknown} message */
  function receive(message) {
    if (message instanceof ParseError) {
      send(errorResponse(null, message));
    } else if (Array.isArray(message)) {
      send(errorResponse(null, new InvalidRequestError('batches are not supported')));
    } else if (!isRecord(message) || message.jsonrpc !== '2.0') {
      send(errorResponse(null, new InvalidRequestError('not a JSON-RPC 2.0 message object')));
    } else if (Object.hasOwn(message, 'method')) {
      receiveCall(message);
    } else if (Object.hasOwn(message, 'result') || Object.hasOwn(message, 'error')) {
      receiveResponse(message);
    } else {
      send(errorResponse(null, new InvalidRequestError('message has neither "method" nor "result" nor "error"')));
    }
  }

  /** @param {Record<string, unknown>} message a request or a notification */
  function receiveCall(message) {
    const { id, method, params } = message;
    if (typeof method !== 'string') {
      send(errorResponse(null, new InvalidRequestError('"method" must be a string')));
    } else if (!Object.hasOwn(message, 'id')) {
      if (Object.hasOwn(handlers, method)) {
        Promise.resolve()
          .then(() => call(method, params))
          .catch((error) => log(`notification ${method} failed: ${error.message}`));
      }
    } else if (typeof id !== 'string' && typeof id !== 'number') {
      send(errorResponse(null, new InvalidRequestError('"id" must be a string or a number')));
    } else {
      // Answered from a later microtask, so that close() called by the handler already waits for it.
      const answered = Promise.resolve().then(() => answer(id, method, params));
      answering.add(answered);
      answered.finally(() => answering.delete(answered));
    }
  }

  /**
   * @param {RequestId} id
   * @param {string} method
   * @param {unknown} params
   */
  async function answer(id, method, params) {
    /** @type {Response} */
    let response;
    try {
      response = { jsonrpc: '2.0', id, result: (await call(method, params)) ?? null };
    } catch (error) {
      response = errorResponse(id, error);
    }
    try {
      send(response);
    } catch (error) {
      send(errorResponse(id, error));
    }
  }

  /**
   * @param {string} method
   * @param {unknown} params
   */
  async function call(method, params) {
    if (!Object.hasOwn(handlers, method)) throw new MethodNotFoundError(`unknown method "${method}"`);
    if (!isRecord(params)) throw new InvalidParamsError(`params of "${method}" must be an object`);
    return handlers[method](params);
  }

  /** @param {Record<string, unknown>} message */
  function receiveResponse(message) {
    const { id } = message;
    const request = (typeof id === 'string' || typeof id === 'number') && waiting.get(id);
    if (!request) {
      log(`dropped a response with id ${JSON.stringify(id)}: no request of ours is waiting for it`);
      return;
    }
    waiting.delete(/** @type {RequestId} */ (id));
    if (Object.hasOwn(message, 'error')) request.reject(remoteError(message.error));
    else request.resolve(message.result);
  }

  /** @param {string} reason why no answer can come any more */
  function stop(reason) {
    if (closed) return;
    closed = true;
    input.off('data', onData);
    input.off('end', onEnd);
    input.off('close', onEnd);
    for (const [id, { method, reject }] of waiting) {
      reject(new CancelledError(`request ${id} (${method}) was not answered: ${reason}`));
    }
    waiting.clear();
  }

  /** @param {object} message */
  function send(message) {
    const frame = encodeFrame(message);
    lastWrite = new Promise((resolve) => output.write(frame, () => resolve()));
  }

  return {
    request(method, params) {
      if (closed) {
        return Promise.reject(new CancelledError(`cannot send request ${method}: the connection is closed`));
      }
      const id = `n${nextId++}`;
      return new Promise((resolve, reject) => {
        waiting.set(id, { method, resolve, reject });
        try {
          send({ jsonrpc: '2.0', id, method, params });
        } catch (error) {
          waiting.delete(id);
          reject(error);
        }
      });
    },

    notify(method, params) {
      send({ jsonrpc: '2.0', method, params });
    },

    async close() {
      stop('the connection was closed');
      await Promise.allSettled(answering);
      await lastWrite;
    },
  };
}

/**
 * @param {RequestId | null} id
 * @param {unknown} error
 * @returns {Response}
 */
function errorResponse(id, error) {
  if (error instanceof ShimError) {
    const data = /** @type {{data?: unknown}} */ (error).data;
    return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, ...(data !== undefined && { data }) } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { jsonrpc: '2.0', id, error: { code: ErrorCodes.INTERNAL_ERROR, message } };
}

/** @param {unknown} error the `error` member of a response */
function remoteError(error) {
  if (isRecord(error) && Number.isInteger(error.code) && typeof error.message === 'string') {
    return new RemoteError(/** @type {number} */ (error.code), error.message, error.data);
  }
  return new RemoteError(ErrorCodes.INTERNAL_ERROR, `malformed error response: ${JSON.stringify(error)}`);
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
