package io.mirage4j.install;

import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;

/** Runs {@code python3 -c 'print(1)'} in a new workspace, as an application would; exits with its status. */
public final class PrintOneMain {
  private PrintOneMain() {}

  public static void main(String[] args) {
    int status;
    try (Workspace ws = Workspace.builder().build()) {
      ExecResult r = ws.execute("python3 -c 'print(1)'");
      System.out.print(r.stdoutText());
      System.err.print(r.stderrText());
      status = r.exitCode();
    }
    System.exit(status);
  }
}
