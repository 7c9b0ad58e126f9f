// @ts-check
import { Buffer } from 'node:buffer';

/**
 * The operating system's page: the unit in which writing to WebAssembly memory makes it resident.
 * Zero gaps shorter than this are copied with their neighbours, which cost no page of their own.
 */
export const PAGE_SIZE = 4096;

/**
 * Where `bytes` is not zero: `[start0, end0, start1, end1, …]`, ascending, each run `[start, end)`.
 * Runs are found at 4-byte-word granularity (a run may take in zero bytes at its ends) and two runs
 * less than `minGap` bytes apart are one: between the runs lie only zero gaps of `minGap` bytes or
 * more. Computed once per snapshot (lib/interpreters.js), so that each interpreter's restore writes
 * only there (restoreRuns).
 *
 * @param {Uint8Array} bytes
 * @param {number} [minGap]
 * @returns {Float64Array}
 */
export function nonZeroRuns(bytes, minGap = PAGE_SIZE) {
  /** @type {number[]} */
  const runs = [];
  let end = -Infinity; // the end of the run being built
  /**
   * @param {number} from
   * @param {number} to
   */
  const mark = (from, to) => {
    if (from - end < minGap) {
      runs[runs.length - 1] = end = to;
    } else {
      runs.push(from, to);
      end = to;
    }
  };
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >>> 2);
  const tail = head + words.length * 4;
  for (let i = 0; i < head; i++) if (bytes[i] !== 0) mark(i, i + 1);
  for (let i = 0, n = words.length; i < n; i++) {
    if (words[i] === 0) continue;
    const at = head + i * 4;
    if (at - end < minGap) {
      // The common case, inlined: the run goes on.
      end = at + 4;
      runs[runs.length - 1] = end;
    } else mark(at, at + 4);
  }
  for (let i = tail; i < bytes.length; i++) if (bytes[i] !== 0) mark(i, i + 1);
  return Float64Array.from(runs);
}

/**
 * Makes `target[0, source.length - offset)` equal to `source.subarray(offset)`, as
 * `target.set(source.subarray(offset))` does, while writing only the pages that need it: the runs
 * of `source` that are not zero (`runs`, nonZeroRuns's) are copied; in the zero gaps between them,
 * only the pages where `target` is not zero already are cleared. A fresh WebAssembly memory is
 * zero except where the module's data segments and start-up wrote, and an untouched page that is
 * only read does not become resident: most of the gaps cost no memory at all.
 *
 * @param {Uint8Array} target
 * @param {Uint8Array} source
 * @param {ArrayLike<number>} runs
 * @param {number} offset where in `source` the part to copy starts
 */
export function restoreRuns(target, source, runs, offset) {
  if (target.length < source.length - offset) throw new RangeError('the target is shorter than the source');
  let settled = offset; // source[offset, settled) is in target
  for (let k = 0; k < runs.length; k += 2) {
    const end = runs[k + 1];
    if (end <= offset) continue;
    const start = Math.max(runs[k], offset);
    clearGap(target, source, offset, settled, start);
    target.set(source.subarray(start, end), start - offset);
    settled = end;
  }
  clearGap(target, source, offset, settled, source.length);
}

/**
 * Makes `target` zero where `source[from, to)` is (all zero), page by page, reading first.
 * @param {Uint8Array} target
 * @param {Uint8Array} source
 * @param {number} offset
 * @param {number} from
 * @param {number} to
 */
function clearGap(target, source, offset, from, to) {
  if (from >= to || same(target, source, offset, from, to)) return;
  for (let page = from; page < to; ) {
    const next = Math.min(to, page - ((page - offset) % PAGE_SIZE) + PAGE_SIZE);
    if (!same(target, source, offset, page, next)) target.fill(0, page - offset, next - offset);
    page = next;
  }
}

/**
 * @param {Uint8Array} target
 * @param {Uint8Array} source
 * @param {number} offset
 * @param {number} from
 * @param {number} to
 */
function same(target, source, offset, from, to) {
  return Buffer.compare(target.subarray(from - offset, to - offset), source.subarray(from, to)) === 0;
}
