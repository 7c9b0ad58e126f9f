package io.mirage4j.python;

import io.mirage4j.fs.WorkspaceFs;

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
}
