package io.mirage4j.workspace;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.function.HostCalls;
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
 * The workspace's Python runtime as one session uses it: every call runs over the session's view
 * of the files, when it has one of its own ({@link PythonRuntime#run(PythonRun, InputStream,
 * PythonOutput, WorkspaceFs)}), and offers the session's host functions, when it has any ({@link
 * PythonRuntime#run(PythonRun, InputStream, PythonOutput, WorkspaceFs, HostCalls)}). A session with
 * neither calls the runtime as the workspace would.
 */
final class SessionPython implements Supplier<PythonRuntime> {
  private final Supplier<PythonRuntime> workspace;
  private final WorkspaceFs view;
  private final SessionFunctions functions;

  /**
   * @param view the session's view of the files, or null when it sees the workspace's
   * @param functions the session's host functions
   */
  SessionPython(Supplier<PythonRuntime> workspace, WorkspaceFs view, SessionFunctions functions) {
    this.workspace = workspace;
    this.view = view;
    this.functions = functions;
  }

  @Override
  public PythonRuntime get() {
    PythonRuntime runtime = workspace.get();
    if (view == null && functions.functions().isEmpty()) {
      return runtime;
    }
    return new OverView(runtime, view, functions);
  }

  private record OverView(PythonRuntime runtime, WorkspaceFs view, HostCalls functions) implements PythonRuntime {
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
        int exit = run(run, stdin, PythonOutput.of(out, err)).exitCode();
        return new PythonResult(exit, out.toByteArray(), err.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output) throws IOException {
      return run(run, stdin, output, view);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files) throws IOException {
      return runtime.run(run, stdin, output, files, functions);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files, HostCalls calls)
        throws IOException {
      return runtime.run(run, stdin, output, files, calls);
    }

    @Override
    public void start() {
      runtime.start();
    }

    @Override
    public boolean interrupt() {
      return runtime.interrupt();
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
