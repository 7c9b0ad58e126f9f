// @ts-check
// Build step of mirage4j-node-<platform>: takes the Node.js binary of one platform from the npm
// package node-<platform> (pinned, with its integrity, by js-shim/package-lock.json), checks the
// tarball against that integrity, and puts bin/node and Node's LICENSE into the jar's resources
// with a manifest: version, content hash, and each file's size and SHA-256.
//
//   node fetch-node.mjs --platform linux-arm64 --version 26.12.1 --lock FILE --work DIR --out DIR
//
// The tarball, node-<platform>-<version>.tgz in --work, is downloaded from the npm registry by the
// Maven build (download-maven-plugin, against the root pom's SHA-512 of it), so any host can build
// the artifact of any platform; a tarball that the lockfile's integrity does not match fails here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { requireArgs, writeBundle } from '../runtime/bundle-manifest.mjs';

const { values: args } = parseArgs({
  options: {
    platform: { type: 'string' },
    version: { type: 'string' },
    lock: { type: 'string' },
    work: { type: 'string' },
    out: { type: 'string' },
  },
});
requireArgs(args, ['platform', 'version', 'lock', 'work', 'out'], fail);
const platform = /** @type {string} */ (args.platform);
const version = /** @type {string} */ (args.version);
const work = /** @type {string} */ (args.work);
const out = join(/** @type {string} */ (args.out), 'META-INF/mirage4j/node', platform);
const npmPackage = `node-${platform}`;

const locked = JSON.parse(readFileSync(/** @type {string} */ (args.lock), 'utf8')).packages?.[`node_modules/${npmPackage}`];
if (!locked) fail(`${args.lock} pins no ${npmPackage}`);
if (locked.version !== version) {
  fail(`${args.lock} pins ${npmPackage} ${locked.version}, the pom's node.version is ${version}: change both together`);
}
const integrity = /** @type {string} */ (locked.integrity);
if (!integrity?.startsWith('sha512-')) fail(`no sha512 integrity for ${npmPackage} in ${args.lock}`);

const tarball = join(work, `${npmPackage}-${version}.tgz`);
if (!existsSync(tarball)) fail(`no ${tarball}: the Maven build downloads it before this step`);
const gz = readFileSync(tarball);
const found = sri(gz);
if (found !== integrity) {
  fail(`${tarball} has integrity ${found}, ${args.lock} pins ${integrity}: the root pom's node.${platform}.sha512 must be the lockfile's integrity in hex`);
}

const wanted = new Set(['package/bin/node', 'package/LICENSE']);
const seen = untar(gunzipSync(gz), (name) => wanted.has(name));
for (const name of wanted) {
  if (!seen.has(name)) fail(`${tarball} has no ${name}`);
}

const manifest = writeBundle(out, {
  name: `mirage4j-node-${platform}`,
  version,
  properties: { platform, node: version, npmPackage, integrity },
}, [...seen].map(([name, entry]) => ({ path: name.slice('package/'.length), data: entry.data, mode: entry.mode })));
const binary = /** @type {{size: number}} */ (manifest.files.find((e) => e.path === 'bin/node'));
console.log(`mirage4j-node-${platform}: node ${version}, ${(binary.size / 2 ** 20).toFixed(1)} MiB binary, hash ${manifest.hash.slice(0, 16)}`);

/** @param {Buffer} bytes */
function sri(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/**
 * The regular files of a tar archive whose names `keep` accepts (ustar; pax and GNU long-name
 * entries are skipped, as the few names kept are short).
 * @param {Buffer} tar
 * @param {(name: string) => boolean} keep
 */
function untar(tar, keep) {
  /** @type {Map<string, {mode: number, data: Buffer}>} */
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const text = (/** @type {number} */ from, /** @type {number} */ length) =>
      header.subarray(from, from + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const mode = parseInt(text(100, 8).trim() || '0', 8);
    const type = text(156, 1);
    const start = offset + 512;
    if ((type === '0' || type === '') && keep(name)) {
      files.set(name, { mode, data: Buffer.from(tar.subarray(start, start + size)) });
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`fetch-node: ${message}`);
  process.exit(1);
}
