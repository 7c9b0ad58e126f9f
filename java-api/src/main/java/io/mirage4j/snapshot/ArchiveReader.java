package io.mirage4j.snapshot;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a workspace archive entry by entry, noting each entry's SHA-256, and checks at the end
 * that the checksums entry matches them and that the archive ends where a complete one ends. Every
 * failure is an {@link ArchiveException} that says what is wrong.
 */
final class ArchiveReader {
  /** The largest JSON entry read: a bound on what a hostile archive can make this allocate. */
  static final int MAX_JSON = 256 * 1024 * 1024;

  private final CountingInputStream raw;
  private final TarArchiveInputStream tar;
  private final List<Checksums.Sum> sums = new ArrayList<>();
  private TarArchiveEntry current;

  ArchiveReader(InputStream in) {
    this.raw = new CountingInputStream(in);
    this.tar = new TarArchiveInputStream(raw, ArchiveWriter.RECORD, "UTF-8");
  }

  /** The next entry, or null at the end of the archive. */
  TarArchiveEntry next() throws ArchiveException {
    try {
      current = tar.getNextEntry();
      return current;
    } catch (IOException | RuntimeException e) {
      throw truncatedOrCorrupt("cannot read an entry header after " + (current == null ? "the start" : current.getName()), e);
    }
  }

  /** The whole content of the current entry, which must be at most {@code limit} bytes. */
  byte[] content(int limit) throws ArchiveException {
    long size = current.getSize();
    if (size > limit) {
      throw new ArchiveException("workspace archive corrupt: entry " + current.getName() + " has " + size
          + " bytes, more than the " + limit + " an entry of its kind may have");
    }
    byte[] bytes;
    try {
      bytes = new byte[(int) size];
    } catch (OutOfMemoryError e) {
      throw new ArchiveException("not enough memory to restore " + current.getName() + " (" + size + " bytes)");
    }
    MessageDigest digest = Digests.sha256();
    try {
      int off = 0;
      while (off < bytes.length) {
        int n = tar.read(bytes, off, Math.min(64 * 1024, bytes.length - off));
        if (n < 0) {
          throw new EOFException();
        }
        digest.update(bytes, off, n);
        off += n;
      }
    } catch (IOException | RuntimeException e) {
      throw truncatedOrCorrupt("entry " + current.getName() + " is cut short", e);
    }
    sums.add(new Checksums.Sum(current.getName(), Digests.hex(digest.digest())));
    return bytes;
  }

  /** The current entry's exact modification time. */
  Instant modified() throws ArchiveException {
    String exact = current.getExtraPaxHeader(ArchiveWriter.MTIME_HEADER);
    if (exact == null) {
      return current.getModTime().toInstant();
    }
    try {
      return Instant.parse(exact);
    } catch (DateTimeParseException e) {
      throw new ArchiveException("workspace archive corrupt: entry " + current.getName() + " has a bad time " + exact);
    }
  }

  /** Notes a directory entry, which has no content. */
  void directory() throws ArchiveException {
    if (current.getSize() != 0) {
      throw new ArchiveException("workspace archive corrupt: directory entry " + current.getName() + " has content");
    }
    sums.add(new Checksums.Sum(current.getName(), Digests.hex(Digests.sha256().digest())));
  }

  /** What was read so far: each entry's name and digest. */
  List<Checksums.Sum> sums() {
    return List.copyOf(sums);
  }

  /**
   * Checks that the archive ends right after the current entry (the checksums entry) with the two
   * end records of a tar.
   */
  void end() throws ArchiveException {
    long dataEnd = roundUp(raw.count());
    String last = current.getName();
    if (next() != null) {
      throw new ArchiveException("workspace archive corrupt: entry " + current.getName() + " after " + last);
    }
    if (raw.count() != dataEnd + 2L * ArchiveWriter.RECORD) {
      throw new ArchiveException("workspace archive truncated: it ends without the end of a tar archive");
    }
  }

  private static long roundUp(long n) {
    return (n + ArchiveWriter.RECORD - 1) / ArchiveWriter.RECORD * ArchiveWriter.RECORD;
  }

  private static ArchiveException truncatedOrCorrupt(String what, Exception e) {
    String kind = e instanceof EOFException || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("truncated")
        ? "truncated" : "corrupt";
    return new ArchiveException("workspace archive " + kind + ": " + what
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
  }

  /** Counts the bytes read; no mark, so that the tar reader reads exactly what it needs. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += Math.max(0, skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void mark(int limit) {}

    @Override
    public void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}
