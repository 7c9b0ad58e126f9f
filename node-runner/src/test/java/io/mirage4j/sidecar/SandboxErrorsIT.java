package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures inside the runtime say what happened: a stack overflow is one line, a broken runner
 * names its cause in one line without protocol codes, and tracebacks never show the runtime's own
 * frames, chained exceptions included. After each, the workspace answers the next call.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxErrorsIT {
  private static Workspace ws;

  @BeforeAll
  static void start() {
    ws = Workspace.builder().mount("/data", Resources.inMemory()).build();
  }

  @AfterAll
  static void stop() {
    if (ws != null) {
      ws.close();
    }
  }

  @AfterEach
  void theWorkspaceStillWorks() {
    assertThat(ws.execute("python3 -c 'print(1)'")).isEqualTo(new ExecResult(bytes("1\n"), bytes(""), 0));
  }

  // --- stack exhaustion ---------------------------------------------------------------------

  @Test
  void recursionThroughCPastTheStackIsOneLine() {
    ExecResult r = python(String.join("\n",
        "import sys",
        "sys.setrecursionlimit(10**6)",
        "class Node:",
        "    def __init__(self, depth): self.depth = depth",
        "    def __repr__(self): return 'leaf' if self.depth == 0 else repr(Node(self.depth - 1))",
        "print(repr(Node(200000)))"));
    assertThat(r).isEqualTo(new ExecResult(bytes(""), bytes(STACK_OVERFLOW), 1));
  }

  @Test
  void recursionThroughABuiltinUnderARaisedLimitIsOneLine() {
    ExecResult r = python(String.join("\n",
        "import sys",
        "sys.setrecursionlimit(10**6)",
        "def f(n): return list(map(f, [n + 1]))",
        "f(0)"));
    assertThat(r).isEqualTo(new ExecResult(bytes(""), bytes(STACK_OVERFLOW), 1));
  }

  private static final String STACK_OVERFLOW =
      "python3: stack overflow: the program recursed deeper than the interpreter's stack allows"
          + " (sys.setrecursionlimit set too high?)\n";

  // --- the runner's own failures -------------------------------------------------------------

  @Test
  void aRunnerBrokenByTheProgramNamesTheCauseInOneLine() {
    // The runner's own helpers are out of reach of what a program replaces in the library (os.chdir
    // and the like are captured when the runner loads); a program can still rewrite the runner's
    // namespace itself, and the failure that follows is one line.
    ExecResult r = python("import sys\nprint('before')\nsys.modules['_mirage4j_shim'].runner['_flush_standard_streams'] = None");
    assertThat(r).isEqualTo(new ExecResult(bytes(""),
        bytes("python3: the Python runner failed: TypeError: 'NoneType' object is not callable\n"), 1));
  }

  // --- tracebacks ----------------------------------------------------------------------------

  @Test
  void anUncaughtJsExceptionShowsOnlyTheProgramsFrames() {
    ExecResult r = python("from pyodide.ffi import to_js\nprint('before')\nto_js([1]).constructor.prototype.at.call(None, 0)");
    assertThat(r).isEqualTo(new ExecResult(bytes("before\n"), bytes("Traceback (most recent call last):\n"
        + "  File \"<string>\", line 3, in <module>\n"
        + "    to_js([1]).constructor.prototype.at.call(None, 0)\n"
        + "    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^\n"
        + "pyodide.ffi.JsException: TypeError: Cannot convert undefined or null to object\n"), 1));
  }

  @Test
  void aChainedExceptionFromTheMountsShowsOnlyTheProgramsFrames() {
    ExecResult r = python(String.join("\n",
        "try:",
        "    open('/data/missing')",
        "except OSError as e:",
        "    raise ValueError('no data') from e"));
    assertThat(r).isEqualTo(new ExecResult(bytes(""), bytes("Traceback (most recent call last):\n"
        + "  File \"<string>\", line 2, in <module>\n"
        + "    open('/data/missing')\n"
        + "    ~~~~^^^^^^^^^^^^^^^^^\n"
        + "FileNotFoundError: [Errno 44] No such file or directory: '/data/missing'\n"
        + "\n"
        + "The above exception was the direct cause of the following exception:\n"
        + "\n"
        + "Traceback (most recent call last):\n"
        + "  File \"<string>\", line 4, in <module>\n"
        + "    raise ValueError('no data') from e\n"
        + "ValueError: no data\n"), 1));
  }

  @Test
  void anImplicitlyChainedJsExceptionShowsOnlyTheProgramsFrames() {
    ExecResult r = python(String.join("\n",
        "from pyodide.ffi import to_js",
        "try:",
        "    to_js([1]).constructor.prototype.at.call(None, 0)",
        "except Exception:",
        "    open('/data/missing')"));
    assertThat(r).isEqualTo(new ExecResult(bytes(""), bytes("Traceback (most recent call last):\n"
        + "  File \"<string>\", line 3, in <module>\n"
        + "    to_js([1]).constructor.prototype.at.call(None, 0)\n"
        + "    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^\n"
        + "pyodide.ffi.JsException: TypeError: Cannot convert undefined or null to object\n"
        + "\n"
        + "During handling of the above exception, another exception occurred:\n"
        + "\n"
        + "Traceback (most recent call last):\n"
        + "  File \"<string>\", line 5, in <module>\n"
        + "    open('/data/missing')\n"
        + "    ~~~~^^^^^^^^^^^^^^^^^\n"
        + "FileNotFoundError: [Errno 44] No such file or directory: '/data/missing'\n"), 1));
  }

  @Test
  void anExceptionGroupShowsOnlyTheProgramsFrames() {
    ExecResult r = python(String.join("\n",
        "errors = []",
        "for name in ('a', 'b'):",
        "    try:",
        "        open('/data/' + name)",
        "    except OSError as e:",
        "        errors.append(e)",
        "raise ExceptionGroup('reads', errors)"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).doesNotContain("js-shim", "mounts.py", "runner.py")
        .contains("FileNotFoundError: [Errno 44] No such file or directory: '/data/b'");
  }

  private static ExecResult python(String program) {
    return ws.execute("python3 -c \"$P\"", ExecOptions.defaults().withEnv("P", program));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
