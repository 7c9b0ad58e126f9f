package io.mirage4j.install;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The per-user cache of mirage4j: system property {@code mirage4j.cache.dir}, else environment
 * variable {@code MIRAGE4J_CACHE_DIR}, else {@code $XDG_CACHE_HOME/mirage4j}, else {@code
 * ~/.cache/mirage4j}. Extracted bundles go in its {@code runtime} folder, interpreter snapshots in
 * its {@code snapshots} folder. Used by {@code io.mirage4j.sidecar}; not part of the stable API.
 *
 * <pre>{@code
 * Path cache = CacheDirectory.of(System::getProperty, System::getenv); // ~/.cache/mirage4j when nothing is set
 * CacheDirectory.bundles(cache);                                        // ~/.cache/mirage4j/runtime
 * CacheDirectory.of(name -> null, Map.of(CacheDirectory.ENV, "/var/cache/m4j")::get); // /var/cache/m4j
 * }</pre>
 */
public final class CacheDirectory {
  public static final String PROPERTY = "mirage4j.cache.dir";
  public static final String ENV = "MIRAGE4J_CACHE_DIR";

  private CacheDirectory() {}

  /** The cache directory these settings name (it may not exist yet). */
  public static Path of(Function<String, String> properties, Function<String, String> environment) {
    String configured = Optional.ofNullable(properties.apply(PROPERTY)).orElse(environment.apply(ENV));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    String xdg = environment.apply("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("mirage4j").toAbsolutePath().normalize();
  }

  /** Where bundles are extracted, one directory per {@link BundleManifest#directoryName()}. */
  public static Path bundles(Path cacheDir) {
    return cacheDir.resolve("runtime");
  }
}
