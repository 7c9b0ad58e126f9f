package io.mirage4j.shell.builtins;

import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The inputs a filter reads in turn, as coreutils' filters do: each operand a file, {@code -} (or
 * no operand at all) standard input; a file that cannot be read is reported as {@code name: FILE:
 * No such file or directory} and the others are still read.
 */
final class Inputs {

  /** What is done with one input. */
  interface Body {
    void accept(InputStream in, String operand) throws IOException;
  }

  private Inputs() {}

  /** Runs {@code body} on each input; returns 1 if one could not be read, else 0. */
  static int each(Tool t, List<String> operands, Body body) throws IOException {
    int status = 0;
    for (String operand : operands.isEmpty() ? List.of("-") : operands) {
      if (operand.equals("-")) {
        body.accept(t.stdin(), operand);
        continue;
      }
      try (InputStream in = t.open(operand)) {
        body.accept(in, operand);
      } catch (ResourceException e) {
        t.error(Quote.name(operand) + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }
}
