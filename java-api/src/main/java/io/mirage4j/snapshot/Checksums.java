package io.mirage4j.snapshot;

import java.util.List;

/**
 * The last entry of a workspace archive ({@code checksums.json}): the SHA-256 of every entry
 * before it, in order.
 *
 * @param entries name and digest of each entry
 */
record Checksums(List<Sum> entries) {
  /** One entry's name and the SHA-256 of its content, in hex. */
  record Sum(String name, String sha256) {}
}
