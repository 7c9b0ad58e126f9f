// @ts-check
// Writes a bundle as the Java side reads it (io.mirage4j.install.BundleManifest): each file under
// OUT/files/, and OUT/manifest.json naming the bundle, its version, a content hash (SHA-256 over
// each file's "path NUL sha256 LF", in path order) and each file's size, SHA-256 and executable bit.
// Shared by pack-runtime.mjs (mirage4j-runtime) and ../node/fetch-node.mjs (mirage4j-node-<platform>).
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Replaces `out` with the bundle's files and its manifest; returns the manifest.
 *
 * @param {string} out
 * @param {{name: string, version: string, properties: Record<string, string>}} bundle
 * @param {Array<{path: string, data: Buffer, mode?: number}>} files
 */
export function writeBundle(out, bundle, files) {
  rmSync(out, { recursive: true, force: true });
  const entries = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(({ path, data, mode }) => {
    const target = join(out, 'files', path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data, mode === undefined ? {} : { mode });
    return {
      path,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      executable: mode !== undefined && (mode & 0o111) !== 0,
    };
  });
  const hash = createHash('sha256');
  for (const e of entries) hash.update(`${e.path}\0${e.sha256}\n`);
  const manifest = { name: bundle.name, version: bundle.version, hash: hash.digest('hex'), properties: bundle.properties, files: entries };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * Ends the build step when a required option is missing.
 *
 * @param {Record<string, unknown>} args
 * @param {string[]} names
 * @param {(message: string) => never} fail
 */
export function requireArgs(args, names, fail) {
  for (const name of names) {
    if (!args[name]) fail(`--${name} is required`);
  }
}
