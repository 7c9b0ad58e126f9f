// @ts-check
import { ParseError, ProtocolError } from './errors.js';

/** Largest JSON text a frame may carry, in bytes. */
export const MAX_JSON_LENGTH = 16 * 1024 * 1024;
/** Largest binary attachment a frame may carry, in bytes. */
export const MAX_BINARY_LENGTH = 1024 * 1024 * 1024;
/** Largest header line, in bytes, not counting its CRLF. */
export const MAX_HEADER_LINE_LENGTH = 64;

const LENGTH_VALUE = /^(0|[1-9][0-9]*)$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Encodes one message as a frame. Every Uint8Array inside `message` travels in the binary
 * attachment, in order, and is replaced in the JSON text by `{"$bin": [offset, length]}`.
 *
 * @param {object} message a JSON-RPC message
 * @returns {Buffer} the whole frame: header, JSON text, attachment
 * @throws {ProtocolError} when the JSON text or the attachment is over its cap
 */
export function encodeFrame(message) {
  /** @type {Uint8Array[]} */
  const attachments = [];
  let binaryLength = 0;
  const text = JSON.stringify(message, function (key, value) {
    // `value` has been through toJSON already (a Buffer arrives as {type, data}): test the original.
    const original = this[key];
    if (!(original instanceof Uint8Array)) return value;
    attachments.push(original);
    const ref = { $bin: [binaryLength, original.byteLength] };
    binaryLength += original.byteLength;
    return ref;
  });
  const json = Buffer.from(text, 'utf8');
  if (json.length > MAX_JSON_LENGTH) {
    throw new ProtocolError(`cannot send ${json.length} bytes of JSON: the cap is ${MAX_JSON_LENGTH}`);
  }
  if (binaryLength > MAX_BINARY_LENGTH) {
    throw new ProtocolError(`cannot send ${binaryLength} bytes of binary data: the cap is ${MAX_BINARY_LENGTH}`);
  }
  let header = `Content-Length: ${json.length}\r\n`;
  if (binaryLength > 0) header += `Binary-Length: ${binaryLength}\r\n`;
  return Buffer.concat([Buffer.from(`${header}\r\n`, 'latin1'), json, ...attachments]);
}

/**
 * Reassembles frames from a byte stream that arrives in chunks of any size.
 *
 * A frame whose JSON text does not parse comes out as a ParseError in place of its message: its
 * length was known, so the stream stays in sync. Anything else that breaks the rules throws a
 * ProtocolError, after which the decoder must not be used again.
 */
export class FrameDecoder {
  /** The header line read so far, with its CRLF. */
  #line = new Uint8Array(MAX_HEADER_LINE_LENGTH + 2);
  #lineLength = 0;
  /** @type {number | undefined} */
  #contentLength;
  /** @type {number | undefined} */
  #binaryLength;
  /** JSON text and attachment of the current frame, once its header is complete. @type {Uint8Array | undefined} */
  #body;
  #bodyFilled = 0;

  /**
   * @param {Uint8Array} chunk the next bytes of the stream
   * @returns {unknown[]} the messages this chunk completes, in order, with `$bin` references
   *   replaced by Uint8Arrays (views into the frame's attachment)
   * @throws {ProtocolError}
   */
  push(chunk) {
    /** @type {unknown[]} */
    const decoded = [];
    let offset = 0;
    for (;;) {
      if (this.#body && this.#bodyFilled === this.#body.length) {
        decoded.push(this.#takeMessage());
      } else if (offset === chunk.length) {
        return decoded;
      } else if (this.#body) {
        offset = this.#readBody(chunk, offset);
      } else {
        offset = this.#readHeader(chunk, offset);
      }
    }
  }

  /**
   * @param {Uint8Array} chunk
   * @param {number} offset
   * @returns {number} the offset after the bytes consumed
   */
  #readHeader(chunk, offset) {
    const newline = chunk.indexOf(0x0a, offset);
    const end = newline === -1 ? chunk.length : newline + 1;
    const room = this.#line.length - this.#lineLength;
    if (end - offset > room) {
      this.#line.set(chunk.subarray(offset, offset + room), this.#lineLength);
      throw new ProtocolError(`header line longer than ${MAX_HEADER_LINE_LENGTH} bytes: ${quote(latin1(this.#line))}...`);
    }
    this.#line.set(chunk.subarray(offset, end), this.#lineLength);
    this.#lineLength += end - offset;
    if (newline !== -1) {
      const line = latin1(this.#line.subarray(0, this.#lineLength));
      this.#lineLength = 0;
      this.#acceptHeaderLine(line);
    }
    return end;
  }

  /** @param {string} line a complete header line, ending with "\n" */
  #acceptHeaderLine(line) {
    if (!line.endsWith('\r\n')) throw new ProtocolError(`header line does not end with CRLF: ${quote(line)}`);
    const text = line.slice(0, -2);
    if (text === '') {
      this.#startBody();
      return;
    }
    const separator = text.indexOf(': ');
    const name = separator === -1 ? undefined : text.slice(0, separator);
    const value = text.slice(separator + 2);
    if (name === 'Content-Length' && this.#contentLength === undefined) {
      this.#contentLength = parseLength(name, value, MAX_JSON_LENGTH);
    } else if (name === 'Binary-Length' && this.#contentLength !== undefined && this.#binaryLength === undefined) {
      this.#binaryLength = parseLength(name, value, MAX_BINARY_LENGTH);
    } else {
      throw new ProtocolError(`unexpected header line ${quote(text)}: expected ${this.#expectedHeader()}`);
    }
  }

