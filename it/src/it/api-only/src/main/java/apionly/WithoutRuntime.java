package apionly;

import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;

/** The workspace works without a runtime; python3 answers 127 with the dependency to add. */
public final class WithoutRuntime {
  private WithoutRuntime() {}

  public static void main(String[] args) {
    try (Workspace ws = Workspace.builder().build()) {
      ExecResult python = ws.execute("python3 -c 'print(1)'");
      ExecResult echo = ws.execute("echo still here");
      String expected = "python3: no Python runtime on the classpath; add the dependency"
          + " io.mirage4j:mirage4j-node-runner (it brings the runtime and Node.js)\n";
      if (python.exitCode() != 127 || !python.stderrText().equals(expected) || !echo.stdoutText().equals("still here\n")) {
        System.err.println("api-only: python3 exited " + python.exitCode() + " with stderr [" + python.stderrText()
            + "], echo printed [" + echo.stdoutText() + "]");
        System.exit(1);
      }
      System.out.println("python3 exited 127: " + python.stderrText().trim());
    }
  }
}
