package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * An operating system and processor, named as npm names Node.js packages ({@code linux-x64},
 * {@code linux-arm64}, {@code darwin-arm64}, {@code win-x64}), and whether its C library is musl.
 * Used by {@code io.mirage4j.sidecar} and {@code mirage4j install-runtime}; not part of the stable
 * API.
 *
 * <pre>{@code
 * Platform.current().id();                                  // "linux-x64" on x86-64 Linux
 * Platform.detect("Mac OS X", "aarch64", () -> false).id(); // "darwin-arm64"
 * Platform.of("linux-arm64").requireBundledNode();          // returns: mirage4j ships that Node.js
 * Platform.of("win-x64").requireBundledNode();
 * // PythonRuntimeUnavailableException: no bundled Node.js for win-x64 (mirage4j ships one for linux-x64 and linux-arm64): ...
 * }</pre>
 *
 * @param os {@code linux}, {@code darwin}, {@code win}, or the JVM's {@code os.name} in lower case
 * @param arch {@code x64}, {@code arm64}, or the JVM's {@code os.arch} in lower case
 * @param musl whether the C library is musl (Alpine Linux), where glibc programs do not run
 */
public record Platform(String os, String arch, boolean musl) {
  /** The platforms mirage4j ships a Node.js for (a {@code mirage4j-node-<id>} artifact each). */
  public static final List<String> BUNDLED = List.of("linux-x64", "linux-arm64");

  /** What to do when no bundled Node.js fits: the same words in every message that needs them. */
  public static final String BRING_YOUR_OWN_NODE =
      "install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or NodeSidecarProvider.builder().node(...))"
          + " to its node executable";

  /** This machine. */
  public static Platform current() {
    return detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), Platform::muslLoaderPresent);
  }

  /**
   * The platform these JVM properties describe: {@code amd64} and {@code x86_64} are {@code x64},
   * {@code aarch64} is {@code arm64}; {@code musl} is asked only on Linux.
   */
  public static Platform detect(String osName, String osArch, BooleanSupplier musl) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os = name.startsWith("linux") ? "linux"
        : name.startsWith("mac") || name.startsWith("darwin") ? "darwin"
        : name.startsWith("windows") ? "win"
        : name.replaceAll("[^a-z0-9]+", "");
    String a = osArch.toLowerCase(Locale.ROOT);
    String arch = a.equals("amd64") || a.equals("x86_64") || a.equals("x64") ? "x64"
        : a.equals("aarch64") || a.equals("arm64") ? "arm64"
        : a.replaceAll("[^a-z0-9_]+", "");
    return new Platform(os, arch, os.equals("linux") && musl.getAsBoolean());
  }

  /** The glibc platform named {@code os-arch}, e.g. {@code linux-arm64}. */
  public static Platform of(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1) {
      throw new IllegalArgumentException("not a platform (os-arch): " + id);
    }
    return new Platform(id.substring(0, dash), id.substring(dash + 1), false);
  }

  /** {@code os-arch}, as in the artifact {@code mirage4j-node-<id>}. */
  public String id() {
    return os + "-" + arch;
  }

  /**
   * Checks that a bundled Node.js can run here.
   *
   * @throws PythonRuntimeUnavailableException naming the platform and what to do instead
   */
  public void requireBundledNode() {
    if (!BUNDLED.contains(id())) {
      throw new PythonRuntimeUnavailableException("no bundled Node.js for " + id() + " (mirage4j ships one for "
          + String.join(" and ", BUNDLED) + "): " + BRING_YOUR_OWN_NODE);
    }
    if (musl) {
      throw new PythonRuntimeUnavailableException("no bundled Node.js for " + id() + " with musl libc (Alpine):"
          + " the bundled one needs glibc; " + BRING_YOUR_OWN_NODE);
    }
  }

  /** Whether musl's dynamic loader is installed, as on Alpine ({@code /lib/ld-musl-*.so.1}). */
  static boolean muslLoaderPresent() {
    return muslLoaderPresent(Path.of("/lib"));
  }

  static boolean muslLoaderPresent(Path lib) {
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (DirectoryStream<Path> loaders = Files.newDirectoryStream(lib, "ld-musl-*")) {
      return loaders.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}
