package io.mirage4j.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a host file's content all at once: the new content goes to a hidden temporary file in
 * the same directory, is flushed to the disk, and is renamed over the file. Everything happens
 * through one open handle on that directory, so the temporary file and the rename land in the
 * directory that was walked to, whatever is renamed meanwhile. A failure (a full disk, a crash)
 * before the rename leaves the old content whole; the temporary file is removed on every failure
 * that reaches this class, and listings never show it ({@link #isTemporary}).
 *
 * <p>An append to an existing file writes at its end, through the same directory handle, so that
 * appending in pieces (a long redirected output) costs time in proportion to the pieces; a write
 * that fails (a full disk) cuts the file back to its old length, which leaves its old content
 * whole.
 */
final class AtomicReplace {
  private static final String TEMP_PREFIX = ".mirage4j-tmp-";

  /**
   * Opens {@code name} in {@code dir} for writing: a new temporary file, or an existing file to
   * append to; tests substitute one that fails like a full disk.
   */
  @FunctionalInterface
  interface Opener {
    OutputStream open(SecureDirectoryStream<Path> dir, Path name, boolean append) throws IOException;
  }

  /** Creates the file with the permissions a plain new file gets, or appends to it; never through a link. */
  static final Opener FILES = (dir, name, append) -> Channels.newOutputStream(dir.newByteChannel(name, append
      ? Set.of(StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
      : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)));

  private final Opener opener;

  AtomicReplace(Opener opener) {
    this.opener = opener;
  }

  /** Whether {@code name} is one of the temporary files (or directories) this package makes. */
  static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX);
  }

  /** A fresh hidden name for a temporary entry. */
  static Path temporaryName() {
    return Path.of(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /**
   * Makes the content of {@code name} in {@code dir} {@code data}, after its current content when
   * {@code keep} is set (an append). {@code exists} says whether {@code name} was a regular file when
   * it was looked at. Appending nothing to an existing file (what {@code >>} and {@code touch} do
   * first) only updates its modification time: its content is already whole.
   */
  void replace(SecureDirectoryStream<Path> dir, Path name, boolean exists, byte[] data, boolean keep) throws IOException {
    if (keep && exists && data.length == 0) {
      dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(FileTime.from(Instant.now()), null, null);
      return;
    }
    if (keep && exists) {
      append(dir, name, data);
      return;
    }
    Path temp = temporaryName();
    boolean moved = false;
    try {
      try (OutputStream out = opener.open(dir, temp, false)) {
        out.write(data);
      }
      try (SeekableByteChannel channel = dir.newByteChannel(temp, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
        if (channel instanceof FileChannel file) {
          file.force(true);
        }
      }
      if (exists) {
        keepPermissions(dir, name, temp);
      }
      dir.move(temp, dir, name);
      moved = true;
    } finally {
      if (!moved) {
        deleteQuietly(dir, temp);
      }
    }
  }

  private void append(SecureDirectoryStream<Path> dir, Path name, byte[] data) throws IOException {
    long length = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .readAttributes().size();
    try (OutputStream out = opener.open(dir, name, true)) {
      out.write(data);
    } catch (IOException | RuntimeException e) {
      try (SeekableByteChannel channel = dir.newByteChannel(name, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
        channel.truncate(length);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      throw e;
    }
  }

  private static void keepPermissions(SecureDirectoryStream<Path> dir, Path from, Path to) throws IOException {
    PosixFileAttributeView source = dir.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributeView target = dir.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (source != null && target != null) {
      target.setPermissions(source.readAttributes().permissions());
    }
  }

  private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path temp) {
    try {
      dir.deleteFile(temp);
    } catch (IOException e) {
      // not made, or already gone; a leftover name is hidden from listings
    }
  }
}
