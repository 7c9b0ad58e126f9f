package io.mirage4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.shell.Builtin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SessionTest {
  private final CountDownLatch started = new CountDownLatch(1);

  /** A command that blocks until interrupted, then reports how it ended. */
  private final Builtin block = (ctx, args) -> {
    started.countDown();
    try {
      Thread.sleep(60_000);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.err().print("block: interrupted\n");
      return 130;
    }
  };

  private final Builtin readAll = (ctx, args) -> {
    ctx.stdout().write(ctx.stdin().readAllBytes());
    return 0;
  };

  private Workspace workspace() {
    return Workspace.builder()
        .mount("/data", Resources.inMemory())
        .command("block", block)
        .command("readall", readAll)
        .build();
  }

  @Test
  void exitAtTheTopOfALineMarksTheSessionExitedAndNothingElseDoes() {
    try (Workspace ws = workspace()) {
      Session session = ws.newSession();
      for (String line : new String[] {"(exit 3)", "exit 4 | cat", "echo $(exit 5)", "true"}) {
        session.execute(line);
        assertThat(session.exited()).as(line).isFalse();
      }
      ExecResult r = session.execute("f() { echo in-f; exit 6; echo never; }; f; echo never");
      assertThat(r.stdoutText()).isEqualTo("in-f\n");
      assertThat(r.exitCode()).isEqualTo(6);
      assertThat(session.exited()).isTrue();
      assertThat(session.execute("echo still works").stdoutText()).isEqualTo("still works\n");
      assertThat(ws.newSession().exited()).isFalse();
    }
  }

  @Test
  void stdinReachesTheLine() {
    try (Workspace ws = workspace()) {
      assertThat(ws.execute("readall", ExecOptions.defaults().withStdin("piped\n")).stdoutText()).isEqualTo("piped\n");
    }
  }

  @Test
  void envAndCwdOverridesDoNotPersist() {
    try (Workspace ws = workspace()) {
      ws.fs().mkdir("/data/sub");
      ExecResult r = ws.execute("pwd; export LEFT=1; echo $ONLY_HERE",
          ExecOptions.defaults().withCwd("/data/sub").withEnv("ONLY_HERE", "yes"));
      assertThat(r.stdoutText()).isEqualTo("/data/sub\nyes\n");
      assertThat(ws.execute("pwd; echo \"[$ONLY_HERE][$LEFT]\"").stdoutText()).isEqualTo("/data\n[][]\n");
    }
  }

  @Test
  void aMissingCwdOverrideIsAnError() {
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("pwd", ExecOptions.defaults().withCwd("/data/nowhere"));
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderrText()).isEqualTo("mirage: /data/nowhere: No such file or directory\n");
    }
  }

  @Test
  void aLinePastItsTimeLimitIsCancelledWith124() {
    try (Workspace ws = workspace()) {
      ExecResult r = ws.execute("block", ExecOptions.defaults().withTimeout(Duration.ofMillis(200)));
      assertThat(r).isEqualTo(new ExecResult(new byte[0], "mirage: timed out after 0.2s\n".getBytes(StandardCharsets.UTF_8), 124));
      assertThat(ws.execute("echo next").stdoutText()).isEqualTo("next\n");
    }
  }

  @Test
  void cancellingAnAsyncLineInterruptsIt() throws Exception {
    try (Workspace ws = workspace()) {
      CompletableFuture<ExecResult> running = ws.executeAsync("block; echo not-reached", ExecOptions.defaults());
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      String before = running.handle((r, e) -> String.valueOf(r != null ? r : e)).getNow("running");
      assertThat(running.cancel(true)).as("cancelled while running, not after: %s", before).isTrue();
      assertThatThrownBy(running::join).isInstanceOf(CancellationException.class);
      assertThat(ws.execute("echo still works").stdoutText()).isEqualTo("still works\n");
    }
  }

  @Test
  void asyncLinesOfOneSessionRunInOrder() throws Exception {
    try (Workspace ws = workspace()) {
      CompletableFuture<ExecResult> first = ws.executeAsync("export N=1", ExecOptions.defaults());
      first.get(10, TimeUnit.SECONDS);
      CompletableFuture<ExecResult> second = ws.executeAsync("echo $N", ExecOptions.defaults());
      assertThat(second.get(10, TimeUnit.SECONDS).stdoutText()).isEqualTo("1\n");
    }
  }

  @Test
  void outputPastTheCapIsCutWithANotice() {
    Builtin flood = (ctx, args) -> {
      byte[] chunk = new byte[1000];
      for (int i = 0; i < 1_000_000; i++) {
        ctx.stdout().write(chunk);
      }
      return 0;
    };
    try (Workspace ws = Workspace.builder().outputLimit(4096).command("flood", flood).build()) {
      ExecResult r = ws.execute("flood; echo after");
      assertThat(r.stdout()).hasSize(4096);
      assertThat(r.stderrText()).isEqualTo("mirage: output truncated: the command line wrote more than 4096 bytes\n");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(ws.execute("echo fine").stdoutText()).isEqualTo("fine\n");
    }
  }

  @Test
  void customCommandsTakePartInPipesAndCanReplaceBuiltins() {
    try (Workspace ws = workspace()) {
      ws.command("shout", (ctx, args) -> {
        ctx.stdout().write(new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        return 0;
      });
      assertThat(ws.execute("echo quiet | shout").stdoutText()).isEqualTo("QUIET\n");
      ws.command("pwd", (ctx, args) -> {
        ctx.out().print("replaced\n");
        return 0;
      });
      assertThat(ws.execute("pwd").stdoutText()).isEqualTo("replaced\n");
    }
    assertThatThrownBy(() -> Workspace.builder().command("bad name", readAll)).hasMessageContaining("bad name");
  }

  @Test
  void aFailedRedirectionChangesNothing() {
    Resource ro = Resources.inMemory();
    ro.write("/keep.txt", "kept".getBytes(StandardCharsets.UTF_8));
    try (Workspace ws = Workspace.builder().mount("/ro", ro, Mode.READ).build()) {
      ExecResult r = ws.execute("echo x > /ro/keep.txt");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderrText()).isEqualTo("mirage: /ro/keep.txt: Read-only file system\n");
      assertThat(new String(ro.read("/keep.txt"), StandardCharsets.UTF_8)).isEqualTo("kept");
    }
  }

  @Test
  void aCopyOfASessionHasTheHostFunctionsGivenToIt() {
    try (Workspace ws = Workspace.builder().build()) {
      Session original = ws.newSession();
      original.function(io.mirage4j.function.HostFunction.of("echo", "Echo.",
          io.mirage4j.function.ArgumentSchema.none(), (args, context) -> args));
      Session copy = ws.newSession();
      copy.copyStateFrom(original);
      org.assertj.core.api.Assertions.assertThat(copy.functions().functions())
          .extracting(io.mirage4j.function.HostFunction::name).containsExactly("echo");
      org.assertj.core.api.Assertions.assertThat(ws.newSession().functions().functions()).isEmpty();
    }
  }
}
