// @ts-check
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import * as errors from './errors.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../test-fixtures/protocol/error-codes.json', import.meta.url), 'utf8'),
);

test('ErrorCodes equals the shared fixture', () => {
  assert.deepEqual({ ...errors.ErrorCodes }, fixture);
});

test('every error class has a fixed name, a code from ErrorCodes and keeps its cause', () => {
  const expected = {
    ShimError: 'INTERNAL_ERROR',
    ProtocolError: 'PARSE_ERROR',
    ParseError: 'PARSE_ERROR',
    InvalidRequestError: 'INVALID_REQUEST',
    MethodNotFoundError: 'METHOD_NOT_FOUND',
    InvalidParamsError: 'INVALID_PARAMS',
    InternalError: 'INTERNAL_ERROR',
    ResourceNotFoundError: 'RESOURCE_NOT_FOUND',
    ReadOnlyError: 'READ_ONLY',
    CancelledError: 'CANCELLED',
    TimeoutError: 'TIMEOUT',
  };
  const cause = new Error('underlying');
  for (const [name, codeName] of Object.entries(expected)) {
    const ErrorClass = /** @type {typeof errors.ShimError} */ (errors[/** @type {keyof typeof errors} */ (name)]);
    const error = new ErrorClass('what happened', { cause });
    assert.ok(error instanceof errors.ShimError, name);
    assert.equal(error.name, name);
    assert.equal(error.code, fixture[codeName], name);
    assert.equal(error.message, 'what happened');
    assert.equal(error.cause, cause);
  }
});

test('RemoteError carries the code, message and data of an error response', () => {
  const error = new errors.RemoteError(-32001, 'no such file', { path: '/x' });
  assert.ok(error instanceof errors.ShimError);
  assert.equal(error.name, 'RemoteError');
  assert.equal(error.code, -32001);
  assert.equal(error.message, 'no such file');
  assert.deepEqual(error.data, { path: '/x' });
});

test('the module exports exactly these names', () => {
  assert.deepEqual(Object.keys(errors).sort(), [
    'CancelledError',
    'ErrorCodes',
    'InternalError',
    'InvalidParamsError',
    'InvalidRequestError',
    'MethodNotFoundError',
    'ParseError',
    'ProtocolError',
    'ReadOnlyError',
    'RemoteError',
    'ResourceNotFoundError',
    'ShimError',
    'TimeoutError',
  ]);
});
