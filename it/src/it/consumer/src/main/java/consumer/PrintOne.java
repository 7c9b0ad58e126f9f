package consumer;

import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Path;

/** The application: one workspace, one python3 call, and its output checked. */
public final class PrintOne {
  private PrintOne() {}

  public static void main(String[] args) throws Exception {
    Bundled.requireNoRuntimeSettings();
    ExecResult result;
    try (Workspace ws = Workspace.builder().build()) {
      result = ws.execute("python3 -c 'print(1)'");
    }
    if (!result.stdoutText().equals("1\n") || result.exitCode() != 0) {
      Bundled.fail("python3 -c 'print(1)' exited " + result.exitCode() + " with stdout [" + result.stdoutText()
          + "] and stderr [" + result.stderrText() + "]");
    }
    System.out.println("python3 printed 1");
    Bundled.requireExtractedInto(Path.of(System.getProperty("mirage4j.cache.dir")));
  }
}
