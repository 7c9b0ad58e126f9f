// Baseline: plain loadPyodide() in a fresh Node process, then print(1) from Python.
// Usage: node pyodide-baseline.mjs <pyodide package dir>
// Prints one JSON line: {"stdout", "importMs", "loadMs", "runMs", "rssBytes"} and exits.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const t0 = performance.now();
const { loadPyodide } = await import(pathToFileURL(path.join(dir, 'pyodide.mjs')).href);
const t1 = performance.now();
const pyodide = await loadPyodide();
const t2 = performance.now();
let stdout = '';
pyodide.setStdout({ batched: (line) => { stdout += line + '\n'; } });
pyodide.runPython('print(1)');
const t3 = performance.now();
const report = {
  stdout,
  importMs: t1 - t0,
  loadMs: t2 - t1,
  runMs: t3 - t2,
  rssBytes: process.memoryUsage().rss,
};
process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(0));
