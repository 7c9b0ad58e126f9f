package io.mirage4j.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a workspace archive: a POSIX tar of 512-byte records (no padding past its two end
 * records), each entry's SHA-256 noted, and a last entry listing them. Content goes out as it
 * comes, 64 KiB at a time; the caller's stream is flushed, never closed.
 */
final class ArchiveWriter {
  /** The exact modification time, which a tar header holds only to the second. */
  static final String MTIME_HEADER = "MIRAGE4J.mtime";
  static final int RECORD = 512;

  private final OutputStream out;
  private final TarArchiveOutputStream tar;
  private final List<Checksums.Sum> sums = new ArrayList<>();
  private final byte[] chunk = new byte[64 * 1024];

  ArchiveWriter(OutputStream out) {
    this.out = out;
    this.tar = new TarArchiveOutputStream(new UnclosableOutputStream(out), RECORD, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /** A small entry holding {@code bytes}. */
  void entry(String name, byte[] bytes) throws IOException {
    file(name, ByteBuffer.wrap(bytes), Instant.EPOCH, 0644);
  }

  /** A directory entry. */
  void directory(String name, Instant modified, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR);
    describe(e, modified, mode);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
    sums.add(new Checksums.Sum(e.getName(), Digests.hex(Digests.sha256().digest())));
  }

  /** A file entry holding the remaining bytes of {@code content} (read, not copied). */
  void file(String name, ByteBuffer content, Instant modified, int mode) throws IOException {
    ByteBuffer bytes = content.duplicate();
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
    e.setSize(bytes.remaining());
    describe(e, modified, mode);
    tar.putArchiveEntry(e);
    MessageDigest digest = Digests.sha256();
    while (bytes.hasRemaining()) {
      int n = Math.min(chunk.length, bytes.remaining());
      bytes.get(chunk, 0, n);
      digest.update(chunk, 0, n);
      tar.write(chunk, 0, n);
    }
    tar.closeArchiveEntry();
    sums.add(new Checksums.Sum(name, Digests.hex(digest.digest())));
  }

  /** Writes the checksums entry and the end of the archive, and flushes. */
  void finish() throws IOException {
    entry(Manifest.CHECKSUMS, Json.write(new Checksums(sums)));
    tar.finish();
    tar.flush();
    out.flush();
  }

  private static void describe(TarArchiveEntry e, Instant modified, int mode) {
    e.setModTime(modified.toEpochMilli());
    e.addPaxHeader(MTIME_HEADER, modified.toString());
    e.setMode((e.isDirectory() ? 040000 : 0100000) | (mode & 07777));
  }

  /** {@code out} whose {@code close()} does nothing: the caller owns it. */
  private static final class UnclosableOutputStream extends java.io.FilterOutputStream {
    UnclosableOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
