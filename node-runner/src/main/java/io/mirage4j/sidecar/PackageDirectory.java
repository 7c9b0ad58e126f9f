package io.mirage4j.sidecar;

import io.mirage4j.rpc.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A host directory of wheels that a workspace's interpreter installs when it starts ({@code
 * Workspace.Builder.packages}). Java reads the files, so Node never needs access to the directory;
 * each start reads them afresh and keeps no bytes once they are sent.
 *
 * <p>The directory holds wheels only (names starting with {@code .} are skipped). Every file is
 * checked before any reaches the interpreter: a wheel's file name, that Pyodide can install its
 * tags ({@link PyodideTags}), that it is a zip with a {@code .dist-info} directory of its
 * distribution, and that no two wheels are of one distribution. The first file that fails is named
 * in a {@link PackageException}.
 */
final class PackageDirectory {
  private final Path dir;

  /** @param dir the directory, absolute */
  PackageDirectory(Path dir) {
    this.dir = dir;
  }

  /** One wheel, read and checked. */
  record Wheel(Path file, byte[] data) {
    String fileName() {
      return file.getFileName().toString();
    }
  }

  /**
   * Reads every wheel, in file-name order.
   *
   * @throws PackageException naming the first file that is not a wheel Pyodide can install, or the
   *     directory when it cannot be listed
   */
  List<Wheel> read(PyodideTags tags) {
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new PackageException("cannot read the packages directory " + dir + ": " + e.getMessage(), e);
    }
    Map<String, Path> byDistribution = new HashMap<>();
    List<Wheel> wheels = new ArrayList<>();
    for (Path file : files) {
      WheelName name = check(file, tags);
      Path other = byDistribution.putIfAbsent(WheelName.canonical(name.distribution()), file);
      if (other != null) {
        throw refused(file, "a second wheel of " + name.distribution() + ", after " + other.getFileName()
            + "; keep one");
      }
      wheels.add(new Wheel(file, read(file)));
    }
    return wheels;
  }

  private static WheelName check(Path file, PyodideTags tags) {
    String fileName = file.getFileName().toString();
    if (!Files.isRegularFile(file) || !fileName.endsWith(".whl")) {
      throw refused(file, "not a wheel (*.whl); the packages directory holds wheels only");
    }
    WheelName name = WheelName.parse(fileName)
        .orElseThrow(() -> refused(file, "not a wheel's file name, NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl"));
    tags.refusal(name).ifPresent(why -> {
      throw refused(file, why);
    });
    checkContent(file, name);
    return name;
  }

  /** A wheel is a zip with {@code NAME-VERSION.dist-info/METADATA} and {@code WHEEL}. */
  private static void checkContent(Path file, WheelName name) {
    Set<String> entries = new HashSet<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        entries.add(e.nextElement().getName());
      }
    } catch (ZipException e) {
      throw refused(file, "not a zip file (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw refused(file, "unreadable: " + e.getMessage());
    }
    String prefix = WheelName.canonical(name.distribution()) + "-";
    boolean hasDistInfo = entries.stream()
        .filter(entry -> entry.endsWith(".dist-info/METADATA") && entry.indexOf('/') == entry.lastIndexOf('/'))
        .map(entry -> entry.substring(0, entry.indexOf('/')))
        .anyMatch(dist -> WheelName.canonical(dist).startsWith(prefix) && entries.contains(dist + "/WHEEL"));
    if (!hasDistInfo) {
      throw refused(file, "not a wheel: no " + name.distribution() + "-" + name.version()
          + ".dist-info/METADATA and WHEEL in it");
    }
  }

  private static byte[] read(Path file) {
    try {
      long size = Files.size(file);
      if (size > Frame.MAX_BINARY_LENGTH) {
        throw refused(file, size + " bytes, more than the " + Frame.MAX_BINARY_LENGTH + " a wheel may have");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw refused(file, "unreadable: " + e.getMessage());
    }
  }

  private static PackageException refused(Path file, String why) {
    return new PackageException("cannot install " + file + ": " + why);
  }
}
