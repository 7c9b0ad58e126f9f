package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a {@link Bundle} from the classpath into a directory, so that several JVMs starting at
 * once share one copy:
 *
 * <ol>
 *   <li>A directory that already holds the bundle (its manifest copy, every file at its size) is
 *       used as it is, without a lock: extraction is the only writer, and it never changes a
 *       finished directory.
 *   <li>Otherwise the JVM takes an exclusive {@link FileLock} on {@code .NAME.lock} next to the
 *       directory (and a monitor, as a JVM cannot lock one file twice), looks again, and extracts
 *       into a temporary sibling {@code .NAME.tmp-*}, checking each file's size and SHA-256
 *       against the manifest; the manifest is written last, then the sibling is renamed to the
 *       directory in one atomic step.
 *   <li>Temporary siblings left by a JVM that died while extracting are removed under the lock.
 * </ol>
 *
 * Finished directories are never deleted or changed, so a sidecar running from one is never
 * disturbed; a damaged one (files removed by hand) is reported, with the advice to delete it.
 *
 * <p>Used by {@code io.mirage4j.sidecar} and {@link RuntimeDirectory}; not part of the stable API.
 *
 * <pre>{@code
 * Path dir = CacheDirectory.bundles(cache).resolve(runtime.manifest().directoryName());
 * BundleExtractor.Extraction e = BundleExtractor.extract(runtime, dir);
 * e.extracted();          // true if this call wrote it, false if dir already held it
 * e.bundle().directory(); // dir, with runtime's files and its manifest.json
 * }</pre>
 */
public final class BundleExtractor {
  private static final Logger log = LoggerFactory.getLogger(BundleExtractor.class);
  private static final Map<Path, Object> monitors = new ConcurrentHashMap<>();

  private BundleExtractor() {}

  /** What {@link #extract} did. */
  public record Extraction(ExtractedBundle bundle, boolean extracted) {}

  /**
   * Makes {@code target} hold {@code bundle}'s files, extracting them unless it already does.
   *
   * @throws IOException when the files cannot be written
   * @throws PythonRuntimeUnavailableException when {@code target} holds something else, or a
   *     damaged copy
   */
  public static Extraction extract(Bundle bundle, Path target) throws IOException {
    Path dir = target.toAbsolutePath().normalize();
    ExtractedBundle found = existing(bundle, dir);
    if (found != null) {
      return new Extraction(found, false);
    }
    synchronized (monitors.computeIfAbsent(dir, d -> new Object())) {
      Files.createDirectories(dir.getParent());
      Path lockFile = dir.resolveSibling("." + dir.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return extractLocked(bundle, dir);
        } finally {
          lock.release();
        }
      }
    }
  }

  /** Extracts, holding the lock: no other JVM extracts this directory meanwhile. */
  private static Extraction extractLocked(Bundle bundle, Path dir) throws IOException {
    ExtractedBundle found = existing(bundle, dir);
    if (found != null) {
      return new Extraction(found, false);
    }
    removeStaleTemporaries(dir);
    long started = System.nanoTime();
    Path temp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      write(bundle, temp);
      moveIntoPlace(temp, dir);
    } finally {
      deleteTree(temp);
    }
    log.info("extracted {} {} to {} in {} ms", bundle.manifest().name(), bundle.manifest().version(), dir,
        (System.nanoTime() - started) / 1_000_000);
    return new Extraction(new ExtractedBundle(dir, bundle.manifest()), true);
  }

  /** The bundle in {@code dir} if it is this one; none if {@code dir} has no bundle yet. */
  private static ExtractedBundle existing(Bundle bundle, Path dir) {
    ExtractedBundle found;
    try {
      found = ExtractedBundle.open(dir);
    } catch (NoSuchFileException e) {
      if (!Files.exists(dir)) {
        return null;
      }
      // Another thread or JVM may have moved the directory into place, whole, between the two
      // looks: a directory that appears that way holds its manifest, so one more look tells.
      try {
        found = ExtractedBundle.open(dir);
      } catch (NoSuchFileException again) {
        throw new PythonRuntimeUnavailableException(dir + " exists but holds no " + bundle.manifest().name()
            + " (no " + BundleManifest.FILE_NAME + "); remove it or choose another directory");
      }
    }
    BundleManifest there = found.manifest();
    if (!there.name().equals(bundle.manifest().name()) || !there.hash().equals(bundle.manifest().hash())) {
      throw new PythonRuntimeUnavailableException(dir + " holds " + there.name() + " " + there.version() + " ("
          + there.hash().substring(0, 16) + "), not " + bundle.manifest().name() + " " + bundle.manifest().version()
          + " (" + bundle.manifest().hash().substring(0, 16) + "); remove it or choose another directory");
    }
    return found;
  }

  private static void write(Bundle bundle, Path temp) throws IOException {
    Files.createDirectory(temp);
    MessageDigest sha256 = sha256();
    for (BundleFile file : bundle.manifest().files()) {
      Path path = temp.resolve(file.path()).normalize();
      if (!path.startsWith(temp)) {
        throw new IOException("bundle file outside its directory: " + file.path());
      }
      Files.createDirectories(path.getParent());
      sha256.reset();
      long size;
      try (InputStream in = new DigestInputStream(bundle.open(file), sha256);
          OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
        size = in.transferTo(out);
      }
      String hash = HexFormat.of().formatHex(sha256.digest());
      if (size != file.size() || !hash.equals(file.sha256())) {
        throw new IOException("the classpath's " + bundle.root() + "/files/" + file.path() + " does not match "
            + bundle.manifest().name() + "'s manifest (" + size + " bytes, SHA-256 " + hash + "); the jar is damaged");
      }
      if (file.executable()) {
        makeExecutable(path);
      }
    }
    Files.write(temp.resolve(BundleManifest.FILE_NAME), bundle.manifest().toJson(), StandardOpenOption.CREATE_NEW);
  }

  private static void moveIntoPlace(Path temp, Path dir) throws IOException {
    try {
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + temp + " to " + dir + " atomically", e);
    } catch (FileSystemException e) {
      if (Files.exists(dir)) {
        throw new IOException(dir + " appeared while it was extracted, not by mirage4j", e);
      }
      throw e;
    }
  }

  private static void removeStaleTemporaries(Path dir) throws IOException {
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir.getParent(), "." + dir.getFileName() + ".tmp-*")) {
      for (Path temp : stale) {
        log.debug("removing {}, left by an extraction that did not finish", temp);
        deleteTree(temp);
      }
    }
  }

  private static void makeExecutable(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      if (!path.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + path + " executable");
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> paths = Files.walk(root)) {
      deepestFirst = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path p : deepestFirst) {
      Files.deleteIfExists(p);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
