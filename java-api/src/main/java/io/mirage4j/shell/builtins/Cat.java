package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code cat [-n] [FILE|-]...}: copies files and standard input to standard output, byte for byte;
 * {@code -n} numbers the lines, continuing across files.
 */
final class Cat extends Coreutil {
  private static final Map<String, Character> LONGS = Map.of("number", 'n');

  /** Line numbering that carries over from one input to the next. */
  private static final class Numbering {
    long line;
    boolean atLineStart = true;

    void copy(Tool t, byte[] data, int off, int len) throws IOException {
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (atLineStart) {
          t.write(data, start, i - start);
          start = i;
          t.print(String.format("%6d\t", ++line));
          atLineStart = false;
        }
        if (data[i] == '\n') {
          atLineStart = true;
        }
      }
      t.write(data, start, end - start);
    }
  }

  @Override
  int run(Tool t, List<String> args) throws IOException {
    Getopt.Parsed o;
    try {
      o = Getopt.parse(args, "n", LONGS);
    } catch (Getopt.UsageException e) {
      return t.usage(e, 1);
    }
    Numbering numbering = o.has('n') ? new Numbering() : null;
    List<String> operands = o.operands().isEmpty() ? List.of("-") : o.operands();
    int status = 0;
    for (String operand : operands) {
      if (operand.equals("-")) {
        copy(t, numbering, t.stdin());
        continue;
      }
      try (InputStream in = t.open(operand)) {
        copy(t, numbering, in);
      } catch (ResourceException e) {
        t.error(Quote.name(operand) + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }

  /** Streams one input through, so a file larger than memory can be copied. */
  private static void copy(Tool t, Numbering numbering, InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      emit(t, numbering, buf, n);
    }
  }

  private static void emit(Tool t, Numbering numbering, byte[] data, int len) throws IOException {
    if (numbering == null) {
      t.write(data, 0, len);
    } else {
      numbering.copy(t, data, 0, len);
    }
  }
}
