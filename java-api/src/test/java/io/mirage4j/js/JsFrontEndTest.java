package io.mirage4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The js builtin's answers that need no runtime: java-api alone has none on its class path. */
class JsFrontEndTest {
  private final Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build();

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void withoutRuntimeJsExits127NamingTheDependency() {
    ExecResult r = ws.execute("js -e 'console.log(1)'");
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.stderrText()).isEqualTo("js: no JavaScript runtime: add io.mirage4j:mirage4j-js to the class path\n");
    assertThat(r.stdoutText()).isEmpty();
  }

  @Test
  void nodeIsTheSameCommand() {
    ExecResult r = ws.execute("node --version");
    assertThat(r.exitCode()).isEqualTo(127);
    assertThat(r.stderrText()).startsWith("node: no JavaScript runtime");
  }

  @Test
  void unknownOptionExits9AsNodeDoes() {
    ExecResult r = ws.execute("node --x");
    assertThat(r.exitCode()).isEqualTo(9);
    assertThat(r.stderrText()).isEqualTo("node: bad option: --x\n");
  }

  @Test
  void evalWithoutCodeExits9AsNodeDoes() {
    ExecResult r = ws.execute("node -e");
    assertThat(r.exitCode()).isEqualTo(9);
    assertThat(r.stderrText()).isEqualTo("node: -e requires an argument\n");
  }
}
