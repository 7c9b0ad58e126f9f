package io.mirage4j.install;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A bundle's files in a directory, with a copy of its manifest ({@code manifest.json}) that was
 * written last: what {@link BundleExtractor} makes and {@code mirage4j install-runtime} installs.
 * Used by {@code io.mirage4j.sidecar} and {@link BundleExtractor}; not part of the stable API.
 *
 * <pre>{@code
 * // after 'mirage4j install-runtime /opt/mirage4j'; NoSuchFileException if there is no manifest.json
 * ExtractedBundle runtime = ExtractedBundle.open(Path.of("/opt/mirage4j/runtime"));
 * runtime.manifest().name();   // "mirage4j-runtime"
 * runtime.resolve("index.js"); // /opt/mirage4j/runtime/index.js
 * }</pre>
 *
 * @param directory where the files are
 * @param manifest what they are
 */
public record ExtractedBundle(Path directory, BundleManifest manifest) {

  /**
   * The bundle in {@code directory}, after checking that every file its manifest lists is there
   * with its size (contents were checked when it was extracted).
   *
   * @throws NoSuchFileException when the directory has no manifest
   * @throws PythonRuntimeUnavailableException when it is incomplete or unreadable
   */
  public static ExtractedBundle open(Path directory) throws NoSuchFileException {
    Path manifestFile = directory.resolve(BundleManifest.FILE_NAME);
    BundleManifest manifest;
    try (InputStream in = Files.newInputStream(manifestFile)) {
      manifest = BundleManifest.read(in, manifestFile.toString());
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new PythonRuntimeUnavailableException(e.getMessage() + "; delete " + directory + " to have it made again", e);
    }
    for (BundleFile file : manifest.files()) {
      Path path = directory.resolve(file.path());
      long size;
      try {
        size = Files.size(path);
      } catch (IOException e) {
        size = -1;
      }
      if (size != file.size() || (file.executable() && !Files.isExecutable(path))) {
        throw new PythonRuntimeUnavailableException(directory + " is damaged (" + file.path() + " is missing or changed);"
            + " delete it to have it made again");
      }
    }
    return new ExtractedBundle(directory, manifest);
  }

  /** One of its files. */
  public Path resolve(String path) {
    return directory.resolve(path);
  }
}
