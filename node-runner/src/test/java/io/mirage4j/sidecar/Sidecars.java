package io.mirage4j.sidecar;

import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;
import java.util.function.Function;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import java.nio.file.Path;
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
   * Builds a workspace (from a builder whose Python runtime is the default one, captured), runs
   * {@code print(1)} in it and returns it with the pid of the sidecar process its interpreter runs
   * in, so a test can check later that the same process still answers.
   */
  static Started start(Function<Workspace.Builder, Workspace> build) {
    Capturing runtime = new Capturing(new NodeSidecarProvider());
    Workspace ws = build.apply(Workspace.builder().pythonRuntime(runtime));
    ExecResult first = ws.execute("python3 -c 'print(1)'");
    OptionalLong pid = runtime.last().pid();
    if (!first.stdoutText().equals("1\n") || pid.isEmpty()) {
      ws.close();
      throw new IllegalStateException("expected a sidecar printing 1, got " + pid + " and " + first);
    }
    return new Started(ws, pid.getAsLong(), runtime.last());
  }

  /** A workspace, the pid of its sidecar process and its runtime. */
  record Started(Workspace ws, long pid, NodeSidecar sidecar) {}

  /** The default runtime with one interpreter per process: for tests about processes. */
  static PythonRuntimeProvider onePerProcess() {
    return NodeSidecarProvider.builder().interpretersPerProcess(1).build();
  }

  /** A provider that keeps the last runtime it made, to look at its interpreter. */
  static final class Capturing implements PythonRuntimeProvider {
    private final NodeSidecarProvider provider;
    private volatile NodeSidecar last;

    Capturing(NodeSidecarProvider provider) {
      this.provider = provider;
    }

    @Override
    public PythonRuntime create(WorkspaceFs files) {
      return last = (NodeSidecar) provider.create(files);
    }

    @Override
    public PythonRuntime create(WorkspaceFs files, Path packages) {
      return last = (NodeSidecar) provider.create(files, packages);
    }

    NodeSidecar last() {
      return last;
    }
  }

  private static Set<Long> pids() {
    return running().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
