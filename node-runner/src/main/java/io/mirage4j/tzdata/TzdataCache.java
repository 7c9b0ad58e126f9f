package io.mirage4j.tzdata;

import io.mirage4j.install.CacheDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the {@code tzdata} package ({@link TzdataPackage}) is kept: the {@code tzdata} folder of
 * the per-user cache ({@link CacheDirectory}), one file per tz database version and format, made
 * the first time a sidecar starts on a JDK with that version and written atomically, so that
 * concurrent JVMs never read half a file.
 *
 * <pre>{@code
 * Optional<Path> tar = TzdataCache.fromSystem().file(); // ~/.cache/mirage4j/tzdata/tzdata-2025a-1.tar
 * }</pre>
 */
public final class TzdataCache {
  /** The layout of the file; another layout is another file. */
  static final int FORMAT = 1;

  private static final Logger log = LoggerFactory.getLogger(TzdataCache.class);

  private final Path dir;

  public TzdataCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The cache's {@code tzdata} folder, as the system properties and environment name it. */
  public static TzdataCache fromSystem() {
    return new TzdataCache(CacheDirectory.of(System::getProperty, System::getenv).resolve("tzdata"));
  }

  /** The file's name for this JDK's tz database, e.g. {@code tzdata-2025a-1.tar}. */
  public static String fileName() {
    return "tzdata-" + TzdataPackage.tzdbVersion().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + FORMAT + ".tar";
  }

  /**
   * The file, made now when it is missing; none when it can be neither found nor written (the
   * interpreter then has no time zones but UTC, and a warning says why).
   */
  public Optional<Path> file() {
    Path file = dir.resolve(fileName());
    if (Files.isRegularFile(file)) {
      return Optional.of(file);
    }
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".tzdata-", ".tmp");
      try {
        Files.write(temp, TzdataPackage.build());
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      log.info("stored the time zone database {}", file);
      return Optional.of(file);
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot store the time zone database in {}: {}; Python's zoneinfo finds no time zone", dir, e.getMessage());
      return Optional.empty();
    }
  }
}
