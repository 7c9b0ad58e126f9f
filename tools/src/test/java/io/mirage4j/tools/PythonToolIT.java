package io.mirage4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The python tool on the real runtime: a Node sidecar with Pyodide, found on the class path. */
class PythonToolIT {
  private static final Resource data = Resources.inMemory();
  private static final Workspace ws = Workspace.builder().mount("/data", data).cwd("/data").build();
  private static final WorkspaceTools tools = WorkspaceTools.of(ws);

  @AfterAll
  static void close() {
    ws.close();
  }

  @Test
  void runsCodeWithArgumentsAndStandardInputOverTheMounts() {
    data.write("/n.txt", "41\n".getBytes(StandardCharsets.UTF_8));
    ToolResult r = tools.call("python", Json.object(
        "code", "import sys\nn = int(open('n.txt').read())\nprint(n + 1, sys.argv[1:], sys.stdin.read().strip())",
        "args", List.of("a b", "$HOME"),
        "stdin", "piped"), ToolCall.quiet());
    assertThat(r.isError()).isFalse();
    assertThat(r.text()).isEqualTo("42 ['a b', '$HOME'] piped\n");
  }

  @Test
  void aFailingProgramIsAnErrorResultWithItsTraceback() {
    ToolResult r = tools.call("python", Json.object("code", "x = 1\nraise ValueError('no')"), ToolCall.quiet());
    assertThat(r.isError()).isTrue();
    assertThat(r.structured().get("exitCode").asInt()).isEqualTo(1);
    assertThat(r.text()).contains("[stderr]\nTraceback (most recent call last):\n")
        .contains("ValueError: no\n").endsWith("[exit code 1]\n");
  }

  @Test
  void sessionsGiveTheSameWorkingDirectoryAndEnvironmentToPython() {
    tools.call("shell", Json.object("command", "mkdir -p /data/w && cd /data/w && export K=v", "session", "p"), ToolCall.quiet());
    ToolResult r = tools.call("python", Json.object("code", "import os; print(os.getcwd(), os.environ['K'])", "session", "p"),
        ToolCall.quiet());
    assertThat(r.text()).isEqualTo("/data/w v\n");
  }

  @Test
  void liveOutputArrivesWhileTheProgramRuns() {
    ByteArrayOutputStream live = new ByteArrayOutputStream();
    ToolResult r = tools.call("python", Json.object("code", "import sys\nfor i in range(3): print(i, flush=True)\nprint('e', file=sys.stderr)"),
        new ToolCall(live, null));
    assertThat(live.toString(StandardCharsets.UTF_8)).isEqualTo("0\n1\n2\n");
    assertThat(r.structured().get("stdout").asText()).isEqualTo("0\n1\n2\n");
    assertThat(r.structured().get("stderr").asText()).isEqualTo("e\n");
  }

  @Test
  void aTimeoutStopsTheProgramAndTheNextCallWorks() {
    ToolResult slow = tools.call("python", Json.object("code", "while True: pass", "timeout", 2), ToolCall.quiet());
    assertThat(slow.structured().get("exitCode").asInt()).isEqualTo(124);
    assertThat(tools.call("python", Json.object("code", "print('next')"), ToolCall.quiet()).text()).isEqualTo("next\n");
  }

  @Test
  void withASessionStateLastsFromCallToCallAndTheFinalValueIsShown() {
    ToolResult load = tools.call("python", Json.object("code", "rows = [i * i for i in range(100)]", "session", "nb"),
        ToolCall.quiet());
    assertThat(load.isError()).isFalse();
    assertThat(load.text()).isEmpty();
    ToolResult ask = tools.call("python", Json.object("code", "print('rows:', len(rows))\nsum(rows)", "session", "nb"),
        ToolCall.quiet());
    assertThat(ask.text()).isEqualTo("rows: 100\n[value] 328350\n");
    assertThat(ask.structured().get("value").asText()).isEqualTo("328350");
    ToolResult elsewhere = tools.call("python", Json.object("code", "print(rows)"), ToolCall.quiet());
    assertThat(elsewhere.isError()).as("a run without a session is a fresh process").isTrue();
    assertThat(elsewhere.text()).contains("NameError: name 'rows' is not defined");
  }

  @Test
  void argumentsStandardInputAndCwdAreRefusedWithASession() {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> tools.call("python",
        Json.object("code", "1", "session", "nb2", "args", List.of("a")), ToolCall.quiet())))
        .isInstanceOf(ToolArgumentException.class).hasMessageStartingWith("args: applies to a run without a session");
  }

  @Test
  void aSessionsOutputArrivesWhileItsCodeRuns() {
    ByteArrayOutputStream live = new ByteArrayOutputStream();
    ToolResult r = tools.call("python", Json.object("code", "for i in range(3): print(i, flush=True)\n'done'",
        "session", "live"), new ToolCall(live, null));
    assertThat(live.toString(StandardCharsets.UTF_8)).isEqualTo("0\n1\n2\n");
    assertThat(r.text()).isEqualTo("0\n1\n2\n[value] 'done'\n");
  }
}
