package io.mirage4j.workspace;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a workspace's {@link PythonSession}s share: how their runtimes are made (the workspace's
 * provider, with its packages), their limits, and the list of them, closed with the workspace.
 */
final class PythonSessions implements AutoCloseable {
  private final Optional<PythonRuntimeProvider> provider;
  private final Path packages;
  private final Duration timeout;
  private final long outputLimit;
  private final List<PythonSession> open = new ArrayList<>();
  private boolean closed;

  PythonSessions(Optional<PythonRuntimeProvider> provider, Path packages, Duration timeout, long outputLimit) {
    this.provider = provider;
    this.packages = packages;
    this.timeout = timeout;
    this.outputLimit = outputLimit;
  }

  /** A runtime of its own for one session, over the files as its shell session sees them. */
  PythonRuntime runtimeOver(WorkspaceFs view) {
    return provider.orElseThrow(() -> new PythonRuntimeUnavailableException(PythonRuntimeSlot.NO_PROVIDER))
        .createSession(view, packages);
  }

  /** Each cell's time limit, or null for none: the workspace's {@code pythonTimeout}. */
  Duration timeout() {
    return timeout;
  }

  long outputLimit() {
    return outputLimit;
  }

  synchronized void opened(PythonSession session) {
    if (closed) {
      throw new IllegalStateException("Workspace is closed");
    }
    open.add(session);
  }

  @Override
  public void close() {
    List<PythonSession> toClose;
    synchronized (this) {
      closed = true;
      toClose = List.copyOf(open);
      open.clear();
    }
    toClose.forEach(PythonSession::close);
  }
}
