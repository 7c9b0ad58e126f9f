package io.mirage4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where the CLI puts each command's output: raw streams, as the command writes it, or one JSON
 * object per line when the line has ended.
 */
interface CommandOutput {

  /** The options a command line runs with for this output, from {@code options}. */
  default ExecOptions prepare(ExecOptions options) {
    return options;
  }

  /** The line has ended with {@code result}. */
  void write(String commandLine, ExecResult result) throws IOException;

  /**
   * Each command's stdout and stderr, byte for byte, to the CLI's own, as the commands write them
   * (a long line's progress shows while it runs; with both streams on one terminal they
   * interleave as written).
   */
  static CommandOutput raw(OutputStream out, OutputStream err) {
    return new CommandOutput() {
      @Override
      public ExecOptions prepare(ExecOptions options) {
        return options.withStdout(out).withStderr(err);
      }

      @Override
      public void write(String commandLine, ExecResult result) {
        // already written as it came
      }
    };
  }

  /** {@code {"command": …, "stdout": …, "stderr": …, "exitCode": …}} per command, text as UTF-8. */
  static CommandOutput jsonLines(PrintStream out, ObjectMapper mapper) {
    return (line, result) -> {
      try {
        out.println(mapper.writeValueAsString(new JsonRecord(line, result.stdoutText(), result.stderrText(), result.exitCode())));
      } catch (JsonProcessingException e) {
        throw new IOException("cannot write the result as JSON", e);
      }
      out.flush();
    };
  }

  /** The JSON shape of one command's result. */
  record JsonRecord(String command, String stdout, String stderr, int exitCode) {}
}
