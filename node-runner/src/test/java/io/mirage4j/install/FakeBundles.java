package io.mirage4j.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes bundles as their builds lay them out, in a folder a class loader reads as a classpath. */
public final class FakeBundles {
  private final Path classpath;

  public FakeBundles(Path classpath) {
    this.classpath = classpath;
  }

  /** Adds a bundle under {@code root} with these files (path to content); scripts ending in "node" are executable. */
  public BundleManifest add(String root, String name, String version, Map<String, String> properties,
      Map<String, String> files) {
    try {
      List<BundleFile> entries = new ArrayList<>();
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
        Path target = classpath.resolve(root).resolve("files").resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        String sha = sha256(bytes);
        entries.add(new BundleFile(f.getKey(), bytes.length, sha, f.getKey().endsWith("node")));
        all.update((f.getKey() + "\0" + sha + "\n").getBytes(StandardCharsets.UTF_8));
      }
      BundleManifest manifest = new BundleManifest(name, version, HexFormat.of().formatHex(all.digest()), properties, entries);
      Files.write(classpath.resolve(root).resolve(BundleManifest.FILE_NAME), manifest.toJson());
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A runtime bundle of a fake js-shim. */
  public BundleManifest runtime(String indexJs) {
    return add(Bundle.RUNTIME_ROOT, "mirage4j-runtime", "1.0.0", Map.of("shim", "0.1.0", "pyodide", "0.29.5"),
        Map.of("index.js", indexJs, "node_modules/pyodide/pyodide.mjs", "export {}", "package.json", "{}"));
  }

  /** A Node bundle whose bin/node is this shell script. */
  public BundleManifest node(String platform, String script) {
    return add("META-INF/mirage4j/node/" + platform, "mirage4j-node-" + platform, "26.12.1",
        Map.of("platform", platform, "node", "26.12.1"), Map.of("bin/node", script, "LICENSE", "MIT"));
  }

  public ClassLoader loader() {
    try {
      return new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A shell script that answers the node check as Node 24 would. */
  public static final String NODE_24 = "#!/bin/sh\necho '24.21.0 function'\n";

  /** A shell script that answers the node check as Node 26 would. */
  public static final String NODE_26 = "#!/bin/sh\necho '26.12.1 function'\n";
}
