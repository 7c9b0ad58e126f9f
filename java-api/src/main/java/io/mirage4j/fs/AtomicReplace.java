package io.mirage4j.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a host file's content all at once: the new content goes to a hidden temporary file in
 * the same directory, is flushed to the disk, and is renamed over the file. A failure (a full disk,
 * a crash) before the rename leaves the old content whole; the temporary file is removed when the
 * failure is an exception, and listings never show it ({@link #isTemporary}).
 */
final class AtomicReplace {
  private static final String TEMP_PREFIX = ".mirage4j-tmp-";

  /** Opens a new temporary file for writing; tests substitute one that fails like a full disk. */
  @FunctionalInterface
  interface Opener {
    OutputStream open(Path temp) throws IOException;
  }

  /** Creates the file, with the permissions a plain new file gets. */
  static final Opener FILES = temp -> Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Opener opener;

  AtomicReplace(Opener opener) {
    this.opener = opener;
  }

  /** Whether {@code name} is one of the temporary files this class writes. */
  static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX);
  }

  /**
   * Makes {@code target}'s content {@code data}, after its current content when {@code keep} is
   * set (an append). {@code target} is a real path, not a symbolic link. Appending nothing to an
   * existing file (what {@code >>} and {@code touch} do first) only updates its modification time:
   * its content is already whole.
   */
  void replace(Path target, byte[] data, boolean keep) throws IOException {
    boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
    if (keep && exists && data.length == 0) {
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
      return;
    }
    Path temp = target.resolveSibling(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    boolean moved = false;
    try {
      try (OutputStream out = opener.open(temp)) {
        if (keep && exists) {
          Files.copy(target, out);
        }
        out.write(data);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      if (exists) {
        keepPermissions(target, temp);
      }
      move(temp, target);
      moved = true;
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void keepPermissions(Path from, Path to) throws IOException {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (UnsupportedOperationException e) {
      // not a POSIX filesystem: the new file keeps the defaults
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // nothing better to do: the name is hidden from listings
    }
  }
}
