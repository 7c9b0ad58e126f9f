// @ts-check
// Build step of mirage4j-runtime: copies the files the sidecar needs at run time (the js-shim's own
// code, pyodide and ws) and the license notices into the jar's resources, and writes the manifest
// that names them: version, content hash, and each file's size and SHA-256.
//
//   node pack-runtime.mjs --shim DIR --notices DIR --out DIR --version V --shim-version V --pyodide-version V
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireArgs, writeBundle } from './bundle-manifest.mjs';

const { values: args } = parseArgs({
  options: {
    shim: { type: 'string' },
    notices: { type: 'string' },
    out: { type: 'string' },
    version: { type: 'string' },
    'shim-version': { type: 'string' },
    'pyodide-version': { type: 'string' },
  },
});
requireArgs(args, ['shim', 'notices', 'out', 'version', 'shim-version', 'pyodide-version'], fail);
const shim = /** @type {string} */ (args.shim);
const notices = /** @type {string} */ (args.notices);
const out = join(/** @type {string} */ (args.out), 'META-INF/mirage4j/runtime');

const shimPackage = readJson(join(shim, 'package.json'));
const pyodidePackage = readJson(join(shim, 'node_modules/pyodide/package.json'));
expectEqual('js-shim/package.json version', shimPackage.version, args['shim-version'], 'mirage4j.shim.version');
expectEqual('js-shim/package.json dependency pyodide', shimPackage.dependencies?.pyodide, args['pyodide-version'], 'pyodide.version');
expectEqual('installed pyodide', pyodidePackage.version, args['pyodide-version'], 'pyodide.version');

/** @type {Array<[string, string]>} [path in the runtime, source file] */
const files = [];
const fromShim = (/** @type {string} */ path) => files.push([path, join(shim, path)]);
fromShim('package.json');
fromShim('index.js');
listed(join(shim, 'lib'), (name) => name.endsWith('.js') && !name.endsWith('.test.js')).forEach((n) => fromShim(`lib/${n}`));
listed(join(shim, 'python'), (name) => name.endsWith('.py')).forEach((n) => fromShim(`python/${n}`));
// What `import('pyodide')` loads in Node (package.json exports), and nothing for browsers or editors.
for (const name of ['package.json', 'pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
  fromShim(`node_modules/pyodide/${name}`);
}
// pyodide.mjs imports ws when it starts in Node.
for (const name of ['package.json', 'index.js', 'wrapper.mjs', 'LICENSE']) {
  fromShim(`node_modules/ws/${name}`);
}
listed(join(shim, 'node_modules/ws/lib'), (name) => name.endsWith('.js')).forEach((n) => fromShim(`node_modules/ws/lib/${n}`));
listed(notices, () => true).forEach((n) => files.push([`licenses/${n}`, join(notices, n)]));

const manifest = writeBundle(out, {
  name: 'mirage4j-runtime',
  version: /** @type {string} */ (args.version),
  properties: { shim: shimPackage.version, pyodide: pyodidePackage.version },
}, files.map(([path, source]) => ({ path, data: readFileSync(source) })));
const entries = manifest.files;
const total = entries.reduce((sum, e) => sum + e.size, 0);
console.log(`mirage4j-runtime: ${entries.length} files, ${(total / 2 ** 20).toFixed(1)} MiB, hash ${manifest.hash.slice(0, 16)}`);

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * @param {string} dir
 * @param {(name: string) => boolean} keep
 */
function listed(dir, keep) {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && keep(e.name)).map((e) => e.name).sort();
}

/**
 * @param {string} what
 * @param {unknown} found
 * @param {unknown} expected
 * @param {string} property
 */
function expectEqual(what, found, expected, property) {
  if (found !== expected) {
    fail(`${what} is ${found}, the pom's ${property} is ${expected}: change both together`);
  }
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`pack-runtime: ${message}`);
  process.exit(1);
}
