package io.mirage4j.python;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Receives what a running {@code python3} program writes, as it writes it: each chunk of its
 * standard output and standard error, in the order the program wrote them (as a reader of a pipe
 * both streams go to sees them). Chunks come on the thread that called {@link
 * PythonRuntime#run(PythonRun, java.io.InputStream, PythonOutput)}.
 *
 * <pre>{@code
 * PythonOutput toConsole = PythonOutput.of(System.out, System.err);
 * runtime.run(PythonRun.command("import time\nprint(1, flush=True)\ntime.sleep(5)", "/data", Map.of()),
 *     InputStream.nullInputStream(), toConsole); // "1" shows at once, not after 5 s
 * }</pre>
 */
public interface PythonOutput {

  /**
   * The program wrote {@code bytes} to its standard output.
   *
   * @throws IOException when the bytes cannot be passed on (a pipe whose reader has gone): the
   *     call then ends with it, after the program stops
   */
  void stdout(byte[] bytes) throws IOException;

  /** The program wrote {@code bytes} to its standard error; as {@link #stdout}. */
  void stderr(byte[] bytes) throws IOException;

  /** Writes each chunk to {@code stdout} or {@code stderr} and flushes it. */
  static PythonOutput of(OutputStream stdout, OutputStream stderr) {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    return new PythonOutput() {
      @Override
      public void stdout(byte[] bytes) throws IOException {
        stdout.write(bytes);
        stdout.flush();
      }

      @Override
      public void stderr(byte[] bytes) throws IOException {
        stderr.write(bytes);
        stderr.flush();
      }
    };
  }
}
