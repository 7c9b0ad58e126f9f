package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.CancelledException;
import io.mirage4j.MirageException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.function.HostCalls;
import io.mirage4j.function.HostFunction;
import io.mirage4j.python.PythonFlags;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonSessionLostException;
import io.mirage4j.python.PythonTimeoutException;
import io.mirage4j.rpc.RpcException;
import io.mirage4j.rpc.RpcProtocolException;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 *       its call (WebAssembly memory never shrinks), as is one whose state a call may have damaged,
 *       and every one with {@link SidecarSettings#newInterpreterPerCall}.
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
 *   python.version(); // "3.14.2"
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
  private final HostCallBridge hostCalls = new HostCallBridge();
  private final SnapshotStore snapshots;
  private final Optional<PackageDirectory> packages;
  /** Fair, so calls reach the interpreter in the order they arrived. */
  private final ReentrantLock runLock = new ReentrantLock(true);
  private final Object lifecycleLock = new Object();
  private SidecarInterpreter process;
  private boolean closed;
  /** The interpreter that holds the state of the Python session whose cells run here, if any. */
  private SidecarInterpreter sessionInterpreter;
  /** Why the session's interpreter was retired, when this runtime retired it. */
  private String sessionLoss;

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
    return found -> SidecarPool.shared(found, mapper, settings, snapshots);
  }

  /** Raises {@code KeyboardInterrupt} in the program the interpreter runs now, if any. */
  @Override
  public boolean interrupt() {
    SidecarInterpreter current;
    synchronized (lifecycleLock) {
      current = process != null && process.isAlive() ? process : null;
    }
    if (current == null) {
      return false;
    }
    current.interrupt();
    return true;
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
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exitCode;
    try {
      exitCode = run(run, input, PythonOutput.of(stdout, stderr)).exitCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream throws none
    }
    return new PythonResult(exitCode, stdout.toByteArray(), stderr.toByteArray());
  }

  /**
   * Runs one program as {@link #run(PythonRun, InputStream)} does, passing its output to {@code
   * output} on this thread as the sidecar sends it ({@code $/output}): a long program's output
   * arrives while it runs, in the order written. When {@code output} throws, what the program
   * writes after is dropped, and the exception is thrown once the program has ended (the
   * sidecar's output limit stops one that writes on). A call that times out has passed on what
   * the sidecar sent while the program ran, and drops what the result carries.
   */
  @Override
  public PythonResult run(PythonRun run, InputStream input, PythonOutput output) throws IOException {
    return runOver(null, run, input, output);
  }

  /**
   * Runs one program as {@link #run(PythonRun, InputStream, PythonOutput)} does, with the mount
   * bridge answering from {@code files} for the whole call: the program sees only that view's
   * mounts, and every file request goes through it.
   */
  @Override
  public PythonResult run(PythonRun run, InputStream input, PythonOutput output, WorkspaceFs files) throws IOException {
    return runOver(java.util.Objects.requireNonNull(files, "files"), run, input, output, HostCalls.none());
  }

  /**
   * Runs one program as {@link #run(PythonRun, InputStream, PythonOutput, WorkspaceFs)} does (over
   * this runtime's own files when {@code files} is null), offering it {@code functions}: the
   * sidecar's {@code host/call} requests are answered by {@link HostCalls#call} while the program
   * runs, and refused before and after; a handler still running when the program ends is
   * interrupted.
   */
  @Override
  public PythonResult run(PythonRun run, InputStream input, PythonOutput output, WorkspaceFs files, HostCalls functions)
      throws IOException {
    return runOver(files, run, input, output, functions == null ? HostCalls.none() : functions);
  }

  private PythonResult runOver(WorkspaceFs files, PythonRun run, InputStream input, PythonOutput output)
      throws IOException {
    return runOver(files, run, input, output, HostCalls.none());
  }

  private PythonResult runOver(WorkspaceFs files, PythonRun run, InputStream input, PythonOutput output,
      HostCalls functions) throws IOException {
    OutputRelay relay = new OutputRelay(output, run.outputLimit());
    try {
      runLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    if (files != null) {
      mounts.use(files);
    }
    try {
      SidecarInterpreter current = process();
      boolean cell = run.program() instanceof PythonProgram.Cell;
      if (cell) {
        checkSessionKept(current);
      }
      RunResult outcome;
      java.util.concurrent.atomic.AtomicReference<SidecarInterpreter.PythonCall> inFlight =
          new java.util.concurrent.atomic.AtomicReference<>();
      stdin.open(input == null ? InputStream.nullInputStream() : input, () -> {
        SidecarInterpreter.PythonCall call = inFlight.get();
        if (call != null) {
          relay.awaitPassed(call.received().get());
        }
      });
      List<HostFunction> offered = functions.functions();
      hostCalls.open(functions);
      try {
        SidecarInterpreter.PythonCall call = current.run(params(run, input != null, offered));
        inFlight.set(call);
        outcome = checked(current, await(current, call, run.timeout(), relay));
      } finally {
        hostCalls.close();
        stdin.close();
      }
      if (!outcome.intact() || outcome.memoryBytes() > settings.memoryLimit()
          || (settings.newInterpreterPerCall() && !cell)) {
        if (cell) {
          sessionLoss = outcome.intact()
              ? "the interpreter grew past its memory limit of " + settings.memoryLimit() / (1024 * 1024) + " MiB"
              : "the last cell ended the interpreter (os._exit) or left it unusable";
        }
        retire(current);
      }
      if (outcome.timedOut()) {
        // What the interrupted program wrote at its end (its flushed buffers, messages of the
        // interrupt itself) is dropped, as it always was; what it wrote before has been passed on.
        relay.rethrow();
        throw new PythonTimeoutException(run.timeout());
      }
      try {
        relay.pass(outcome.rest());
      } catch (RpcProtocolException e) {
        current.killProcess();
        throw e;
      }
      relay.rethrow();
      return new PythonResult(outcome.exitCode(), new byte[0], new byte[0], outcome.value(), outcome.cellEnd());
    } finally {
      if (files != null) {
        mounts.useOwn();
      }
      runLock.unlock();
    }
  }

  /**
   * Passes each batch of a call's output on; after the first failure it drops the rest and keeps
   * the failure for the end of the call, so that the call still waits for its program to end. A
   * sidecar that sends more of a stream than the call's output limit lets it keep (one byte past
   * it) breaks the protocol.
   */
  private static final class OutputRelay {
    private final PythonOutput output;
    private final long most;
    private long stdout;
    private long stderr;
    private long passed;
    private IOException ioFailure;
    private RuntimeException failure;

    OutputRelay(PythonOutput output, long outputLimit) {
      this.output = output;
      this.most = outputLimit == Long.MAX_VALUE ? outputLimit : outputLimit + 1;
    }

    /**
     * Waits until {@code count} batches of {@code $/output} have been passed on, so that what the
     * program wrote before a {@code stdin/read} (its prompt) is shown before the read; gives up
     * after a second, should the thread that passes them be stuck on a slow stream.
     */
    synchronized void awaitPassed(long count) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      try {
        for (long left = end - System.nanoTime(); passed < count && left > 0; left = end - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** One batch of {@code $/output} has been passed on. */
    synchronized void passedOne() {
      passed++;
      notifyAll();
    }

    void pass(OutputBatch batch) {
      stdout += batch.stdout().length;
      stderr += batch.stderr().length;
      if (stdout > most || stderr > most) {
        throw new RpcProtocolException("the sidecar sent more output than the call's limit of " + (most - 1) + " bytes");
      }
      if (ioFailure != null || failure != null) {
        return;
      }
      try {
        batch.deliverTo(output);
      } catch (IOException e) {
        ioFailure = e;
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    void rethrow() throws IOException {
      if (ioFailure != null) {
        throw ioFailure;
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  @Override
  public void close() {
    SidecarInterpreter toStop;
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

  /** The id of the process the interpreter runs in, if one is running. */
  OptionalLong pid() {
    synchronized (lifecycleLock) {
      return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }
  }

  /** The interpreter, if one is running. */
  Optional<SidecarInterpreter> interpreter() {
    synchronized (lifecycleLock) {
      return process != null && process.isAlive() ? Optional.of(process) : Optional.empty();
    }
  }

  /** The result, checked; a sidecar that answered with a malformed one is not to be trusted again. */
  private static RunResult checked(SidecarInterpreter current, JsonNode result) {
    try {
      return RunResult.of(result);
    } catch (RpcProtocolException e) {
      current.killProcess();
      throw e;
    }
  }

  /**
   * Whether {@code current} is the interpreter that ran the session's earlier cells: if it is not,
   * their state is gone, and this cell must not run as if it were there. The next cell runs in
   * {@code current}, afresh.
   */
  private void checkSessionKept(SidecarInterpreter current) {
    SidecarInterpreter held = sessionInterpreter;
    String why = sessionLoss;
    sessionInterpreter = current;
    sessionLoss = null;
    if (held != null && held != current) {
      throw new PythonSessionLostException("the Python session's state is lost: "
          + (why != null ? why : "its interpreter stopped (a crash, or a call that was cancelled or timed out"
              + " and could not be interrupted)")
          + "; this cell did not run, and the next one starts in a fresh namespace");
    }
  }

  /** Stops {@code old} in the background; the next call starts a fresh process. */
  private void retire(SidecarInterpreter old) {
    synchronized (lifecycleLock) {
      if (process == old) {
        process = null;
      }
    }
    Thread stopper = new Thread(() -> old.stop(settings.shutdownGrace()),
        "mirage4j-interpreter-retire-" + old.pid() + "-" + old.id());
    stopper.setDaemon(true);
    stopper.start();
  }

  private SidecarInterpreter process() {
    synchronized (lifecycleLock) {
      if (closed) {
        throw new IllegalStateException("Workspace is closed");
      }
      if (process == null || !process.isAlive()) {
        NodeRuntime found = runtime.get();
        List<PackageDirectory.Wheel> wheels = packages.map(dir -> dir.read(tags(found))).orElse(List.of());
        SidecarPool pool = pools.apply(found);
        SidecarInterpreter fresh = pool.takeOrStart().bind(handlers());
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
  private void install(SidecarInterpreter fresh, List<PackageDirectory.Wheel> wheels) {
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
    all.put(Methods.HOST_CALL, hostCalls::call);
    return all;
  }

  private ObjectNode params(PythonRun run, boolean stdinStream, List<HostFunction> functions) {
    ObjectNode params = mapper.createObjectNode();
    ObjectNode program = params.putObject("program");
    if (run.program() instanceof PythonProgram.Command c) {
      program.put("kind", "command").put("code", c.code());
    } else if (run.program() instanceof PythonProgram.Cell c) {
      program.put("kind", "cell").put("code", c.code());
      if (c.interactive()) {
        program.put("interactive", true);
      }
    } else if (run.program() instanceof PythonProgram.Module m) {
      program.put("kind", "module").put("name", m.name());
    } else if (run.program() instanceof PythonProgram.Script s) {
      program.put("kind", "script").put("path", s.path()).set("source", BinaryNode.valueOf(s.source()));
    } else if (run.program() instanceof PythonProgram.Application a) {
      program.put("kind", "application").put("path", a.path());
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
    if (!functions.isEmpty()) {
      ArrayNode described = params.putArray("functions");
      for (HostFunction f : functions) {
        described.addObject().put("name", f.name()).put("description", f.description()).set("schema", f.schema());
      }
    }
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
   * The call's result, passing its output to {@code relay} as it arrives. A sidecar that does not
   * start the program within {@code answerTimeout} is taken as hung; one that has not answered
   * {@code interruptGrace} past the time limit could not be interrupted. Either is killed, and so
   * is one whose waiting thread is interrupted.
   */
  private JsonNode await(SidecarInterpreter current, SidecarInterpreter.PythonCall call, Duration timeout, OutputRelay relay) {
    long limit = timeout == null ? Long.MAX_VALUE : timeout.plus(settings.interruptGrace()).toNanos();
    long started = System.nanoTime();
    try {
      try {
        return awaitUntil(call, started, Math.min(limit, settings.answerTimeout().toNanos()), relay);
      } catch (TimeoutException e) {
        if (!call.started().isDone() && limit > settings.answerTimeout().toNanos()) {
          current.kill();
          throw new SidecarCrashedException("runtime not responding: the Python sidecar did not start the program within "
              + settings.answerTimeout().toSeconds() + " s and was stopped; the next call starts a new one", e);
        }
      }
      return awaitUntil(call, started, limit, relay);
    } catch (TimeoutException e) {
      current.kill();
      throw new PythonTimeoutException(timeout);
    } catch (InterruptedException e) {
      current.kill();
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } catch (RpcProtocolException e) {
      current.killProcess();
      throw e;
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

  /**
   * Passes the call's output to {@code relay} until its result arrives, {@code within}
   * nanoseconds of {@code started} ({@link Long#MAX_VALUE}: no limit).
   */
  private static JsonNode awaitUntil(SidecarInterpreter.PythonCall call, long started, long within, OutputRelay relay)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      JsonNode event;
      if (within == Long.MAX_VALUE) {
        event = call.events().take();
      } else {
        long left = within - (System.nanoTime() - started);
        event = left <= 0 ? call.events().poll() : call.events().poll(left, TimeUnit.NANOSECONDS);
        if (event == null) {
          throw new TimeoutException();
        }
      }
      if (event == SidecarInterpreter.PythonCall.ENDED) {
        call.events().add(event); // a later wait of the same call ends at once
        return call.result().get();
      }
      try {
        relay.pass(OutputBatch.of(event));
      } finally {
        relay.passedOne();
      }
    }
  }

  /**
   * What {@code python/run} answered, checked: the sidecar is not trusted. {@code rest} is the
   * output no {@code $/output} carried.
   */
  private record RunResult(int exitCode, OutputBatch rest, boolean timedOut, boolean intact, long memoryBytes,
      String value, PythonResult.CellEnd cellEnd) {
    static RunResult of(JsonNode r) {
      JsonNode exitCode = r.path("exitCode");
      JsonNode timedOut = r.path("timedOut");
      JsonNode intact = r.path("intact");
      JsonNode memory = r.path("memoryBytes");
      JsonNode value = r.path("value");
      JsonNode cellEnd = r.path("cellEnd");
      if (!exitCode.isInt() || exitCode.intValue() < 0 || exitCode.intValue() > 255
          || !r.path("stdout").isBinary() || !r.path("stderr").isBinary() || !timedOut.isBoolean() || !intact.isBoolean()
          || !memory.canConvertToLong() || memory.longValue() < 0 || !(value.isMissingNode() || value.isNull() || value.isTextual())
          || !(cellEnd.isMissingNode() || "incomplete".equals(cellEnd.textValue()) || "exit".equals(cellEnd.textValue()))) {
        throw new RpcProtocolException("malformed python/run result: exitCode 0..255, binary stdout/stderr,"
            + " boolean timedOut/intact, memoryBytes >= 0, a string or null value and cellEnd incomplete or exit expected");
      }
      PythonResult.CellEnd end = cellEnd.isMissingNode() ? PythonResult.CellEnd.RAN
          : "exit".equals(cellEnd.textValue()) ? PythonResult.CellEnd.EXITED : PythonResult.CellEnd.INCOMPLETE;
      return new RunResult(exitCode.intValue(), OutputBatch.of(r), timedOut.booleanValue(), intact.booleanValue(),
          memory.longValue(), value.isTextual() ? value.textValue() : null, end);
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
   * @param newInterpreterPerCall every interpreter is retired after its call: each call runs in a
   *     new one, taken from the pool when one is ready
   * @param interpretersPerProcess how many interpreters (workspaces) one Node process hosts at
   *     most, each in a worker thread of its own; 1 gives each its own process
   */
  record SidecarSettings(
      Duration startupTimeout, Duration shutdownGrace, Duration answerTimeout, Duration interruptGrace,
      long memoryLimit, boolean newInterpreterPerCall, int interpretersPerProcess) {
    /** The system property that sets {@link #interpretersPerProcess}, unless the code does. */
    static final String INTERPRETERS_PROPERTY = "mirage4j.interpreters.per.process";
    /** {@link #interpretersPerProcess} when nothing sets it. */
    static final int DEFAULT_INTERPRETERS = 16;
    /** The defaults, with {@link #interpretersPerProcess} from {@value #INTERPRETERS_PROPERTY} where it is set. */
    static final SidecarSettings DEFAULTS = new SidecarSettings(
        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1), 1L << 30, false,
        Integer.getInteger(INTERPRETERS_PROPERTY, DEFAULT_INTERPRETERS));

    SidecarSettings {
      if (interpretersPerProcess < 1) {
        throw new IllegalArgumentException("interpreters per process must be 1 or more: " + interpretersPerProcess);
      }
    }

    SidecarSettings withStartupTimeout(Duration startupTimeout, Duration shutdownGrace) {
      return new SidecarSettings(startupTimeout, shutdownGrace, answerTimeout, interruptGrace, memoryLimit,
          newInterpreterPerCall, interpretersPerProcess);
    }

    SidecarSettings withNewInterpreterPerCall(boolean newInterpreterPerCall) {
      return new SidecarSettings(startupTimeout, shutdownGrace, answerTimeout, interruptGrace, memoryLimit,
          newInterpreterPerCall, interpretersPerProcess);
    }

    SidecarSettings withInterpretersPerProcess(int interpretersPerProcess) {
      return new SidecarSettings(startupTimeout, shutdownGrace, answerTimeout, interruptGrace, memoryLimit,
          newInterpreterPerCall, interpretersPerProcess);
    }
  }
}
