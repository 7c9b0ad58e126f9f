package io.mirage4j.workspace;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The workspace's Python runtime as a session with its own view of the files uses it: every call
 * runs over that view ({@link PythonRuntime#run(PythonRun, InputStream, PythonOutput, WorkspaceFs)}).
 */
final class SessionPython implements Supplier<PythonRuntime> {
  private final Supplier<PythonRuntime> workspace;
  private final WorkspaceFs view;

  SessionPython(Supplier<PythonRuntime> workspace, WorkspaceFs view) {
    this.workspace = workspace;
    this.view = view;
  }

  @Override
  public PythonRuntime get() {
    return new OverView(workspace.get(), view);
  }

  private record OverView(PythonRuntime runtime, WorkspaceFs view) implements PythonRuntime {
    @Override
    public PythonResult run(PythonRun run) {
      return collected(run, null);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin) {
      return collected(run, stdin);
    }

    private PythonResult collected(PythonRun run, InputStream stdin) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try {
        int exit = runtime.run(run, stdin, PythonOutput.of(out, err), view).exitCode();
        return new PythonResult(exit, out.toByteArray(), err.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output) throws IOException {
      return runtime.run(run, stdin, output, view);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files) throws IOException {
      return runtime.run(run, stdin, output, files);
    }

    @Override
    public void start() {
      runtime.start();
    }

    @Override
    public String version() {
      return runtime.version();
    }

    @Override
    public void close() {
      // the workspace closes its runtime
    }
  }
}
