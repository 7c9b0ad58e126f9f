package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A workspace over an in-memory {@code /data}; expectations are what bash 5.2 prints for the same lines. */
abstract class ShellTestSupport {
  protected InMemoryResource data;
  protected Workspace ws;

  @BeforeEach
  void openWorkspace() {
    data = Resources.inMemory();
    ws = Workspace.builder().mount("/data", data).build();
  }

  @AfterEach
  void closeWorkspace() {
    ws.close();
  }

  /** Asserts stdout, stderr and the exit status of a line at once. */
  void expect(String line, String stdout, String stderr, int status) {
    ExecResult r = ws.execute(line);
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8) + "|" + new String(r.stderr(), StandardCharsets.UTF_8)
        + "|" + r.exitCode()).as(line).isEqualTo(stdout + "|" + stderr + "|" + status);
  }

  /** Asserts a successful line's stdout. */
  void expect(String line, String stdout) {
    expect(line, stdout, "", 0);
  }
}