  #expectedHeader() {
    if (this.#contentLength === undefined) return '"Content-Length: <n>"';
    if (this.#binaryLength === undefined) return '"Binary-Length: <n>" or the empty line';
    return 'the empty line';
  }

  #startBody() {
    if (this.#contentLength === undefined) throw new ProtocolError('frame header has no Content-Length');
    this.#body = new Uint8Array(this.#contentLength + (this.#binaryLength ?? 0));
    this.#bodyFilled = 0;
  }

  /**
   * @param {Uint8Array} chunk
   * @param {number} offset
   * @returns {number} the offset after the bytes consumed
   */
  #readBody(chunk, offset) {
    const body = /** @type {Uint8Array} */ (this.#body);
    const count = Math.min(body.length - this.#bodyFilled, chunk.length - offset);
    body.set(chunk.subarray(offset, offset + count), this.#bodyFilled);
    this.#bodyFilled += count;
    return offset + count;
  }

  #takeMessage() {
    const body = /** @type {Uint8Array} */ (this.#body);
    const jsonLength = /** @type {number} */ (this.#contentLength);
    this.#body = undefined;
    this.#contentLength = undefined;
    this.#binaryLength = undefined;
    return decodeMessage(body.subarray(0, jsonLength), body.subarray(jsonLength));
  }
}

/**
 * @param {string} name
 * @param {string} value
 * @param {number} cap
 */
function parseLength(name, value, cap) {
  if (!LENGTH_VALUE.test(value)) {
    throw new ProtocolError(`${name} must be decimal digits without sign or leading zeros, got ${quote(value)}`);
  }
  const length = Number(value);
  if (length > cap) throw new ProtocolError(`${name} ${value} is over the cap of ${cap} bytes`);
  return length;
}

/**
 * @param {Uint8Array} json
 * @param {Uint8Array} attachment
 * @returns {unknown} the message, or a ParseError when the JSON text does not parse
 */
function decodeMessage(json, attachment) {
  let message;
  try {
    message = JSON.parse(UTF8.decode(json));
  } catch (error) {
    return new ParseError(`frame JSON does not parse: ${/** @type {Error} */ (error).message}`, { cause: error });
  }
  return resolveBinaryRefs(message, attachment);
}

/**
 * Replaces every `{"$bin": [offset, length]}` inside `value` by that range of the attachment.
 *
 * @param {unknown} value
 * @param {Uint8Array} attachment
 * @returns {unknown}
 */
function resolveBinaryRefs(value, attachment) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = resolveBinaryRefs(value[i], attachment);
    return value;
  }
  const object = /** @type {Record<string, unknown>} */ (value);
  if (Object.hasOwn(object, '$bin')) return readBinaryRef(object, attachment);
  for (const key of Object.keys(object)) object[key] = resolveBinaryRefs(object[key], attachment);
  return object;
}

/**
 * @param {Record<string, unknown>} ref an object with a `$bin` key
 * @param {Uint8Array} attachment
 * @returns {Uint8Array}
 */
function readBinaryRef(ref, attachment) {
  const keys = Object.keys(ref);
  if (keys.length !== 1) throw new ProtocolError(`"$bin" must be alone in its object, found keys ${JSON.stringify(keys)}`);
  const range = ref.$bin;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new ProtocolError(`"$bin" must be [offset, length] of non-negative integers, got ${JSON.stringify(range)}`);
  }
  const [offset, length] = range;
  if (offset + length > attachment.length) {
    throw new ProtocolError(`"$bin" [${offset}, ${length}] lies outside the ${attachment.length}-byte attachment`);
  }
  return attachment.subarray(offset, offset + length);
}

/** @param {Uint8Array} bytes */
function latin1(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** @param {string} text */
function quote(text) {
  return JSON.stringify(text);
}
