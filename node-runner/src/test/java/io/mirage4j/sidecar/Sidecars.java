package io.mirage4j.sidecar;

import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Finds this JVM's sidecar processes, to check that none is left behind. */
final class Sidecars {
  private Sidecars() {}

  static List<ProcessHandle> running() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("index.js"))
        .collect(Collectors.toList());
  }

  /**
   * Builds a workspace, runs {@code print(1)} in it and returns it with the pid of the one sidecar
   * that call started, so a test can check later that the same process still answers.
   */
  static Started start(Supplier<Workspace> build) {
    Set<Long> before = pids();
    Workspace ws = build.get();
    ExecResult first = ws.execute("python3 -c 'print(1)'");
    Set<Long> started = pids();
    started.removeAll(before);
    if (!first.stdoutText().equals("1\n") || started.size() != 1) {
      ws.close();
      throw new IllegalStateException("expected one new sidecar printing 1, got " + started + " and " + first);
    }
    return new Started(ws, started.iterator().next());
  }

  /** A workspace and the pid of its sidecar. */
  record Started(Workspace ws, long pid) {}

  private static Set<Long> pids() {
    return running().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
