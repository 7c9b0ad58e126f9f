package io.mirage4j.sidecar;

import io.mirage4j.snapshot.RestoreOptions;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own: restores the archive {@code args[0]} and prints what the restored
 * Python session {@code analysis} of session {@code agent} gives for {@code args[1]}.
 */
public final class RestorePythonSessionMain {
  private RestorePythonSessionMain() {}

  public static void main(String[] args) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of(args[0]));
        Workspace ws = Workspace.restore(in, RestoreOptions.defaults()).workspace()) {
      System.out.println(ws.session("agent").orElseThrow().pythonSession("analysis").run(args[1]).value().orElse("(none)"));
    }
  }
}
