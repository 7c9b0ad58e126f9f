package io.mirage4j.workspace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ExecOptions#withStdout} and {@link ExecOptions#withStderr} receive the line's output as it
 * is written, and the {@link ExecResult} still holds all of it.
 */
@Timeout(30)
class ExecOutputStreamsTest {

  @Test
  void aListenerSeesOutputBeforeTheLineEnds() throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      // Writes a line, then waits until the listener has it: only output passed on as it is
      // written lets the command go on before its 20 s run out.
      ws.command("progress", (ctx, args) -> {
        ctx.out().print("first\n");
        try {
          ctx.out().print(seen.await(20, TimeUnit.SECONDS) ? "then\n" : "too late\n");
          return 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 130;
        }
      });
      OutputStream listener = new OutputStream() {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
          bytes.write(b);
          if (bytes.toString(UTF_8).equals("first\n")) {
            seen.countDown();
          }
        }
      };
      CompletableFuture<ExecResult> line = ws.defaultSession().executeAsync("progress",
          ExecOptions.defaults().withStdout(listener));
      assertThat(seen.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(line.get(20, TimeUnit.SECONDS).stdoutText()).isEqualTo("first\nthen\n");
    }
  }

  @Test
  void oneStreamForBothShowsThemInWriteOrderWhileTheResultKeepsThemApart() {
    try (Workspace ws = Workspace.builder().build()) {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      ExecResult r = ws.execute("echo a; echo b >&2; echo c | cat; echo d >/dev/null",
          ExecOptions.defaults().withStdout(both).withStderr(both));
      assertThat(both.toString(UTF_8)).isEqualTo("a\nb\nc\n");
      assertThat(r.stdoutText()).isEqualTo("a\nc\n");
      assertThat(r.stderrText()).isEqualTo("b\n");
    }
  }

  @Test
  void messagesTheLineEndsWithReachTheStderrListener() {
    try (Workspace ws = Workspace.builder().outputLimit(4).build()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ExecOptions streams = ExecOptions.defaults().withStdout(out).withStderr(err);

      ExecResult truncated = ws.execute("echo 123456", streams);
      assertThat(out.toString(UTF_8)).isEqualTo(truncated.stdoutText()).isEqualTo("1234");
      assertThat(err.toString(UTF_8)).isEqualTo(truncated.stderrText())
          .isEqualTo("mirage: output truncated: the command line wrote more than 4 bytes\n");

      err.reset();
      ExecResult refused = ws.execute("echo (", streams);
      assertThat(err.toString(UTF_8)).isEqualTo(refused.stderrText()).startsWith("mirage: syntax error");

      err.reset();
      ExecResult badCwd = ws.execute("true", streams.withCwd("/nowhere"));
      assertThat(err.toString(UTF_8)).isEqualTo(badCwd.stderrText()).isEqualTo("mirage: /nowhere: No such file or directory\n");
    }
  }

  @Test
  void aLineStoppedByItsTimeLimitHasPassedOnWhatItWroteAndItsMessage() {
    try (Workspace ws = Workspace.builder().build()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ExecResult r = ws.execute("echo early; sleep 10",
          ExecOptions.defaults().withStdout(out).withStderr(err).withTimeout(Duration.ofMillis(300)));
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(out.toString(UTF_8)).isEqualTo("early\n");
      assertThat(err.toString(UTF_8)).isEqualTo(r.stderrText()).startsWith("mirage: timed out after");
    }
  }

  @Test
  void aListenerThatThrowsGetsNothingMoreAndTheLineRunsOn() {
    try (Workspace ws = Workspace.builder().build()) {
      int[] calls = {0};
      OutputStream failing = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          calls[0]++;
          throw new IOException("gone");
        }
      };
      ExecResult r = ws.execute("echo a; echo b", ExecOptions.defaults().withStdout(failing));
      assertThat(r.stdoutText()).isEqualTo("a\nb\n");
      assertThat(r.exitCode()).isZero();
      assertThat(calls[0]).isEqualTo(1);
    }
  }
}
