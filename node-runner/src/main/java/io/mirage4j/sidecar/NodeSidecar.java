package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.CancelledException;
import io.mirage4j.MirageException;
import io.mirage4j.python.PythonFlags;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonTimeoutException;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcEndpoint;
import io.mirage4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The Python runtime of one workspace: a Node 24 process running the js-shim and Pyodide, started
 * on the first call. If the process dies, the call in flight fails with {@link
 * SidecarCrashedException} (it is never replayed: it may have changed files) and the next call
 * starts a fresh process. A call past its time limit, or whose thread is interrupted, is stopped by
 * replacing the process.
 */
public final class NodeSidecar implements PythonRuntime {
  private final Supplier<NodeRuntime> runtime;
  private final SidecarSettings settings;
  private final ObjectMapper mapper;
  private final RpcEndpoint.Handlers handlers;
  private final MountBridge mounts;
  /** Fair, so calls reach the interpreter in the order they arrived. */
  private final ReentrantLock runLock = new ReentrantLock(true);
  private final Object lifecycleLock = new Object();
  private SidecarProcess process;
  private boolean closed;

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper, MountBridge mounts) {
    this.runtime = runtime;
    this.settings = settings;
    this.mapper = mapper;
    this.mounts = mounts;
    this.handlers = new RpcEndpoint.Handlers(mounts.handlers(), Map.of());
  }

  /** Starts the sidecar now instead of on the first call. Idempotent. */
  public void start() {
    process();
  }

  /** Runs one program. Calls reach the interpreter one at a time, in the order they arrived. */
  @Override
  public PythonResult run(PythonRun run) {
    try {
      runLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    try {
      SidecarProcess current = process();
      return result(await(current, current.request(Methods.PYTHON_RUN, params(run)), run.timeout()));
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public void close() {
    SidecarProcess toStop;
    synchronized (lifecycleLock) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = process;
      process = null;
    }
    if (toStop != null) {
      toStop.stop(settings.shutdownGrace());
    }
  }

  private SidecarProcess process() {
    synchronized (lifecycleLock) {
      if (closed) {
        throw new IllegalStateException("Workspace is closed");
      }
      if (process == null || !process.isAlive()) {
        process = SidecarProcess.start(runtime.get(), mapper, handlers, settings.startupTimeout());
      }
      return process;
    }
  }

  @Override
  public String version() {
    return runtime.get().pythonVersion();
  }

  private ObjectNode params(PythonRun run) {
    ObjectNode params = mapper.createObjectNode();
    ObjectNode program = params.putObject("program");
    if (run.program() instanceof PythonProgram.Command c) {
      program.put("kind", "command").put("code", c.code());
    } else if (run.program() instanceof PythonProgram.Module m) {
      program.put("kind", "module").put("name", m.name());
    } else if (run.program() instanceof PythonProgram.Script s) {
      program.put("kind", "script").put("path", s.path()).set("source", BinaryNode.valueOf(s.source()));
    } else if (run.program() instanceof PythonProgram.Stdin s) {
      program.put("kind", "stdin").set("source", BinaryNode.valueOf(s.source()));
    }
    run.argv().forEach(params.putArray("argv")::add);
    params.put("path0", run.path0());
    params.put("label", run.label());
    params.set("flags", flags(run.flags()));
    params.put("cwd", run.cwd());
    params.set("mounts", mounts.describeMounts());
    ObjectNode env = params.putObject("env");
    run.env().forEach(env::put);
    params.set("stdin", BinaryNode.valueOf(run.stdin()));
    return params;
  }

  private ObjectNode flags(PythonFlags f) {
    ObjectNode flags = mapper.createObjectNode()
        .put("optimize", f.optimize())
        .put("dontWriteBytecode", f.dontWriteBytecode())
        .put("safePath", f.safePath())
        .put("skipFirstLine", f.skipFirstLine());
    f.warnOptions().forEach(flags.putArray("warnOptions")::add);
    f.xOptions().forEach(flags.putArray("xOptions")::add);
    return flags
        .put("quiet", f.quiet())
        .put("unbuffered", f.unbuffered())
        .put("ignoreEnvironment", f.ignoreEnvironment())
        .put("isolated", f.isolated())
        .put("noUserSite", f.noUserSite())
        .put("noSite", f.noSite());
  }

  private static PythonResult result(JsonNode result) {
    JsonNode exitCode = result.path("exitCode");
    JsonNode stdout = result.path("stdout");
    JsonNode stderr = result.path("stderr");
    if (!exitCode.isInt() || exitCode.intValue() < 0 || exitCode.intValue() > 255
        || !stdout.isBinary() || !stderr.isBinary()) {
      throw new RpcProtocolException("malformed python/run result: exitCode 0..255 and binary stdout/stderr expected");
    }
    try {
      return new PythonResult(exitCode.intValue(), stdout.binaryValue(), stderr.binaryValue());
    } catch (IOException e) {
      throw new RpcProtocolException("unreadable python/run result", e);
    }
  }

  /**
   * The call's result. At the time limit, or when the waiting thread is interrupted, the process
   * is killed (the interpreter may be stuck in C code) and the next call starts a fresh one.
   */
  private static JsonNode await(SidecarProcess current, CompletableFuture<JsonNode> future, Duration timeout) {
    try {
      return timeout == null ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      current.kill();
      throw new PythonTimeoutException(timeout);
    } catch (InterruptedException e) {
      current.kill();
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MirageException m) {
        throw m;
      }
      throw new MirageException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** How long to wait for the sidecar at start and at stop. */
  record SidecarSettings(Duration startupTimeout, Duration shutdownGrace) {
    static final SidecarSettings DEFAULTS = new SidecarSettings(Duration.ofSeconds(30), Duration.ofSeconds(2));
  }
}
