package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.mirage4j.rpc.RpcException;
import io.mirage4j.rpc.RpcProtocolException;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Python runtime of one workspace: a Node 26 process running the js-shim and Pyodide, started
 * on the first call.
 *
 * <ul>
 *   <li>A call past its time limit gets KeyboardInterrupt inside the interpreter and fails with
 *       {@link PythonTimeoutException}; if it has not ended {@link SidecarSettings#interruptGrace}
 *       later (stuck in C code, or it caught the interrupt), its process is killed.
 *   <li>If the process dies, or does not start a program within {@link
 *       SidecarSettings#answerTimeout}, the call in flight fails with {@link
 *       SidecarCrashedException} (it is never replayed: it may have changed files).
 *   <li>An interpreter whose memory grew past {@link SidecarSettings#memoryLimit} is retired after
 *       its call (WebAssembly memory never shrinks), as is one whose state a call may have damaged.
 * </ul>
 *
 * The next call after any of these starts a fresh process. A call whose thread is interrupted is
 * stopped by killing the process.
 *
 * <p>With a {@link PackageDirectory}, every process installs its wheels when this runtime takes it
 * (started for it, or from the pool, where no process ever returns), before it runs any program.
 * The wheels are read and checked first, so a bad file fails the call without taking a process; a
 * wheel the interpreter refuses stops the process, which may hold part of it.
 *
 * <p>{@link NodeSidecarProvider} makes one for each workspace; it has no public constructor.
 *
 * <pre>{@code
 * try (PythonRuntime python = new NodeSidecarProvider().create(ws.fs())) { // a NodeSidecar
 *   python.start(); // optional: start Node now rather than on the first call
 *   PythonResult r = python.run(PythonRun.command("print(6 * 7)", "/data", Map.of())); // exit code 0, stdout "42\n"
 *   python.version(); // "3.13.2"
 * }
 * }</pre>
 */
public final class NodeSidecar implements PythonRuntime {
  private final Supplier<NodeRuntime> runtime;
  private final SidecarSettings settings;
  private final ObjectMapper mapper;
  private final Function<NodeRuntime, SidecarPool> pools;
  private final MountBridge mounts;
  private final StdinFeed stdin;
  private final SnapshotStore snapshots;
  private final Optional<PackageDirectory> packages;
  /** Fair, so calls reach the interpreter in the order they arrived. */
  private final ReentrantLock runLock = new ReentrantLock(true);
  private final Object lifecycleLock = new Object();
  private SidecarProcess process;
  private boolean closed;

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper, MountBridge mounts) {
    this(runtime, settings, mapper, mounts, SnapshotStore.fromSystem());
  }

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper, MountBridge mounts,
      SnapshotStore snapshots) {
    this(runtime, settings, mapper, mounts, snapshots, sharedPools(mapper, settings, snapshots));
  }

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper, MountBridge mounts,
      SnapshotStore snapshots, Function<NodeRuntime, SidecarPool> pools) {
    this(runtime, settings, mapper, mounts, snapshots, pools, Optional.empty());
  }

  NodeSidecar(Supplier<NodeRuntime> runtime, SidecarSettings settings, ObjectMapper mapper, MountBridge mounts,
      SnapshotStore snapshots, Function<NodeRuntime, SidecarPool> pools, Optional<PackageDirectory> packages) {
    this.runtime = runtime;
    this.settings = settings;
    this.mapper = mapper;
    this.mounts = mounts;
    this.stdin = new StdinFeed(mapper);
    this.snapshots = snapshots;
    this.pools = pools;
    this.packages = packages;
  }

  /** The JVM's pool of each runtime ({@link SidecarPool#shared}). */
  static Function<NodeRuntime, SidecarPool> sharedPools(ObjectMapper mapper, SidecarSettings settings,
      SnapshotStore snapshots) {
    return found -> SidecarPool.shared(found, mapper, settings.startupTimeout(), snapshots);
  }

  /** Starts the sidecar now instead of on the first call. Idempotent. */
  @Override
  public void start() {
    process();
  }

  /** Runs one program. Calls reach the interpreter one at a time, in the order they arrived. */
  @Override
  public PythonResult run(PythonRun run) {
    return run(run, null);
  }

  /**
   * Runs one program that reads {@code input} lazily after {@link PythonRun#stdin()}: the sidecar
   * asks for it with {@code stdin/read} as the program reads, so what it does not read stays in
   * the stream ({@link StdinFeed}).
   */
  @Override
  public PythonResult run(PythonRun run, InputStream input) {
    try {
      runLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    try {
      SidecarProcess current = process();
      RunResult outcome;
      stdin.open(input == null ? InputStream.nullInputStream() : input);
      try {
        outcome = checked(current, await(current, current.run(params(run, input != null)), run.timeout()));
      } finally {
        stdin.close();
      }
      if (!outcome.intact() || outcome.memoryBytes() > settings.memoryLimit()) {
        retire(current);
      }
      if (outcome.timedOut()) {
        throw new PythonTimeoutException(run.timeout());
      }
      return outcome.result();
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

  /** How the running process's interpreter started ({@link SidecarProcess#snapshotStatus()}). */
  String snapshotStatus() {
    return process().snapshotStatus();
  }

  /** The running process's id, if one is running. */
  OptionalLong pid() {
    synchronized (lifecycleLock) {
      return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }
  }

  /** The result, checked; a sidecar that answered with a malformed one is not to be trusted again. */
  private static RunResult checked(SidecarProcess current, JsonNode result) {
    try {
      return RunResult.of(result);
    } catch (RpcProtocolException e) {
      current.kill();
      throw e;
    }
  }

  /** Stops {@code old} in the background; the next call starts a fresh process. */
  private void retire(SidecarProcess old) {
    synchronized (lifecycleLock) {
      if (process == old) {
        process = null;
      }
    }
    Thread stopper = new Thread(() -> old.stop(settings.shutdownGrace()), "mirage4j-sidecar-retire-" + old.pid());
    stopper.setDaemon(true);
    stopper.start();
  }

  private SidecarProcess process() {
    synchronized (lifecycleLock) {
      if (closed) {
        throw new IllegalStateException("Workspace is closed");
      }
      if (process == null || !process.isAlive()) {
        NodeRuntime found = runtime.get();
        List<PackageDirectory.Wheel> wheels = packages.map(dir -> dir.read(tags(found))).orElse(List.of());
        SidecarPool pool = pools.apply(found);
        SidecarProcess fresh = pool.take()
            .orElseGet(() -> SidecarProcess.start(found, mapper, settings.startupTimeout(), snapshots))
            .bind(handlers());
        pool.replenish();
        install(fresh, wheels);
        process = fresh;
      }
      return process;
    }
  }

  private static PyodideTags tags(NodeRuntime found) {
    try {
      return PyodideTags.of(found);
    } catch (RuntimeException e) {
      throw new PackageException("cannot tell which wheels this Pyodide installs: " + e.getMessage(), e);
    }
  }

  /** Installs the wheels in a process no program has run in yet; one that refuses a wheel is stopped. */
  private void install(SidecarProcess fresh, List<PackageDirectory.Wheel> wheels) {
    for (PackageDirectory.Wheel wheel : wheels) {
      try {
        fresh.install(wheel.fileName(), wheel.data(), settings.startupTimeout());
      } catch (CancelledException e) {
        throw e;
      } catch (MirageException e) {
        fresh.kill();
        throw new PackageException("cannot install " + wheel.file() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String version() {
    return runtime.get().pythonVersion();
  }

  /** What the process asks Java for: the mounts, and the standard input of the call in flight. */
  private Map<String, RpcEndpoint.RequestHandler> handlers() {
    Map<String, RpcEndpoint.RequestHandler> all = new HashMap<>(mounts.handlers());
    all.put(Methods.STDIN_READ, stdin::read);
    return all;
  }

  private ObjectNode params(PythonRun run, boolean stdinStream) {
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
    if (stdinStream) {
      params.put("stdinStream", true);
    }
    if (run.timeout() == null) {
      params.putNull("timeoutMs");
    } else {
      params.put("timeoutMs", run.timeout().toMillis() + (run.timeout().toNanosPart() % 1_000_000 == 0 ? 0 : 1));
    }
    params.put("outputLimit", run.outputLimit());
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
        .put("noSite", f.noSite())
        .<ObjectNode>set("pythonPath", pythonPath(f))
        .put("ioEncoding", f.ioEncoding())
        .put("ioErrors", f.ioErrors())
        .put("hashRandomization", f.hashRandomization())
        .put("utf8Mode", f.utf8Mode())
        .put("intMaxStrDigits", f.intMaxStrDigits());
  }

  private ArrayNode pythonPath(PythonFlags f) {
    ArrayNode entries = mapper.createArrayNode();
    f.pythonPath().forEach(entries::add);
    return entries;
  }

  /**
   * The call's result. A sidecar that does not start the program within {@code answerTimeout} is
   * taken as hung; one that has not answered {@code interruptGrace} past the time limit could not
   * be interrupted. Either is killed, and so is one whose waiting thread is interrupted.
   */
  private JsonNode await(SidecarProcess current, SidecarProcess.PythonCall call, Duration timeout) {
    long limit = timeout == null ? Long.MAX_VALUE : timeout.plus(settings.interruptGrace()).toNanos();
    long started = System.nanoTime();
    try {
      try {
        return call.result().get(Math.min(limit, settings.answerTimeout().toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (!call.started().isDone() && limit > settings.answerTimeout().toNanos()) {
          current.kill();
          throw new SidecarCrashedException("runtime not responding: the Python sidecar did not start the program within "
              + settings.answerTimeout().toSeconds() + " s and was stopped; the next call starts a new one", e);
        }
      }
      if (timeout == null) {
        return call.result().get();
      }
      return call.result().get(Math.max(0, limit - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      current.kill();
      throw new PythonTimeoutException(timeout);
    } catch (InterruptedException e) {
      current.kill();
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RpcException failure) {
        // The runner failed inside the sidecar: its message says how, in one line; the JSON-RPC
        // code means nothing to the user.
        retire(current);
        throw new MirageException(failure.error().message(), failure);
      }
      if (cause instanceof MirageException m) {
        throw m;
      }
      throw new MirageException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** What {@code python/run} answered, checked: the sidecar is not trusted. */
  private record RunResult(PythonResult result, boolean timedOut, boolean intact, long memoryBytes) {
    static RunResult of(JsonNode r) {
      JsonNode exitCode = r.path("exitCode");
      JsonNode stdout = r.path("stdout");
      JsonNode stderr = r.path("stderr");
      JsonNode timedOut = r.path("timedOut");
      JsonNode intact = r.path("intact");
      JsonNode memory = r.path("memoryBytes");
      if (!exitCode.isInt() || exitCode.intValue() < 0 || exitCode.intValue() > 255
          || !stdout.isBinary() || !stderr.isBinary() || !timedOut.isBoolean() || !intact.isBoolean()
          || !memory.canConvertToLong() || memory.longValue() < 0) {
        throw new RpcProtocolException("malformed python/run result: exitCode 0..255, binary stdout/stderr,"
            + " boolean timedOut/intact and memoryBytes >= 0 expected");
      }
      try {
        return new RunResult(new PythonResult(exitCode.intValue(), stdout.binaryValue(), stderr.binaryValue()),
            timedOut.booleanValue(), intact.booleanValue(), memory.longValue());
      } catch (IOException e) {
        throw new RpcProtocolException("unreadable python/run result", e);
      }
    }
  }

  /**
   * How long to wait for the sidecar, and when to give up on it.
   *
   * @param startupTimeout for {@code $/ready} after the process starts
   * @param shutdownGrace for the process to end after {@code shutdown}, before it is killed
   * @param answerTimeout for a call's program to start running ({@code $/running}): past it the
   *     sidecar counts as hung
   * @param interruptGrace past a call's time limit, for the interrupted program to end, before the
   *     process is killed
   * @param memoryLimit an interpreter whose WebAssembly memory is larger after a call is retired
   */
  record SidecarSettings(
      Duration startupTimeout, Duration shutdownGrace, Duration answerTimeout, Duration interruptGrace,
      long memoryLimit) {
    static final SidecarSettings DEFAULTS = new SidecarSettings(
        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1), 1L << 30);

    SidecarSettings withStartupTimeout(Duration startupTimeout, Duration shutdownGrace) {
      return new SidecarSettings(startupTimeout, shutdownGrace, answerTimeout, interruptGrace, memoryLimit);
    }
  }
}
