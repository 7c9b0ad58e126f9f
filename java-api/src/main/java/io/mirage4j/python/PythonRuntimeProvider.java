package io.mirage4j.python;

import io.mirage4j.fs.WorkspaceFs;
import java.nio.file.Path;

/**
 * Makes {@link PythonRuntime}s. The workspace finds one with {@link java.util.ServiceLoader}
 * (the {@code mirage4j-node-runner} artifact registers the Node/Pyodide one), or takes one from
 * {@code Workspace.Builder.pythonRuntime(...)}. A provider for {@link java.util.ServiceLoader} is
 * named in {@code META-INF/services/io.mirage4j.python.PythonRuntimeProvider}.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().pythonRuntime(files -> new MyRuntime(files)).build();
 * }</pre>
 */
public interface PythonRuntimeProvider {

  /**
   * A runtime for one workspace. Creating it must be cheap: the interpreter starts on the first
   * {@link PythonRuntime#run}.
   *
   * @param files the workspace's mounts, which the program reads and writes while it runs
   */
  PythonRuntime create(WorkspaceFs files);

  /**
   * A runtime for one workspace whose programs can also import the packages in a host directory
   * of wheels ({@code Workspace.Builder.packages(Path)}). Creating it must be cheap: the directory
   * is read, and its wheels installed, when the interpreter starts.
   *
   * <p>The default supports no packages: it is {@link #create(WorkspaceFs)} when {@code packages}
   * is null, and otherwise throws.
   *
   * @param files the workspace's mounts, which the program reads and writes while it runs
   * @param packages the directory of wheels, or null for none
   * @throws PythonRuntimeUnavailableException when {@code packages} is given and this runtime
   *     cannot install packages
   */
  default PythonRuntime create(WorkspaceFs files, Path packages) {
    if (packages != null) {
      throw new PythonRuntimeUnavailableException("this Python runtime cannot install packages (" + packages + ")");
    }
    return create(files);
  }

  /**
   * A runtime for one Python session ({@code Workspace.pythonSession}): an interpreter of its own
   * that runs {@link PythonProgram.Cell}s, whose state lasts from cell to cell. When the
   * interpreter had to be replaced (it crashed, or a cell left it unusable), the next cell throws
   * {@link PythonSessionLostException} without running, and the one after starts afresh.
   *
   * <p>The default has no sessions: it throws {@link PythonRuntimeUnavailableException}.
   *
   * @param files the workspace's mounts, as the session sees them
   * @param packages the workspace's directory of wheels, or null for none
   */
  default PythonRuntime createSession(WorkspaceFs files, Path packages) {
    throw new PythonRuntimeUnavailableException("this Python runtime has no sessions");
  }
}
