package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.CancelledException;
import io.mirage4j.MirageException;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcEndpoint;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import io.mirage4j.rpc.RpcProtocolException;
import io.mirage4j.tzdata.TzdataCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Node process and the JSON-RPC endpoint on its stdio. Started with an environment that
 * holds nothing of the host's; ready when the shim's {@code $/ready} notification arrives. It hosts up to {@code
 * capacity} interpreters ({@link #open}), each in a worker thread of its own, and routes each
 * message from Node to the interpreter it names; a message naming none of them is refused. If the
 * process dies, every interpreter in it fails its call in flight with a {@link
 * SidecarCrashedException} that says how it ended.
 */
final class SidecarProcess {
  /** How long {@link #kill()} waits for SIGKILL to end the process. */
  static final Duration KILL_WAIT = Duration.ofSeconds(2);
  static final int PROTOCOL_VERSION = 2;
  /** The most characters of the sidecar's reason for refusing a wheel that are shown. */
  private static final int MAX_REASON = 2000;

  private static final Logger log = LoggerFactory.getLogger(SidecarProcess.class);
  private static final AtomicInteger counter = new AtomicInteger();

  private final Process process;
  private final RpcEndpoint rpc;
  private final StderrPump stderr;
  private final ThreadPoolExecutor workers;
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  /** The most interpreters this process hosts at once; with 1, it hosts one in its whole life. */
  private final int capacity;
  private final Map<Integer, SidecarInterpreter> interpreters = new ConcurrentHashMap<>();
  private final SnapshotStore snapshots;
  /** The memory snapshot the interpreters start from, where the store keeps one for this runtime. */
  private final Optional<SnapshotStore.Snapshot> snapshot;
  /** How many interpreters were started in this process, ever: the next one's id is this plus one. */
  private final AtomicInteger opened = new AtomicInteger();
  /** How many interpreters are starting. */
  private int starting;
  private volatile Consumer<SidecarProcess> onIdle = p -> {};
  private volatile boolean stopping;

  private SidecarProcess(Process process, ObjectMapper mapper, int n, int capacity, SnapshotStore snapshots,
      Optional<SnapshotStore.Snapshot> snapshot) {
    this.process = process;
    this.capacity = capacity;
    this.snapshots = snapshots;
    this.snapshot = snapshot;
    this.stderr = new StderrPump(process.getErrorStream(), "mirage4j-sidecar-stderr-" + n);
    AtomicInteger workerCount = new AtomicInteger();
    // A thread per interpreter at most, so that one blocked in a slow request (a stdin/read that
    // waits for its workspace's input) never holds up another workspace's mount requests.
    this.workers = new ThreadPoolExecutor(capacity, capacity, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
      Thread t = new Thread(r, "mirage4j-rpc-worker-" + n + "-" + workerCount.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    workers.allowCoreThreadTimeOut(true);
    Map<String, RpcEndpoint.RequestHandler> requests = new HashMap<>();
    Methods.FS_METHODS.forEach(method -> requests.put(method, params -> interpreter(params).handler(method).handle(params)));
    requests.put(Methods.STDIN_READ, params -> interpreter(params).handler(Methods.STDIN_READ).handle(params));
    requests.put(Methods.HOST_CALL, params -> interpreter(params).handler(Methods.HOST_CALL).handle(params));
    Map<String, RpcEndpoint.NotificationHandler> notifications = Map.of(
        Methods.READY, ready::complete,
        Methods.RUNNING, params -> interpreter(params).running(),
        Methods.OUTPUT, params -> interpreter(params).output(params),
        Methods.CRASHED, this::crashed);
    this.rpc = new RpcEndpoint(process.getInputStream(), process.getOutputStream(), mapper,
        new RpcEndpoint.Handlers(requests, notifications), workers);
  }

  /** The interpreter a message from Node is about: one that runs in this process, or the message is refused. */
  private SidecarInterpreter interpreter(JsonNode params) {
    SidecarInterpreter found = interpreters.get(params.path("interpreter").asInt(-1));
    if (found == null) {
      throw new RpcException(RpcError.of(RpcErrorCode.INVALID_PARAMS,
          "no interpreter " + params.path("interpreter") + " runs in this sidecar"));
    }
    return found;
  }

  /** {@code $/crashed}: one interpreter's worker ended by itself; the others go on. */
  private void crashed(JsonNode params) {
    SidecarInterpreter gone = interpreters.remove(params.path("interpreter").asInt(-1));
    if (gone == null) {
      return;
    }
    SidecarCrashedException crash = new SidecarCrashedException("runtime crashed: the Python interpreter "
        + params.path("reason").asText("ended") + "; the next call starts a new one" + stderrTail(), null);
    log.warn("{}", crash.getMessage());
    gone.end(crash);
    if (interpreters.isEmpty()) {
      // Not on this thread, which reads the messages the process's stop waits for.
      Thread idle = new Thread(() -> onIdle.accept(this), "mirage4j-sidecar-idle-" + process.pid());
      idle.setDaemon(true);
      idle.start();
    }
  }

  /** Called each time this process comes to host no interpreter; the host decides whether it stops. */
  SidecarProcess onIdle(Consumer<SidecarProcess> action) {
    this.onIdle = action;
    return this;
  }

  /** Whether this process can start one more interpreter. */
  synchronized boolean hasRoom() {
    return isAlive() && (capacity == 1 ? opened.get() == 0 : interpreters.size() + starting < capacity);
  }

  /** How many interpreters run in this process. */
  int interpreterCount() {
    return interpreters.size();
  }

  /**
   * Starts one more interpreter in this process and waits until it is ready. The first one a
   * process starts without a memory snapshot makes it; it is stored for every later start.
   *
   * @return the interpreter, or {@code null} when the process has no room for one (any more)
   */
  SidecarInterpreter open(Duration timeout) {
    int id;
    synchronized (this) {
      if (!hasRoom()) {
        return null;
      }
      starting++;
      id = opened.incrementAndGet();
    }
    try {
      return open(id, timeout);
    } finally {
      synchronized (this) {
        starting--;
      }
    }
  }

  private SidecarInterpreter open(int id, Duration timeout) {
    long started = System.nanoTime();
    CompletableFuture<JsonNode> answer = rpc.request(Methods.INTERPRETER_START,
        JsonNodeFactory.instance.objectNode().put("interpreter", id));
    JsonNode info;
    try {
      info = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      kill();
      throw new SidecarStartException(
          "the Python interpreter did not become ready within " + timeout.toSeconds() + " s" + stderrTail());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof RpcException r ? r.error().message() : String.valueOf(cause.getMessage());
      throw new SidecarStartException("the Python interpreter did not start: " + why + stderrTail(), cause);
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
      throw new SidecarStartException("interrupted while the Python interpreter started");
    }
    SidecarInterpreter interpreter = new SidecarInterpreter(this, id, info);
    interpreters.put(id, interpreter);
    if (!isAlive()) {
      interpreter.end(new MirageException("the Python sidecar was stopped"));
    }
    log.debug("Python interpreter {} of sidecar {} ready in {} ms (python {}, snapshot {})", id, process.pid(),
        (System.nanoTime() - started) / 1_000_000, info.path("python").asText("?"), info.path("snapshot").asText("?"));
    JsonNode made = info.path("madeSnapshot");
    if (made.isBinary() && snapshot.isPresent()) {
      // Stored before the first call, once per runtime: a short-lived JVM (the CLI) would lose it otherwise.
      snapshots.store(snapshot.get(), binary(made));
    }
    return interpreter;
  }

  /** Sends one request to the process. */
  CompletableFuture<JsonNode> request(String method, JsonNode params) {
    return rpc.request(method, params);
  }

  /**
   * Starts Node and waits for {@code $/ready}. If the process ends later without being asked to,
   * it counts as dead at once ({@link #isAlive()}) and its pending calls fail with a {@link
   * SidecarCrashedException} that says how it ended.
   */
  static SidecarProcess start(NodeRuntime runtime, ObjectMapper mapper, Duration startupTimeout,
      SnapshotStore snapshots, int capacity) {
    int n = counter.incrementAndGet();
    long started = System.nanoTime();
    Optional<SnapshotStore.Snapshot> snapshot = snapshots.snapshotFor(runtime);
    // Node 26's permission model: read access to the shim, pyodide and the snapshot only; worker
    // threads, which host the interpreters (their start is the shim's alone: no interpreter reaches
    // the Worker class); no network, writes, child processes, addons, FFI, WASI or inspector (no
    // --allow-* grants them); node:ffi not even loadable; no eval/new Function; a 512 MiB
    // JavaScript heap per thread (Pyodide's WebAssembly memory and frame attachments lie outside
    // it). JSPI is on by default, and Node 26 refuses --experimental-wasm-jspi. README.md,
    // "Security model".
    List<String> command = new ArrayList<>(List.of(
        runtime.node().toString(),
        "--permission",
        "--allow-fs-read=" + realPath(runtime.shimDir()),
        "--allow-fs-read=" + realPath(runtime.shimDir().resolve("node_modules/pyodide"))));
    snapshot.ifPresent(s -> command.add("--allow-fs-read=" + s.file()));
    Optional<Path> tzdata = TimeZones.FILE;
    tzdata.ifPresent(file -> command.add("--allow-fs-read=" + realPath(file)));
    command.addAll(List.of(
        "--allow-worker",
        // Node warns on stderr, once per thread, that --allow-worker weakens the model: it is the
        // point of the design here, and the warning would fill the log.
        "--disable-warning=SecurityWarning",
        "--disallow-code-generation-from-strings",
        "--no-experimental-ffi",
        "--max-old-space-size=512",
        // Each interpreter's worker collects once after loading (lib/interpreter-worker.js):
        // about 9 MB less per workspace.
        "--expose-gc",
        realPath(runtime.entryPoint())));
    snapshot.ifPresent(s -> command.addAll(List.of("--snapshot", s.file().toString(), "--snapshot-key", s.key())));
    tzdata.ifPresent(file -> command.addAll(List.of("--tzdata", realPath(file))));
    command.addAll(List.of("--interpreters", Integer.toString(capacity)));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(runtime.shimDir().toFile());
    builder.environment().clear();
    // Nothing of the host's. glibc would give each worker thread arenas of its own, which keep what
    // an interpreter's load freed: two for the process save about 11 MB per interpreter.
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SidecarStartException("cannot start " + runtime.node() + ": " + e.getMessage(), e);
    }
    SidecarReaper.track(process);
    SidecarProcess sidecar = new SidecarProcess(process, mapper, n, capacity, snapshots, snapshot);
    sidecar.rpc.start("mirage4j-sidecar-reader-" + n, sidecar::ended);
    sidecar.awaitReady(startupTimeout, started, runtime.shimDir());
    return sidecar;
  }

  /**
   * Installs one wheel in the interpreter ({@code python/install}) and waits until it is done.
   *
   * @throws MirageException saying why, when the interpreter refused the wheel, the process died,
   *     or it did not answer within {@code timeout} (it is then killed)
   * @throws CancelledException when the waiting thread is interrupted (the process is killed)
   */
  void install(SidecarInterpreter interpreter, String fileName, byte[] data, Duration timeout) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("file", fileName);
    params.set("data", BinaryNode.valueOf(data));
    try {
      interpreter.request(Methods.PYTHON_INSTALL, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof RpcException r ? r.error().message() : String.valueOf(cause.getMessage());
      throw new MirageException(why.length() > MAX_REASON ? why.substring(0, MAX_REASON) + "..." : why, cause);
    } catch (TimeoutException e) {
      interpreter.kill();
      throw new MirageException("the Python sidecar did not install it within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      interpreter.kill();
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
  }

  /**
   * Ends one interpreter ({@code interpreter/stop}: its worker is terminated, whatever it runs) and
   * fails its calls in flight. A process that does not confirm within {@code grace} is killed with
   * all its interpreters: it can no longer be trusted to run any.
   */
  void stop(SidecarInterpreter interpreter, Duration grace) {
    if (interpreters.remove(interpreter.id()) == null) {
      return;
    }
    interpreter.end(new MirageException("the Python sidecar was stopped"));
    if (!isAlive()) {
      return;
    }
    try {
      rpc.request(Methods.INTERPRETER_STOP, JsonNodeFactory.instance.objectNode().put("interpreter", interpreter.id()))
          .get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return;
    } catch (ExecutionException | TimeoutException e) {
      log.warn("sidecar {} did not stop interpreter {} within {} ms: the process is killed", process.pid(),
          interpreter.id(), grace.toMillis());
      kill();
      return;
    }
    released();
  }

  /** An interpreter was stopped: a process that hosts none is handed to {@code onIdle}, on this thread. */
  private void released() {
    if (interpreters.isEmpty()) {
      onIdle.accept(this);
    }
  }


  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive() && !stopping;
  }

  /**
   * Stops the process: asks it to shut down, closes its stdin, then destroys it (and anything it
   * started) if it is still there after {@code grace}.
   */
  void stop(Duration grace) {
    stopping = true;
    try {
      rpc.request(Methods.SHUTDOWN, JsonNodeFactory.instance.objectNode()).get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("sidecar {} did not acknowledge shutdown: {}", process.pid(), e.getMessage());
    }
    rpc.closeOutput();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      SidecarReaper.untrack(process);
      workers.shutdownNow();
    }
    endAll(new MirageException("the Python sidecar was stopped"));
  }

  /** Stops the process at once, without asking; every interpreter in it ends. */
  void kill() {
    stopping = true;
    endAll(new MirageException("the Python sidecar was stopped"));
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    awaitExit();
    SidecarReaper.untrack(process);
    workers.shutdownNow();
  }

  /** Waits a moment for a killed process to be gone, so that a caller never sees it still running. */
  private void awaitExit() {
    try {
      process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fails every request in flight and ends every interpreter with {@code reason}. */
  private void endAll(MirageException reason) {
    rpc.fail(reason);
    interpreters.values().forEach(interpreter -> interpreter.end(reason));
    interpreters.clear();
  }

  /**
   * Waits for {@code $/ready} and checks it: the protocol, js-shim and Pyodide versions must be the
   * ones this build expects ({@link ExpectedRuntime}), or the start fails at once.
   */
  private void awaitReady(Duration timeout, long startedNanos, Path shimDir) {
    JsonNode info;
    try {
      info = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      kill();
      throw new SidecarStartException(
          "the Python sidecar did not become ready within " + timeout.toSeconds() + " s" + stderrTail());
    } catch (ExecutionException e) {
      kill();
      throw new SidecarStartException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
      throw new SidecarStartException("interrupted while the Python sidecar started");
    }
    String mismatch = ExpectedRuntime.BUILT.mismatch(info.path("protocol").asInt(-1), info.path("shim").asText("?"),
        info.path("pyodide").asText("?"));
    if (mismatch != null) {
      kill();
      throw new SidecarStartException("the Python runtime in " + shimDir + " " + mismatch
          + "; use the mirage4j-runtime of the same version as mirage4j-node-runner (or rebuild the js-shim)");
    }
    log.info("Python sidecar {} ready in {} ms (node {}, pyodide {}, up to {} interpreters)",
        process.pid(), (System.nanoTime() - startedNanos) / 1_000_000,
        info.path("node").asText("?"), info.path("pyodide").asText("?"), capacity);
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new RpcProtocolException("unreadable snapshot in $/ready", e);
    }
  }

  private void ended(Throwable cause) {
    if (stopping || SidecarReaper.exiting()) {
      return;
    }
    SidecarCrashedException crash = cause instanceof RpcProtocolException
        ? new SidecarCrashedException(
            "runtime crashed: the Python sidecar sent a malformed message and was stopped: " + cause.getMessage(), cause)
        : new SidecarCrashedException("runtime crashed: the Python sidecar " + exitDescription()
            + "; the next call starts a new one" + stderrTail(), cause);
    stopping = true;
    endAll(crash);
    ready.completeExceptionally(crash);
    kill();
    log.warn("{}", crash.getMessage());
  }

  private String exitDescription() {
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        return "closed its output";
      }
      int code = process.exitValue();
      return code > 128 && code < 160
          ? "was killed by signal " + (code - 128) + " (exit code " + code + ")"
          : "exited with code " + code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "closed its output";
    }
  }

  private String stderrTail() {
    String tail = stderr.tail();
    return tail.isEmpty() ? "" : "; its last output:\n" + tail;
  }

  /**
   * Python's {@code tzdata} package, made from the JDK's time-zone rules into the cache the first
   * time a sidecar starts in this JVM (once per tz database version); the sidecar puts it in the
   * interpreter at every start, so that {@code zoneinfo} needs no network.
   */
  private static final class TimeZones {
    static final Optional<Path> FILE = TzdataCache.fromSystem().file();
  }

  /** Node's permission checks resolve symbolic links: grant, and start, the paths they lead to. */
  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().toString();
    }
  }
}
