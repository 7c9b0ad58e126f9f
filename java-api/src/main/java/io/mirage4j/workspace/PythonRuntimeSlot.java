package io.mirage4j.workspace;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** The workspace's Python runtime, created on first use and closed with the workspace. */
final class PythonRuntimeSlot implements Supplier<PythonRuntime>, AutoCloseable {
  static final String NO_PROVIDER =
      "no Python runtime on the classpath; add the dependency io.mirage4j:mirage4j-node-runner"
          + " (it brings the runtime and Node.js)";

  private final Optional<PythonRuntimeProvider> provider;
  private final WorkspaceFs files;
  private final Path packages;
  private PythonRuntime runtime;
  private boolean closed;

  /** @param packages the workspace's directory of wheels, or null for none */
  PythonRuntimeSlot(Optional<PythonRuntimeProvider> provider, WorkspaceFs files, Path packages) {
    this.provider = provider;
    this.files = files;
    this.packages = packages;
  }

  /** The first provider {@link ServiceLoader} finds with the given class loader, if any. */
  static Optional<PythonRuntimeProvider> discover(ClassLoader loader) {
    Iterator<PythonRuntimeProvider> found = ServiceLoader.load(PythonRuntimeProvider.class, loader).iterator();
    return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
  }

  @Override
  public synchronized PythonRuntime get() {
    if (closed) {
      throw new IllegalStateException("Workspace is closed");
    }
    if (runtime == null) {
      runtime = provider.orElseThrow(() -> new PythonRuntimeUnavailableException(NO_PROVIDER)).create(files, packages);
    }
    return runtime;
  }

  /** Whether a runtime was created (and so may hold a running interpreter). */
  synchronized boolean started() {
    return runtime != null;
  }

  @Override
  public void close() {
    PythonRuntime toClose;
    synchronized (this) {
      closed = true;
      toClose = runtime;
      runtime = null;
    }
    if (toClose != null) {
      toClose.close();
    }
  }
}
