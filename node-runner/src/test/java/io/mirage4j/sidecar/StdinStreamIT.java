package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code python3} reads the line's standard input through a real sidecar only as far as the
 * program reads it ({@code stdin/read}): a loop keeps its lines, an endless producer does not keep
 * a program that reads nothing alive, and a program blocked on a slow stdin stops at its time limit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StdinStreamIT {

  @Test
  void whileReadLoopKeepsItsLinesAcrossPython() {
    var data = Resources.inMemory();
    try (Workspace ws = Workspace.builder().mount("/data", data).build()) {
      ws.fs().write("/data/a.txt", "one\ntwo\nthree\n".getBytes(UTF_8));
      ExecResult r = ws.execute(
          "while read -r line; do python3 -c 'import sys; print(sys.argv[1].upper())' \"$line\"; done < a.txt",
          ExecOptions.defaults().withCwd("/data"));
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo("ONE\nTWO\nTHREE\n");
    }
  }

  @Test
  void programReadsExactlyWhatItAsksForFromTheSessionStdin() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ExecResult r = ws.execute("python3 -c 'import os; print(os.read(0, 3), os.read(0, 1))'; cat",
          ExecOptions.defaults().withStdin("abcdef\n"));
      assertThat(r.stdoutText()).isEqualTo("b'abc' b'd'\nef\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void programThatReadsNothingEndsWhileTheSessionStdinIsEndless() {
    AtomicLong served = new AtomicLong();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ExecResult r = ws.execute("python3 -c 'print(1)'", ExecOptions.defaults().withStdin(endless(served)));
      assertThat(r.stdoutText()).isEqualTo("1\n");
      assertThat(r.exitCode()).isZero();
      assertThat(served.get()).as("bytes of stdin taken").isZero();
    }
  }

  @Test
  void programThatReadsNothingEndsWhileTheProducerIsEndlessYes() {
    Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build();
    try (ws) {
      ws.command("yes", (ctx, args) -> {
        byte[] y = "y\n".repeat(4096).getBytes(UTF_8);
        try {
          while (true) {
            ctx.stdout().write(y);
          }
        } catch (IOException e) {
          return 141; // the reader went away: SIGPIPE
        }
      });
      long start = System.nanoTime();
      ExecResult r = ws.execute("yes | python3 -c 'print(1)'; echo done");
      assertThat(r.stdoutText()).isEqualTo("1\ndone\n");
      assertThat(r.exitCode()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      ExecResult head = ws.execute("yes | python3 -c 'import sys; print(sys.stdin.readline(), end=\"\")'");
      assertThat(head.stdoutText()).isEqualTo("y\n");
    }
  }

  @Test
  void programBlockedOnSlowStdinStopsAtItsTimeLimitAndTheWorkspaceAnswersNext() {
    AtomicLong served = new AtomicLong();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      long start = System.nanoTime();
      ExecResult r = ws.execute("python3 -c 'import sys; print(len(sys.stdin.read()))'",
          ExecOptions.defaults().withStdin(slow(served)).withPythonTimeout(Duration.ofSeconds(2)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(r.stderrText()).isEqualTo("python3: timed out after 2s\n");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(served.get()).as("the program read some of the slow stdin").isPositive();
      ExecResult next = ws.execute("python3 -c 'import sys; print(sys.stdin.read())'",
          ExecOptions.defaults().withStdin("fresh"));
      assertThat(next.stdoutText()).isEqualTo("fresh\n");
      assertThat(next.exitCode()).isZero();
    }
  }

  @Test
  void programBlockedOnStdinThatNeverAnswersStopsAtItsTimeLimit() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ExecResult r = ws.execute("python3 -c 'input()'",
          ExecOptions.defaults().withStdin(silent()).withPythonTimeout(Duration.ofSeconds(1)));
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(r.stderrText()).isEqualTo("python3: timed out after 1s\n");
      assertThat(ws.execute("python3 -c 'print(2)'").stdoutText()).isEqualTo("2\n");
    }
  }

  /** {@code y\n} forever, counting what was read. */
  private static InputStream endless(AtomicLong served) {
    return new InputStream() {
      @Override
      public int read() {
        return read(new byte[1], 0, 1) < 0 ? -1 : 'y';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
          b[off + i] = (byte) (i % 2 == 0 ? 'y' : '\n');
        }
        served.addAndGet(len);
        return len;
      }
    };
  }

  /** One byte every 100 ms, forever. */
  private static InputStream slow(AtomicLong served) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException();
        }
        served.incrementAndGet();
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        b[off] = (byte) read();
        return 1;
      }
    };
  }

  /** Blocks until interrupted. */
  private static InputStream silent() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException();
        }
        return -1;
      }
    };
  }
}
