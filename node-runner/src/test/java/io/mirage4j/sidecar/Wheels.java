package io.mirage4j.sidecar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small wheels for tests, as a build backend would lay them out. */
public final class Wheels {
  /** What {@code tinypkg.f()} returns. */
  public static final String GREETING = "hello from tinypkg";

  private Wheels() {}

  /**
   * Writes {@code tinypkg-1.0-py3-none-any.whl} into {@code dir}: a package whose {@code f()}
   * returns {@link #GREETING}, whose {@code fail()} raises {@code ValueError('boom')} (line 9), and
   * whose {@code calls} list starts empty.
   */
  public static Path tinypkg(Path dir) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("tinypkg/__init__.py", "calls = []\n\n\ndef f():\n    return '" + GREETING + "'\n\n\ndef fail():\n"
        + "    raise ValueError('boom')\n");
    return write(dir, "tinypkg", "1.0", "py3-none-any", files);
  }

  /**
   * Writes {@code NAME-VERSION-TAG.whl} into {@code dir} with {@code files} and the {@code
   * .dist-info} a wheel has ({@code METADATA}, {@code WHEEL}, {@code RECORD}).
   */
  public static Path write(Path dir, String name, String version, String tag, Map<String, String> files)
      throws IOException {
    String distInfo = name + "-" + version + ".dist-info/";
    Map<String, String> entries = new LinkedHashMap<>(files);
    entries.put(distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
    entries.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: mirage4j-tests\nRoot-Is-Purelib: true\nTag: "
        + tag + "\n");
    StringBuilder record = new StringBuilder();
    entries.keySet().forEach(path -> record.append(path).append(",,\n"));
    entries.put(distInfo + "RECORD", record.append(distInfo).append("RECORD,,\n").toString());
    Path wheel = dir.resolve(name + "-" + version + "-" + tag + ".whl");
    try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return wheel;
  }
}
