package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.MirageException;
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
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Python runtime of one workspace: a Node 24 process running the js-shim and Pyodide, started
 * on the first call. If the process dies, the calls in flight fail with {@link
 * SidecarCrashedException} and the next call starts a fresh one.
 */
public final class NodeSidecar implements PythonRuntime {
  private enum State { NEW, READY, CRASHED, CLOSED }

  private final Supplier<NodeRuntime> runtime;
  private final SidecarSettings settings;
  private final ObjectMapper mapper;
  private final Object runLock = new Object();
  private State state = State.NEW;
  private SidecarProcess process;

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper) {
    this.runtime = runtime;
    this.settings = settings;
    this.mapper = mapper;
  }

  /** Starts the sidecar now instead of on the first call. Idempotent. */
  public void start() {
    process();
  }

  /** The sidecar's process id, if it is running. */
  public synchronized OptionalLong pid() {
    return state == State.READY ? OptionalLong.of(process.pid()) : OptionalLong.empty();
  }

  /**
   * Runs one program. Calls are serialised here, so they reach the interpreter one at a time in
   * the order their threads got the lock.
   */
  @Override
  public PythonResult run(PythonRun run) {
    synchronized (runLock) {
      SidecarProcess current = process();
      return result(await(current, current.request(Methods.PYTHON_RUN, params(run)), run.timeout()));
    }
  }

  @Override
  public void close() {
    SidecarProcess toStop;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      toStop = process;
      process = null;
    }
    if (toStop != null) {
      toStop.stop(settings.shutdownGrace());
    }
  }

  private synchronized SidecarProcess process() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Workspace is closed");
    }
    if (state != State.READY) {
      SidecarProcess started = SidecarProcess.start(
          runtime.get(), mapper, RpcEndpoint.Handlers.none(), settings.startupTimeout(), this::crashed);
      process = started;
      state = State.READY;
    }
    return process;
  }

  private void replace(SidecarProcess stuck) {
    synchronized (this) {
      if (process == stuck) {
        state = State.CRASHED;
        process = null;
      }
    }
    stuck.kill();
  }

  private synchronized void crashed(MirageException why) {
    if (state == State.READY) {
      state = State.CRASHED;
      process = null;
    }
  }

  private ObjectNode params(PythonRun run) {
    ObjectNode params = mapper.createObjectNode();
    if (run.program() instanceof PythonProgram.Command c) {
      params.putObject("program").put("kind", "command").put("code", c.code());
    }
    run.argv().forEach(params.putArray("argv")::add);
    params.put("cwd", run.cwd());
    ObjectNode env = params.putObject("env");
    run.env().forEach(env::put);
    params.set("stdin", BinaryNode.valueOf(run.stdin()));
    return params;
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
   * The call's result. At the time limit the process is killed (the interpreter may be stuck in C
   * code); the next call starts a fresh one.
   */
  private JsonNode await(SidecarProcess current, CompletableFuture<JsonNode> future, Duration timeout) {
    try {
      return timeout == null ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      replace(current);
      throw new PythonTimeoutException(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MirageException("interrupted while Python ran", e);
    } catch (ExecutionException | CompletionException e) {
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
