package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.install.CacheDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the memory snapshots of fresh interpreters are kept: one file per runtime, named by a key
 * that hashes everything the snapshot depends on (the Node.js version, pyodide's files and the
 * js-shim's), so a snapshot is only ever used by the runtime that made it. The sidecar makes the snapshot the first
 * time it starts (Node may not write files); this store writes it, atomically.
 *
 * <p>Snapshots go in the {@code snapshots} folder of the per-user cache ({@link CacheDirectory}).
 * When it cannot be written, every start is a full load.
 */
final class SnapshotStore {
  private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
  private static final Map<NodeRuntime, String> keys = new ConcurrentHashMap<>();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;

  SnapshotStore(Path dir) {
    this.dir = dir;
  }

  /** Stores are equal when they keep their snapshots in the same directory. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SnapshotStore store && store.dir.equals(dir);
  }

  @Override
  public int hashCode() {
    return dir.hashCode();
  }

  static SnapshotStore fromSystem() {
    return new SnapshotStore(CacheDirectory.of(System::getProperty, System::getenv).resolve("snapshots"));
  }

  /**
   * The snapshot file of this runtime (it may not exist yet) and the key it must carry; none when
   * the runtime's files cannot be read, or its Node.js run, to make the key (the start then fails
   * on its own terms).
   */
  Optional<Snapshot> snapshotFor(NodeRuntime runtime) {
    try {
      String key = keys.computeIfAbsent(runtime, SnapshotStore::key);
      return Optional.of(new Snapshot(dir.resolve("pyodide-" + key + ".snapshot").toAbsolutePath().normalize(), key));
    } catch (UncheckedIOException e) {
      log.debug("no interpreter snapshot: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Stores a snapshot the sidecar made; a failure only means the next start loads in full. */
  void store(Snapshot snapshot, byte[] file) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".snapshot-", ".tmp");
      try {
        Files.write(temp, file);
        try {
          Files.move(temp, snapshot.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, snapshot.file(), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      log.info("stored the interpreter snapshot {} ({} MB)", snapshot.file(), file.length >> 20);
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot store the interpreter snapshot in {}: {}; each start loads Pyodide in full", dir, e.getMessage());
    }
  }

  /**
   * A hash of what a snapshot depends on: the Node.js binary (the interpreter keeps what Node
   * reported when it was made, e.g. {@code sys._emscripten_info}), pyodide's files (its version,
   * its WebAssembly and library) and the js-shim's own code.
   */
  private static String key(NodeRuntime runtime) {
    Path shimDir = runtime.shimDir();
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(nodeIdentity(runtime.node()).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      for (Path file : keyFiles(shimDir)) {
        digest.update(shimDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getFileName().toString().endsWith(".wasm") || file.getFileName().toString().endsWith(".zip")
            ? Long.toString(Files.size(file)).getBytes(StandardCharsets.UTF_8)
            : Files.readAllBytes(file));
      }
      String pyodide = MAPPER.readTree(shimDir.resolve("node_modules/pyodide/package.json").toFile())
          .path("version").asText("unknown");
      return pyodide + "-" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runtime in " + shimDir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The Node.js binary as a snapshot depends on it, without running it: its real path, size and
   * modification time. Another Node version is another binary.
   */
  private static String nodeIdentity(Path node) throws IOException {
    Path real = node.toRealPath();
    BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
    return "node " + real + " " + a.size() + " " + a.lastModifiedTime().toMillis();
  }

  private static List<Path> keyFiles(Path shimDir) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(shimDir.resolve("package.json"));
    files.add(shimDir.resolve("index.js"));
    for (String folder : List.of("lib", "python")) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(shimDir.resolve(folder), "*.{js,py}")) {
        entries.forEach(file -> {
          if (!file.getFileName().toString().endsWith(".test.js")) {
            files.add(file);
          }
        });
      }
    }
    Path pyodide = shimDir.resolve("node_modules/pyodide");
    for (String name : List.of("package.json", "pyodide.asm.mjs", "pyodide.mjs", "pyodide-lock.json",
        "pyodide.asm.wasm", "python_stdlib.zip")) {
      files.add(pyodide.resolve(name));
    }
    files.sort(null);
    return files;
  }

  /** A snapshot file and the key it must carry to be loaded. */
  record Snapshot(Path file, String key) {}
}
