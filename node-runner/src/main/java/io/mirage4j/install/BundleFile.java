package io.mirage4j.install;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a {@link BundleManifest}. Used by this package; not part of the stable API.
 *
 * <pre>{@code
 * BundleFile node = new BundleFile("bin/node", 123_456_789, sha256, true); // sha256: 64 lower-case hex digits
 * new BundleFile("../node", 0, sha256, false);
 * // IllegalArgumentException: not a relative path inside the bundle: ../node
 * }</pre>
 *
 * @param path where it goes, relative to the bundle's directory, with {@code /} separators
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its content, in lower-case hex
 * @param executable whether it is a program (gets the execute permission when extracted)
 */
public record BundleFile(String path, long size, String sha256, boolean executable) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  public BundleFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("//")) {
      throw new IllegalArgumentException("not a relative path inside the bundle: " + path);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size of " + path + ": " + size);
    }
    if (!HEX_SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 of " + path + ": " + sha256);
    }
  }
}
