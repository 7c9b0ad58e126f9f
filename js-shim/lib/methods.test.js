// @ts-check
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { Methods } from './methods.js';

test('Methods equals the shared fixture', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../test-fixtures/protocol/methods.json', import.meta.url), 'utf8'));
  assert.deepEqual({ ...Methods }, fixture);
});
