package io.mirage4j.snapshot;

/**
 * What a snapshot notes of one file of a host directory, to tell at restore whether it changed.
 *
 * @param path its path inside the directory, from {@code /}
 * @param size its size in bytes
 * @param modified its modification time (ISO-8601), for the report only
 * @param sha256 the SHA-256 of its content, in hex
 */
record FileFingerprint(String path, long size, String modified, String sha256) {}
