package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Node process and the JSON-RPC endpoint on its stdio. Started with an empty
 * environment; ready when the shim's {@code $/ready} notification arrives. It serves the mounts
 * of whichever workspace it is {@linkplain #bind bound} to, so a ready process can wait in a
 * {@link SidecarPool} before a workspace takes it.
 */
final class SidecarProcess {
  /** How long {@link #kill()} waits for SIGKILL to end the process. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(2);
  static final int PROTOCOL_VERSION = 1;
  /** The most characters of the sidecar's reason for refusing a wheel that are shown. */
  private static final int MAX_REASON = 2000;

  private static final Logger log = LoggerFactory.getLogger(SidecarProcess.class);
  private static final AtomicInteger counter = new AtomicInteger();

  private final Process process;
  private final RpcEndpoint rpc;
  private final StderrPump stderr;
  private final ThreadPoolExecutor workers;
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  /** Completed by {@code $/running}: the program of the call in flight has started. */
  private volatile CompletableFuture<Void> running = new CompletableFuture<>();
  /** Where {@code $/output} goes: the events of the call in flight. */
  private volatile BlockingQueue<JsonNode> output = new LinkedBlockingQueue<>();
  /** How many {@code $/output} the call in flight has received. */
  private volatile java.util.concurrent.atomic.AtomicLong outputs = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean stopping;
  /** The bound workspace's {@code fs/*} handlers. */
  private volatile Map<String, RpcEndpoint.RequestHandler> mounts = Map.of();

  private SidecarProcess(Process process, ObjectMapper mapper, int n) {
    this.process = process;
    this.stderr = new StderrPump(process.getErrorStream(), "mirage4j-sidecar-stderr-" + n);
    AtomicInteger workerCount = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
      Thread t = new Thread(r, "mirage4j-rpc-worker-" + n + "-" + workerCount.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Map<String, RpcEndpoint.RequestHandler> requests = new HashMap<>();
    Methods.FS_METHODS.forEach(method -> requests.put(method, params -> mountHandler(method).handle(params)));
    requests.put(Methods.STDIN_READ, params -> mountHandler(Methods.STDIN_READ).handle(params));
    Map<String, RpcEndpoint.NotificationHandler> notifications = Map.of(
        Methods.READY, ready::complete,
        Methods.RUNNING, params -> running.complete(null),
        Methods.OUTPUT, params -> {
          outputs.incrementAndGet();
          output.add(params);
        });
    this.rpc = new RpcEndpoint(process.getInputStream(), process.getOutputStream(), mapper,
        new RpcEndpoint.Handlers(requests, notifications), workers);
  }

  /**
   * From now on, Node's {@code fs/*} and {@code stdin/read} requests reach these handlers (a
   * workspace's mounts and the standard input of its call in flight).
   */
  SidecarProcess bind(Map<String, RpcEndpoint.RequestHandler> mountHandlers) {
    this.mounts = Map.copyOf(mountHandlers);
    return this;
  }

  private RpcEndpoint.RequestHandler mountHandler(String method) {
    RpcEndpoint.RequestHandler handler = mounts.get(method);
    if (handler == null) {
      throw new RpcException(RpcError.of(RpcErrorCode.METHOD_NOT_FOUND, method + ": no workspace is bound"));
    }
    return handler;
  }

  /**
   * Starts Node and waits for {@code $/ready}. If the process ends later without being asked to,
   * it counts as dead at once ({@link #isAlive()}) and its pending calls fail with a {@link
   * SidecarCrashedException} that says how it ended.
   */
  static SidecarProcess start(NodeRuntime runtime, ObjectMapper mapper, Duration startupTimeout,
      SnapshotStore snapshots) {
    int n = counter.incrementAndGet();
    long started = System.nanoTime();
    Optional<SnapshotStore.Snapshot> snapshot = snapshots.snapshotFor(runtime);
    // Node 26's permission model: read access to the shim, pyodide and the snapshot only; no
    // network, writes, child processes, workers, addons, FFI, WASI or inspector (no --allow-* grants
    // them); node:ffi not even loadable; no eval/new Function; a 512 MiB JavaScript heap (Pyodide's
    // WebAssembly memory and frame attachments lie outside it). JSPI is on by default, and Node 26
    // refuses --experimental-wasm-jspi. README.md, "Security model".
    List<String> command = new ArrayList<>(List.of(
        runtime.node().toString(),
        "--permission",
        "--allow-fs-read=" + realPath(runtime.shimDir()),
        "--allow-fs-read=" + realPath(runtime.shimDir().resolve("node_modules/pyodide"))));
    snapshot.ifPresent(s -> command.add("--allow-fs-read=" + s.file()));
    Optional<Path> tzdata = TimeZones.FILE;
    tzdata.ifPresent(file -> command.add("--allow-fs-read=" + realPath(file)));
    command.addAll(List.of(
        "--disallow-code-generation-from-strings",
        "--no-experimental-ffi",
        "--max-old-space-size=512",
        realPath(runtime.entryPoint())));
    snapshot.ifPresent(s -> command.addAll(List.of("--snapshot", s.file().toString(), "--snapshot-key", s.key())));
    tzdata.ifPresent(file -> command.addAll(List.of("--tzdata", realPath(file))));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(runtime.shimDir().toFile());
    builder.environment().clear();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SidecarStartException("cannot start " + runtime.node() + ": " + e.getMessage(), e);
    }
    SidecarReaper.track(process);
    SidecarProcess sidecar = new SidecarProcess(process, mapper, n);
    sidecar.rpc.start("mirage4j-sidecar-reader-" + n, sidecar::ended);
    sidecar.awaitReady(startupTimeout, started, snapshots, snapshot, runtime.shimDir());
    return sidecar;
  }

  /**
   * Sends {@code python/run}. One at a time: the caller waits for the result before the next.
   *
   * @return the call: {@code started} completes when the program starts running in Node, {@code
   *     result} with its result; both fail with {@link SidecarCrashedException} if the process dies
   */
  PythonCall run(JsonNode params) {
    CompletableFuture<Void> started = new CompletableFuture<>();
    BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    running = started;
    outputs = received;
    output = events;
    CompletableFuture<JsonNode> result = rpc.request(Methods.PYTHON_RUN, params);
    result.whenComplete((value, error) -> {
      if (error != null) {
        started.completeExceptionally(error);
      }
      events.add(PythonCall.ENDED);
    });
    return new PythonCall(started, result, events, received);
  }

  /**
   * Installs one wheel in the interpreter ({@code python/install}) and waits until it is done.
   *
   * @throws MirageException saying why, when the interpreter refused the wheel, the process died,
   *     or it did not answer within {@code timeout} (it is then killed)
   * @throws CancelledException when the waiting thread is interrupted (the process is killed)
   */
  void install(String fileName, byte[] data, Duration timeout) {
    JsonNode params = JsonNodeFactory.instance.objectNode().put("file", fileName).set("data", BinaryNode.valueOf(data));
    try {
      rpc.request(Methods.PYTHON_INSTALL, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof RpcException r ? r.error().message() : String.valueOf(cause.getMessage());
      throw new MirageException(why.length() > MAX_REASON ? why.substring(0, MAX_REASON) + "..." : why, cause);
    } catch (TimeoutException e) {
      kill();
      throw new MirageException("the Python sidecar did not install it within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
  }

  /**
   * A {@code python/run} in flight.
   *
   * @param received how many {@code $/output} the call has received so far (the reader thread counts
   *     each before the requests that follow it are handled)
   * @param events the params of each {@code $/output} of the call, in arrival order, then {@link
   *     #ENDED} once {@code result} is complete: the reader thread puts them there, in the order of
   *     the frames, so no output comes after {@link #ENDED}
   */
  record PythonCall(CompletableFuture<Void> started, CompletableFuture<JsonNode> result, BlockingQueue<JsonNode> events,
      java.util.concurrent.atomic.AtomicLong received) {
    static final JsonNode ENDED = MissingNode.getInstance();
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
    rpc.fail(new MirageException("the Python sidecar was stopped"));
  }

  /** Stops the process at once, without asking. */
  void kill() {
    stopping = true;
    rpc.fail(new MirageException("the Python sidecar was stopped"));
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

  /** How the interpreter started: {@code loaded} from its snapshot, or {@code made} one; see lib/snapshot.js. */
  String snapshotStatus() {
    return ready.join().path("snapshot").asText();
  }

  /**
   * Waits for {@code $/ready} and checks it: the protocol, js-shim and Pyodide versions must be the
   * ones this build expects ({@link ExpectedRuntime}), or the start fails at once.
   */
  private void awaitReady(Duration timeout, long startedNanos, SnapshotStore snapshots,
      Optional<SnapshotStore.Snapshot> snapshot, Path shimDir) {
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
    log.info("Python sidecar {} ready in {} ms (node {}, pyodide {}, python {}, snapshot {})",
        process.pid(), (System.nanoTime() - startedNanos) / 1_000_000,
        info.path("node").asText("?"), info.path("pyodide").asText("?"), info.path("python").asText("?"),
        info.path("snapshot").asText("?"));
    JsonNode made = info.path("madeSnapshot");
    if (made.isBinary() && snapshot.isPresent()) {
      // Stored before the first call, once per runtime: a short-lived JVM (the CLI) would lose it otherwise.
      snapshots.store(snapshot.get(), binary(made));
    }
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
    rpc.fail(crash);
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
