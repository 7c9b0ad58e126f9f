// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { answerSync, createSyncAsker, createSyncChannel } from './sync-ask.js';

/**
 * A worker that asks the main thread synchronously, as an interpreter's worker does, and reports
 * what each ask returned.
 */
const ASKING_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
import { createSyncAsker } from ${JSON.stringify(new URL('./sync-ask.js', import.meta.url).href)};
const ask = createSyncAsker(workerData.end, (seq, question) => parentPort.postMessage({ seq, question }));
const results = [];
for (const [question, timeoutMs] of workerData.questions) {
  const answer = ask(question, timeoutMs);
  results.push(answer === undefined ? 'timed out' : [answer.result, answer.result instanceof Uint8Array && answer.result.length]);
}
parentPort.postMessage({ results });
`;

/**
 * @param {[string, number][]} questions
 * @param {(question: string, seq: number, channel: import('./sync-ask.js').SyncChannel) => void} reply
 */
function askFromWorker(questions, reply) {
  const channel = createSyncChannel();
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(ASKING_WORKER)}`), {
    workerData: { end: channel.worker, questions },
    transferList: [channel.worker.port],
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message) => {
      if (message.results) {
        resolve(message.results);
        void worker.terminate();
      } else reply(message.question, message.seq, channel);
    });
    worker.on('error', reject);
  });
}

test('a worker waits for each answer, which the main thread gives later, and large bytes move without a copy', async () => {
  const results = await askFromWorker(
    [
      ['small', Infinity],
      ['large', Infinity],
    ],
    (question, seq, channel) =>
      setTimeout(() => {
        if (question === 'small') answerSync(channel, { seq, result: 'answer to small' });
        else {
          const bytes = new Uint8Array(1 << 20).fill(7);
          answerSync(channel, { seq, result: bytes }, [bytes.buffer]);
          assert.equal(bytes.buffer.byteLength, 0, 'moved to the worker');
        }
      }, 20),
  );
  assert.equal(results[0][0], 'answer to small');
  assert.equal(results[1][1], 1 << 20);
});

test('an ask that times out returns undefined, and its late answer is not taken for the next one', async () => {
  /** @type {number[]} */
  const unanswered = [];
  const results = await askFromWorker(
    [
      ['slow', 50],
      ['next', Infinity],
    ],
    (question, seq, channel) => {
      if (question === 'slow') unanswered.push(seq);
      else {
        // The late answer to the first request arrives first.
        answerSync(channel, { seq: unanswered[0], result: 'late' });
        answerSync(channel, { seq, result: 'on time' });
      }
    },
  );
  assert.deepEqual(results, ['timed out', ['on time', false]]);
});

test('an answer given before the worker waits is found at once', () => {
  const channel = createSyncChannel();
  const ask = createSyncAsker(channel.worker, (seq, factor) => answerSync(channel, { seq, result: seq * factor }));
  assert.deepEqual(ask(10), { seq: 1, result: 10 });
  assert.deepEqual(ask(100), { seq: 2, result: 200 });
  channel.answers.close();
  channel.worker.port.close();
});
