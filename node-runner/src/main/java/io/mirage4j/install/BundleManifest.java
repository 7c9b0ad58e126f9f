package io.mirage4j.install;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a bundle holds, as its build wrote it ({@code runtime/pack-runtime.mjs}, {@code
 * node/fetch-node.mjs}): a name and version, a hash of every file's path and content, and the
 * files. Used by {@code io.mirage4j.sidecar} and this package; not part of the stable API.
 *
 * <pre>{@code
 * BundleManifest m = BundleManifest.read(in, "META-INF/mirage4j/node/linux-x64"); // IOException naming it if unreadable
 * m.name();           // "mirage4j-node-linux-x64"
 * m.property("node"); // "26.12.1"; property("shim") is "?" here
 * m.directoryName();  // "mirage4j-node-linux-x64-26.12.1-" and the first 16 hex digits of m.hash()
 * }</pre>
 *
 * @param name the artifact, e.g. {@code mirage4j-runtime} or {@code mirage4j-node-linux-x64}
 * @param version the artifact's version (the runtime's) or Node's (a Node bundle's)
 * @param hash the SHA-256, in hex, of each file's {@code path NUL sha256 LF} in path order
 * @param properties facts about the content: {@code shim} and {@code pyodide} versions, {@code
 *     platform} and {@code node}
 * @param files the files, in path order
 */
public record BundleManifest(String name, String version, String hash, Map<String, String> properties,
    List<BundleFile> files) {
  /** The manifest's file name, in the jar next to {@code files/} and in an extracted directory. */
  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public BundleManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(hash, "hash");
    if (!name.matches("[a-z0-9-]+") || !version.matches("[A-Za-z0-9.+-]+") || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("malformed manifest: name " + name + ", version " + version + ", hash " + hash);
    }
    properties = Map.copyOf(properties == null ? Map.of() : properties);
    files = List.copyOf(Objects.requireNonNull(files, "files"));
  }

  /** Reads a manifest; {@code source} names it in the error. */
  public static BundleManifest read(InputStream in, String source) throws IOException {
    try {
      return MAPPER.readValue(in, BundleManifest.class);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new IOException("unreadable bundle manifest " + source + ": " + e.getMessage(), e);
    }
  }

  /** The manifest as JSON, to keep with the extracted files. */
  public byte[] toJson() {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A property, or {@code "?"}. */
  public String property(String key) {
    return properties.getOrDefault(key, "?");
  }

  /**
   * The name of this bundle's directory in a cache: name, version and the start of the hash, so
   * that two versions, or two builds of one version, never share one.
   */
  public String directoryName() {
    return name + "-" + version + "-" + hash.substring(0, 16);
  }
}
