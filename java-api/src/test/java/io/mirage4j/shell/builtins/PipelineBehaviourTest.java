package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the builtins behave in pipelines: a reader that goes away, the output cap, redirections. */
@Timeout(30)
class PipelineBehaviourTest extends BuiltinTestSupport {

  @Test
  void aWriterWhoseReaderLeftEndsQuietly() {
    expect("seq 1 1000000 | head -n 2", "1\n2\n");
    expect("seq 1 1000000 | cat | grep 7 | head -n 1", "7\n");
    expect("seq inf | head -n 1", "1\n");
  }

  @Test
  void aStageWhoseInputWasTornDownEndsQuietly() {
    expect("printf 'a\\0b' | tee t | nope", "", "nope: command not found\n", 127);
    expect("seq 1 100000 | tee t | true; echo $?", "0\n");
  }

  @Test
  void theOutputCapStopsAnEndlessCommand() {
    try (Workspace small = Workspace.builder().mount("/data", Resources.inMemory()).outputLimit(1000).build()) {
      ExecResult r = small.execute("seq inf");
      assertThat(r.stdout()).hasSize(1000);
      assertThat(r.stderrText()).isEqualTo("mirage: output truncated: the command line wrote more than 1000 bytes\n");
    }
  }

  @Test
  void redirectionsAndDeviceFiles() {
    expect("seq 3 > n; sort -r n | tee r | head -n 1; cat r", "3\n3\n2\n1\n");
    expect("cat /dev/null; wc -c < n", "6\n");
    expect("echo x | tee /dev/stdout", "x\nx\n");
    expect("grep -c 1 < n", "1\n");
    expect("uniq n /dev/stdout", "1\n2\n3\n");
  }

  @Test
  void stdinGivenToTheLine() {
    assertThat(run("sort | uniq -c", "b\na\nb\n").stdoutText()).isEqualTo("      1 a\n      2 b\n");
    assertThat(run("wc -l", "1\n2\n").stdoutText()).isEqualTo("2\n");
    assertThat(run("cat - | head -n 1", "x\ny\n").stdoutText()).isEqualTo("x\n");
  }
}
