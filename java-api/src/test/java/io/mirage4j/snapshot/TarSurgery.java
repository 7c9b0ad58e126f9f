package io.mirage4j.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Rewrites a tar entry by entry, to make damaged archives for tests. */
final class TarSurgery {
  private TarSurgery() {}

  /** {@code archive} with the manifest's text changed by {@code edit}. */
  static byte[] editManifest(byte[] archive, UnaryOperator<String> edit) {
    return rewrite(archive, e -> true, (e, bytes) -> e.getName().equals("manifest.json")
        ? edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : bytes);
  }

  /** {@code archive} without the entries {@code drop} matches. */
  static byte[] without(byte[] archive, Predicate<String> drop) {
    return rewrite(archive, e -> !drop.test(e.getName()), (e, bytes) -> bytes);
  }

  interface Edit {
    byte[] apply(TarArchiveEntry entry, byte[] content);
  }

  static byte[] rewrite(byte[] archive, Predicate<TarArchiveEntry> keep, Edit edit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive), 512, "UTF-8");
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (!keep.test(e)) {
          continue;
        }
        byte[] content = edit.apply(e, in.readAllBytes());
        TarArchiveEntry copy = new TarArchiveEntry(e.getName(), e.isDirectory() ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
        copy.setMode(e.getMode());
        copy.setModTime(e.getModTime());
        e.getExtraPaxHeaders().forEach(copy::addPaxHeader);
        copy.setSize(e.isDirectory() ? 0 : content.length);
        tar.putArchiveEntry(copy);
        if (!e.isDirectory()) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
