package io.mirage4j.js.graal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.js.JsOutput;
import io.mirage4j.js.JsResult;
import io.mirage4j.js.JsRun;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ways out of the js sandbox, each tried and each failing in its own, asserted way; after each the
 * workspace answers the next call.
 */
class JsSandboxTest {
  private final Resource data = Resources.inMemory();
  private final Workspace ws;

  JsSandboxTest() {
    data.write("/a.txt", "in\n".getBytes(UTF_8));
    ws = Workspace.builder().mount("/data", data, Mode.EXEC).cwd("/data")
        .pythonTimeout(Duration.ofSeconds(2)).outputLimit(10_000).build();
  }

  @AfterEach
  void stillAnswers() {
    ExecResult next = ws.execute("js -e 'console.log(require(\"fs\").readFileSync(\"a.txt\", \"utf8\").trim())'");
    assertThat(next.stdoutText()).isEqualTo("in\n");
    assertThat(next.exitCode()).isZero();
    ws.close();
  }

  private String probe(String expression) {
    ExecResult r = ws.execute("js -e 'try { console.log(String(" + expression + ")) } catch (e) { console.log(e.name + \": \" + e.message) }'");
    assertThat(r.exitCode()).isZero();
    return r.stdoutText();
  }

  @Test
  void javaTypeIsNotThere() {
    assertThat(probe("typeof Java")).isEqualTo("undefined\n");
    assertThat(probe("Java.type(\"java.lang.Runtime\")")).isEqualTo("ReferenceError: Java is not defined\n");
  }

  @Test
  void polyglotEvalIsNotThere() {
    assertThat(probe("Polyglot.eval(\"python\", \"1\")")).isEqualTo("ReferenceError: Polyglot is not defined\n");
  }

  @Test
  void loadIsNotThere() {
    assertThat(probe("load(\"/etc/passwd\")")).isEqualTo("ReferenceError: load is not defined\n");
  }

  @Test
  void childProcessCannotBeRequired() {
    assertThat(probe("require(\"child_process\")")).isEqualTo("Error: Cannot find module 'child_process'\n");
  }

  @Test
  void processBindingIsNotThere() {
    assertThat(probe("process.binding(\"fs\")")).startsWith("TypeError: ").endsWith(".binding is not a function\n");
    assertThat(probe("typeof process.binding + typeof process.dlopen + typeof process.kill")).isEqualTo("undefinedundefinedundefined\n");
  }

  @Test
  void filesOutsideTheMountsAreNotFound() {
    assertThat(probe("require(\"fs\").readFileSync(\"/etc/passwd\", \"utf8\")"))
        .isEqualTo("Error: ENOENT: no such file or directory, open '/etc/passwd'\n");
    assertThat(probe("require(\"fs\").readFileSync(\"../../etc/passwd\", \"utf8\")"))
        .isEqualTo("Error: ENOENT: no such file or directory, open '../../etc/passwd'\n");
  }

  @Test
  void theBridgeIsNotReachable() {
    assertThat(probe("typeof host + typeof __host + Object.keys(globalThis).filter(k => /host|bridge/i.test(k)).length"))
        .isEqualTo("undefinedundefined0\n");
  }

  @Test
  void timersEndWithTheCall() {
    ExecResult r = ws.execute("js -e 'globalThis.leak = 1; setTimeout(() => console.log(\"late\"), 100000)'");
    assertThat(r.stdoutText()).isEqualTo("late\n");
    ExecResult next = ws.execute("js -e 'console.log(typeof leak)'");
    assertThat(next.stdoutText()).isEqualTo("undefined\n");
  }

  @Test
  void anEndlessIntervalIsStoppedByTheTimeLimit() {
    ExecResult r = ws.execute("js -e 'setInterval(() => {}, 1)'");
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.stderrText()).isEqualTo("js: timed out after 2s\n");
  }

  @Test
  void anInfiniteLoopIsStoppedByTheTimeLimit() {
    ExecResult r = ws.execute("js -e 'console.log(\"start\"); for (;;) {}'");
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.stdoutText()).isEqualTo("start\n");
    assertThat(r.stderrText()).isEqualTo("js: timed out after 2s\n");
  }

  @Test
  void theShellsTimeoutStopsALoop() {
    long t0 = System.nanoTime();
    ExecResult r = ws.execute("timeout 0.3 js -e 'for (;;) {}'; echo $?");
    assertThat(r.stdoutText()).isEqualTo("124\n");
    assertThat(System.nanoTime() - t0).isLessThan(1_500_000_000L);
  }

  @Test
  void anInterruptedCallerStopsTheProgram() throws Exception {
    JsRun run = new JsRun(JsRun.Kind.EVAL, "for (;;) {}", "[eval]", List.of("node"), Map.of(), "/data", null, 1000);
    JsOutput quiet = new JsOutput() {
      @Override
      public void stdout(byte[] bytes) {}

      @Override
      public void stderr(byte[] bytes) {}
    };
    JsResult[] result = new JsResult[1];
    boolean[] interrupted = new boolean[1];
    Thread caller = new Thread(() -> {
      result[0] = GraalJsRuntime.shared().run(run, new WorkspaceFs(new MountTable(List.of())), InputStream.nullInputStream(), quiet);
      interrupted[0] = Thread.currentThread().isInterrupted();
    });
    caller.start();
    Thread.sleep(300);
    caller.interrupt();
    caller.join(2000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(result[0]).isEqualTo(JsResult.exited(1));
    assertThat(interrupted[0]).isTrue();
  }

  @Test
  void deepRecursionIsARangeError() {
    assertThat(probe("(function f() { return f() + 1 })()")).isEqualTo("RangeError: Maximum call stack size exceeded\n");
  }

  @Test
  void aHugeStringIsRefused() {
    assertThat(probe("\"x\".repeat(2 ** 31)")).startsWith("RangeError: ");
  }

  @Test
  void tooMuchOutputStopsTheProgram() {
    ExecResult r = ws.execute("js -e 'for (;;) console.log(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")'");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).hasSize(10_000);
    assertThat(r.stderrText()).isEqualTo("js: output truncated: the program wrote more than 10000 bytes to stdout and was stopped\n");
  }

  @Test
  void catchingExitDoesNotResume() {
    ExecResult r = ws.execute("js -e 'try { process.exit(4) } catch (e) {} console.log(\"after\"); for (;;) {}'");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stdoutText()).isEmpty();
    assertThat(r.stderrText()).isEmpty();
  }
}
