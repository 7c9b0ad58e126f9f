package io.mirage4j.workspace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecOptions#withOutput}: a line's output reaches the given streams as it is written, and
 * a {@code python3} program's output arrives as the runtime passes it on, a prompt before the read.
 */
class LiveOutputTest {

  /** Writes "name? " early, reads a line, and returns "hi <line>" as the rest of its output. */
  private static final class Prompting implements PythonRuntime {
    final List<String> seenAtRead = new ArrayList<>();
    private final ByteArrayOutputStream screen;

    Prompting(ByteArrayOutputStream screen) {
      this.screen = screen;
    }

    @Override
    public PythonResult run(PythonRun run) {
      return new PythonResult(0, new byte[0], new byte[0]);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output) throws IOException {
      output.stdout("name? ".getBytes(UTF_8));
      seenAtRead.add(screen.toString(UTF_8));
      String name = new String(stdin.readNBytes(4), UTF_8).strip();
      output.stdout(("hi " + name + "\n").getBytes(UTF_8));
      return new PythonResult(0, new byte[0], new byte[0]);
    }

    @Override
    public String version() {
      return "3.13.2";
    }

    @Override
    public void close() {}
  }

  @Test
  void outputGoesToTheStreamsInOrderAndTheResultKeepsItToo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ExecResult r = ws.execute("echo one; echo two >&2; echo three", ExecOptions.defaults().withOutput(out, err));
      assertThat(out.toString(UTF_8)).isEqualTo("one\nthree\n");
      assertThat(err.toString(UTF_8)).isEqualTo("two\n");
      assertThat(r.stdoutText()).isEqualTo("one\nthree\n");
      assertThat(r.stderrText()).isEqualTo("two\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void theOutputLimitStillCountsWhatWasSent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).outputLimit(10).build()) {
      ExecResult r = ws.execute("echo 12345; echo 67890; echo never", ExecOptions.defaults().withOutput(out, new ByteArrayOutputStream()));
      assertThat(out.toString(UTF_8)).isEqualTo("12345\n6789");
      assertThat(r.stderrText()).contains("output truncated");
      assertThat(r.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void aPythonPromptShowsBeforeTheProgramReadsAndTheRestFollows() {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Prompting runtime = new Prompting(screen);
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).pythonRuntime(files -> runtime).build()) {
      ExecResult r = ws.execute("echo before; python3 -c 'print(\"hi\", input(\"name? \"))'; echo after",
          ExecOptions.defaults().withStdin("bob\n").withOutput(screen, new ByteArrayOutputStream()));
      assertThat(runtime.seenAtRead).containsExactly("before\nname? ");
      assertThat(screen.toString(UTF_8)).isEqualTo("before\nname? hi bob\nafter\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void withoutStreamsTheEarlyOutputIsInTheResult() {
    ByteArrayOutputStream nowhere = new ByteArrayOutputStream();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory())
        .pythonRuntime(files -> new Prompting(nowhere)).build()) {
      ExecResult r = ws.execute("python3 -c 'print(\"hi\", input(\"name? \"))'", ExecOptions.defaults().withStdin("ann\n"));
      assertThat(r.stdoutText()).isEqualTo("name? hi ann\n");
    }
  }
}
