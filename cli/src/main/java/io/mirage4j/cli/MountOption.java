package io.mirage4j.cli;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --mount PREFIX=ram} or {@code --mount PREFIX=dir:PATH} option.
 *
 * @param prefix where the resource is mounted
 * @param resource the in-memory or local-directory resource
 */
record MountOption(String prefix, Resource resource) {

  /** Parses the option's value for picocli. */
  static final class Converter implements ITypeConverter<MountOption> {
    @Override
    public MountOption convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException("expected PREFIX=ram or PREFIX=dir:PATH, got '" + value + "'");
      }
      String prefix = value.substring(0, eq);
      String source = value.substring(eq + 1);
      if (!prefix.startsWith("/")) {
        throw new TypeConversionException("mount prefix must be absolute, got '" + prefix + "'");
      }
      if (source.equals("ram")) {
        return new MountOption(prefix, Resources.inMemory());
      }
      if (source.startsWith("dir:") && source.length() > 4) {
        Path dir = Path.of(source.substring(4));
        if (!Files.isDirectory(dir)) {
          throw new TypeConversionException("not a directory: " + dir);
        }
        return new MountOption(prefix, Resources.localDir(dir));
      }
      throw new TypeConversionException("expected 'ram' or 'dir:PATH' after '" + prefix + "=', got '" + source + "'");
    }
  }
}
