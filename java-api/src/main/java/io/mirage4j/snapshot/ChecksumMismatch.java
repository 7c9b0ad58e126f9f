package io.mirage4j.snapshot;

import java.util.List;

/** Says where the entries read differ from the ones the checksums entry lists. */
final class ChecksumMismatch {
  private ChecksumMismatch() {}

  static String describe(List<Checksums.Sum> expected, List<Checksums.Sum> read) {
    for (int i = 0; i < Math.min(expected.size(), read.size()); i++) {
      Checksums.Sum e = expected.get(i);
      Checksums.Sum r = read.get(i);
      if (!e.name().equals(r.name())) {
        return "entry " + i + " is " + r.name() + ", the checksums list " + e.name();
      }
      if (!e.sha256().equals(r.sha256())) {
        return "checksum mismatch in entry " + e.name();
      }
    }
    return expected.size() > read.size()
        ? "missing entry " + expected.get(read.size()).name()
        : "entry " + read.get(expected.size()).name() + " is not in the checksums";
  }
}
