package io.mirage4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.workspace.ExecResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/** Where the CLI puts each command's result: raw streams, or one JSON object per line. */
interface CommandOutput {

  void write(String commandLine, ExecResult result) throws IOException;

  /** Each command's stdout and stderr, byte for byte, to the CLI's own. */
  static CommandOutput raw(OutputStream out, OutputStream err) {
    return (line, result) -> {
      out.write(result.stdout());
      out.flush();
      err.write(result.stderr());
      err.flush();
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
