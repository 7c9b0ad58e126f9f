// @ts-check
import assert from 'node:assert/strict';
import test from 'node:test';
import { ParseError, ProtocolError } from './errors.js';
import { encodeFrame, FrameDecoder, MAX_BINARY_LENGTH, MAX_JSON_LENGTH } from './framing.js';

const bytes = (/** @type {string} */ text) => new Uint8Array(Buffer.from(text, 'utf8'));
const latin1 = (/** @type {string} */ text) => new Uint8Array(Buffer.from(text, 'latin1'));

/**
 * Feeds `input` to a fresh decoder in pieces of `size` bytes.
 * @param {Uint8Array} input
 * @param {number} size
 */
function decodeInChunks(input, size) {
  const decoder = new FrameDecoder();
  const messages = [];
  for (let offset = 0; offset < input.length; offset += size) {
    messages.push(...decoder.push(input.subarray(offset, offset + size)));
  }
  return messages;
}

/** @param {string | Uint8Array} input */
function decodeAll(input) {
  return new FrameDecoder().push(typeof input === 'string' ? latin1(input) : input);
}

/**
 * @param {string | Uint8Array} input
 * @param {RegExp} message
 */
function assertRejected(input, message) {
  assert.throws(() => decodeAll(input), (error) => {
    assert.ok(error instanceof ProtocolError, `expected ProtocolError, got ${error}`);
    assert.match(error.message, message);
    return true;
  });
}

