package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real sidecar passes a program's output on while the program runs. Each program prints a line,
 * flushes it, then waits for the file {@code /data/go}, which the test writes only once the line
 * has reached it: a program whose output came only at its end would give up waiting and print
 * {@code no go}. The streams' order is CPython's into pipes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveOutputIT {

  /** Prints {@code first}, flushed, then waits up to 30 s for /data/go. */
  private static final String WAITS_FOR_GO = "python3 -c '"
      + "import os, sys, time\n"
      + "print(\"first\", flush=True)\n"
      + "for _ in range(600):\n"
      + "    if os.path.exists(\"/data/go\"): print(\"go\"); break\n"
      + "    time.sleep(0.05)\n"
      + "else: print(\"no go\")\n"
      + "'";

  @Test
  void firstLineReachesTheExecListenerBeforeTheProgramEnds() throws Exception {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      CountDownLatch firstLine = new CountDownLatch(1);
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      OutputStream listener = new OutputStream() {
        @Override
        public synchronized void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
          seen.write(b, off, len);
          if (seen.toString(UTF_8).contains("first\n")) {
            firstLine.countDown();
          }
        }
      };
      CompletableFuture<ExecResult> line = ws.defaultSession().executeAsync(WAITS_FOR_GO,
          ExecOptions.defaults().withStdout(listener));
      assertThat(firstLine.await(60, TimeUnit.SECONDS)).as("the first line arrived").isTrue();
      assertThat(line).as("the program still runs when its first line arrives").isNotDone();
      ws.fs().write("/data/go", new byte[0]);
      ExecResult r = line.get(60, TimeUnit.SECONDS);
      assertThat(r.stdoutText()).isEqualTo("first\ngo\n");
      assertThat(seen.toString(UTF_8)).isEqualTo("first\ngo\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void aPipeReaderSeesTheLineWhileTheProgramRuns() throws Exception {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      CountDownLatch gotFirst = new CountDownLatch(1);
      OutputStream listener = new OutputStream() {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
          seen.write(b);
          if (seen.toString(UTF_8).contains("got first\n")) {
            gotFirst.countDown();
          }
        }
      };
      CompletableFuture<ExecResult> line = ws.defaultSession().executeAsync(
          WAITS_FOR_GO + " | while read -r l; do echo \"got $l\"; done",
          ExecOptions.defaults().withStdout(listener));
      assertThat(gotFirst.await(60, TimeUnit.SECONDS)).as("the reader got the first line").isTrue();
      assertThat(line).as("the program still runs when the reader gets its first line").isNotDone();
      ws.fs().write("/data/go", new byte[0]);
      assertThat(line.get(60, TimeUnit.SECONDS).stdoutText()).isEqualTo("got first\ngot go\n");
    }
  }

  @Test
  void oneListenerForBothStreamsSeesThemInWriteOrderAndTheResultKeepsThemApart() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      ExecResult r = ws.execute(
          "python3 -c 'import sys; print(\"a\"); print(\"b\", file=sys.stderr); print(\"c\", flush=True);"
              + " print(\"d\", file=sys.stderr); print(\"e\")'; echo f",
          ExecOptions.defaults().withStdout(both).withStderr(both));
      // stdout is block-buffered into a pipe, stderr line-buffered: CPython's order.
      assertThat(both.toString(UTF_8)).isEqualTo("b\na\nc\nd\ne\nf\n");
      assertThat(r.stdoutText()).isEqualTo("a\nc\ne\nf\n");
      assertThat(r.stderrText()).isEqualTo("b\nd\n");
    }
  }

  @Test
  void theRuntimePassesOutputOnAsItComesAndTheBufferedRunStillHasItAll() throws Exception {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      PythonRuntime python = new NodeSidecarProvider().create(ws.fs());
      try (python) {
        CountDownLatch firstLine = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        PythonOutput output = new PythonOutput() {
          @Override
          public void stdout(byte[] bytes) {
            seen.append("out:").append(new String(bytes, UTF_8));
            if (seen.toString().contains("first\n")) {
              firstLine.countDown();
            }
          }

          @Override
          public void stderr(byte[] bytes) {
            seen.append("err:").append(new String(bytes, UTF_8));
          }
        };
        String code = "import os, sys, time\n"
            + "print('first', flush=True)\n"
            + "for _ in range(600):\n"
            + "    if os.path.exists('/data/go'): break\n"
            + "    time.sleep(0.05)\n"
            + "print('late', file=sys.stderr)\n";
        CompletableFuture<PythonResult> call = CompletableFuture.supplyAsync(() -> {
          try {
            return python.run(PythonRun.command(code, "/data", Map.of()), InputStream.nullInputStream(), output);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        assertThat(firstLine.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(call).isNotDone();
        ws.fs().write("/data/go", new byte[0]);
        PythonResult streamed = call.get(60, TimeUnit.SECONDS);
        assertThat(seen.toString()).isEqualTo("out:first\nerr:late\n");
        assertThat(streamed).isEqualTo(new PythonResult(0, new byte[0], new byte[0]));

        PythonResult buffered = python.run(PythonRun.command(
            "import sys; print('x'); print('y', file=sys.stderr)", "/data", Map.of()));
        assertThat(buffered).isEqualTo(new PythonResult(0, "x\n".getBytes(UTF_8), "y\n".getBytes(UTF_8)));
      }
    }
  }
}
