package io.mirage4j.snapshot;

/**
 * What a snapshot notes of one entry of a host directory (a file, a symbolic link or a special
 * file; directories are implied by the paths), to tell at restore whether it changed.
 *
 * @param path its path inside the directory, from {@code /}
 * @param kind {@code file}, {@code link} or {@code other}
 * @param size a file's size in bytes (0 otherwise)
 * @param modified its modification time (ISO-8601), for the report only
 * @param sha256 the SHA-256, in hex, of a file's content or a link's target ("" otherwise)
 */
record FileFingerprint(String path, String kind, long size, String modified, String sha256) {}