test('encodeFrame', async (t) => {
  await t.test('writes Content-Length and omits Binary-Length when there are no bytes', () => {
    const frame = encodeFrame({ jsonrpc: '2.0', method: 'm', params: { text: 'é' } });
    const json = '{"jsonrpc":"2.0","method":"m","params":{"text":"é"}}';
    assert.equal(frame.toString('utf8'), `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
  });

  await t.test('moves byte values into the attachment, in order, including Buffers and empty arrays', () => {
    const frame = encodeFrame({ a: bytes('42\n'), b: [new Uint8Array(0), Buffer.from('xy')] });
    const json = '{"a":{"$bin":[0,3]},"b":[{"$bin":[3,0]},{"$bin":[3,2]}]}';
    assert.equal(frame.toString('latin1'), `Content-Length: ${json.length}\r\nBinary-Length: 5\r\n\r\n${json}42\nxy`);
  });

  await t.test('writes the response of the example exchange in PROTOCOL.md', () => {
    const result = { exitCode: 0, stdout: bytes('42\n'), stderr: bytes(''), timedOut: false, intact: true, memoryBytes: 21430272 };
    const frame = encodeFrame({ jsonrpc: '2.0', id: 1, result });
    const json =
      '{"jsonrpc":"2.0","id":1,"result":{"exitCode":0,"stdout":{"$bin":[0,3]},"stderr":{"$bin":[3,0]},"timedOut":false,"intact":true,"memoryBytes":21430272}}';
    assert.equal(frame.toString('latin1'), `Content-Length: 150\r\nBinary-Length: 3\r\n\r\n${json}42\n`);
  });

  await t.test('refuses JSON over the cap', () => {
    assert.throws(() => encodeFrame({ text: 'x'.repeat(MAX_JSON_LENGTH) }), ProtocolError);
  });
});

test('FrameDecoder', async (t) => {
  const message = { jsonrpc: '2.0', id: 'n1', method: 'héllo→🙂', params: { data: bytes('bin\u0000ary'), more: [bytes('!')] } };
  const frame = encodeFrame(message);
  const twoFrames = Buffer.concat([frame, encodeFrame({ jsonrpc: '2.0', method: 'second', params: {} })]);

  await t.test('round-trips a message with binary attachments', () => {
    assert.deepEqual(decodeAll(frame), [message]);
  });

  await t.test('decodes frames split at every possible point', () => {
    for (let split = 1; split < frame.length; split++) {
      const decoder = new FrameDecoder();
      const decoded = [...decoder.push(frame.subarray(0, split)), ...decoder.push(frame.subarray(split))];
      assert.deepEqual(decoded, [message], `split at ${split}`);
    }
  });

  await t.test('decodes a frame split inside the header and inside a multi-byte character', () => {
    const text = frame.toString('latin1');
    const insideHeader = text.indexOf('Length') + 3;
    const insideCharacter = frame.indexOf(Buffer.from('🙂')) + 2;
    const decoder = new FrameDecoder();
    const decoded = [
      ...decoder.push(frame.subarray(0, insideHeader)),
      ...decoder.push(frame.subarray(insideHeader, insideCharacter)),
      ...decoder.push(frame.subarray(insideCharacter)),
    ];
    assert.deepEqual(decoded, [message]);
  });

  await t.test('decodes two frames from one chunk', () => {
    assert.deepEqual(decodeAll(twoFrames).length, 2);
    assert.deepEqual(decodeAll(twoFrames)[0], message);
  });

  await t.test('decodes frames fed one byte at a time', () => {
    assert.deepEqual(decodeInChunks(twoFrames, 1), decodeAll(twoFrames));
  });

  await t.test('decodes an empty attachment written out as Binary-Length: 0', () => {
    assert.deepEqual(decodeAll('Content-Length: 2\r\nBinary-Length: 0\r\n\r\n{}'), [{}]);
  });

  await t.test('turns JSON that does not parse into a ParseError and stays in sync', () => {
    const decoded = decodeAll(Buffer.concat([latin1('Content-Length: 3\r\n\r\n{x}'), frame]));
    assert.ok(decoded[0] instanceof ParseError);
    assert.deepEqual(decoded[1], message);
  });

  await t.test('turns JSON that is not UTF-8 into a ParseError', () => {
    const decoded = decodeAll(Buffer.concat([latin1('Content-Length: 4\r\n\r\n"'), Buffer.from([0xc3, 0x28]), latin1('"')]));
    assert.ok(decoded[0] instanceof ParseError);
  });

  await t.test('rejects header lines that break the rules', () => {
    assertRejected('content-length: 2\r\n\r\n{}', /unexpected header line "content-length: 2"/);
    assertRejected('Content-Length:2\r\n\r\n{}', /unexpected header line/);
    assertRejected('Content-Length:  2\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: 2 \r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: +2\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: -2\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: 02\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: 0x2\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: \r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: ２\r\n\r\n{}', /decimal digits/);
    assertRejected('Content-Length: 2\n\r\n{}', /does not end with CRLF/);
    assertRejected('Content-Length: 2\r\n\n{}', /does not end with CRLF/);
    assertRejected('Content-Type: json\r\nContent-Length: 2\r\n\r\n{}', /"Content-Type: json": expected "Content-Length/);
    assertRejected('Content-Length: 2\r\nContent-Type: json\r\n\r\n{}', /expected "Binary-Length: <n>" or the empty line/);
    assertRejected('Binary-Length: 0\r\nContent-Length: 2\r\n\r\n{}', /expected "Content-Length: <n>"/);
    assertRejected('Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}', /unexpected header line "Content-Length: 2"/);
    assertRejected('Content-Length: 2\r\nBinary-Length: 0\r\nBinary-Length: 0\r\n\r\n{}', /expected the empty line/);
    assertRejected('\r\n{}', /no Content-Length/);
  });

  await t.test('rejects a header line longer than 64 bytes before it ends', () => {
    assertRejected(`Content-Length: 1${'0'.repeat(60)}`, /longer than 64 bytes/);
    assertRejected(`X${'y'.repeat(70)}`, /longer than 64 bytes/);
    assert.doesNotThrow(() => decodeAll(`Content-Length: 2\r\nX${'y'.repeat(63)}`));
  });

  await t.test('rejects lengths over the caps before reading the body', () => {
    assertRejected(`Content-Length: ${MAX_JSON_LENGTH + 1}\r\n`, /Content-Length 16777217 is over the cap of 16777216 bytes/);
    assertRejected(`Content-Length: 2\r\nBinary-Length: ${MAX_BINARY_LENGTH + 1}\r\n`, /Binary-Length 1073741825 is over the cap/);
    assertRejected(`Content-Length: ${'9'.repeat(40)}\r\n`, /over the cap/);
    assert.deepEqual(decodeAll(`Content-Length: ${MAX_JSON_LENGTH}\r\nBinary-Length: ${MAX_BINARY_LENGTH}\r\n`), []);
  });

  await t.test('rejects $bin references that are malformed or out of range', () => {
    /** @param {string} json */
    const withAttachment = (json) => `Content-Length: ${json.length}\r\nBinary-Length: 3\r\n\r\n${json}abc`;
    assert.deepEqual(decodeAll(withAttachment('{"a":{"$bin":[1,2]}}')), [{ a: bytes('bc') }]);
    assert.deepEqual(decodeAll(withAttachment('[{"$bin":[3,0]}]')), [[new Uint8Array(0)]]);
    assertRejected(withAttachment('{"a":{"$bin":[2,2]}}'), /\[2, 2\] lies outside the 3-byte attachment/);
    assertRejected(withAttachment('{"a":{"$bin":[4,0]}}'), /lies outside/);
    assertRejected(withAttachment('{"a":{"$bin":[0,1],"b":1}}'), /must be alone in its object/);
    assertRejected(withAttachment('{"$bin":[0,1],"b":1}'), /must be alone in its object/);
    assertRejected(withAttachment('{"a":{"$bin":[-1,1]}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":[0.5,1]}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":[0]}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":[0,1,2]}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":"0,1"}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":["0",1]}}'), /non-negative integers/);
    assertRejected(withAttachment('{"a":{"$bin":[0,1e300]}}'), /non-negative integers/);
  });
});
