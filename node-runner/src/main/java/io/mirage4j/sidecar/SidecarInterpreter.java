package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.MirageException;
import io.mirage4j.rpc.RpcEndpoint;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Pyodide interpreter in a {@link SidecarProcess}, in a worker thread of its own there: what a
 * workspace runs its programs in. It serves the mounts of the workspace it is {@linkplain #bind
 * bound} to, so a ready interpreter can wait in a {@link SidecarPool} before a workspace takes it.
 * Stopping it ({@link #kill()}) ends its worker and leaves the process's other interpreters running;
 * if the process dies, every interpreter in it fails its call in flight.
 */
final class SidecarInterpreter {
  private final SidecarProcess process;
  private final int id;
  private final JsonNode started;
  /** The calls in flight, failed at once if this interpreter or its process ends. */
  private final Set<CompletableFuture<JsonNode>> inFlight = ConcurrentHashMap.newKeySet();
  /** Completed by {@code $/running}: the program of the call in flight has started. */
  private volatile CompletableFuture<Void> running = new CompletableFuture<>();
  /** Where {@code $/output} goes: the events of the call in flight. */
  private volatile BlockingQueue<JsonNode> output = new LinkedBlockingQueue<>();
  /** How many {@code $/output} the call in flight has received. */
  private volatile AtomicLong outputs = new AtomicLong();
  /** The bound workspace's {@code fs/*} and {@code stdin/read} handlers. */
  private volatile Map<String, RpcEndpoint.RequestHandler> mounts = Map.of();
  private volatile MirageException ended;

  SidecarInterpreter(SidecarProcess process, int id, JsonNode started) {
    this.process = process;
    this.id = id;
    this.started = started;
  }

  /**
   * From now on, this interpreter's {@code fs/*} and {@code stdin/read} requests reach these
   * handlers (a workspace's mounts and the standard input of its call in flight).
   */
  SidecarInterpreter bind(Map<String, RpcEndpoint.RequestHandler> mountHandlers) {
    this.mounts = Map.copyOf(mountHandlers);
    return this;
  }

  /**
   * Sends {@code python/run}. One at a time: the caller waits for the result before the next.
   *
   * @return the call: {@code started} completes when the program starts running in Node, {@code
   *     result} with its result; both fail with {@link SidecarCrashedException} if the interpreter
   *     or its process dies
   */
  PythonCall run(ObjectNode params) {
    CompletableFuture<Void> start = new CompletableFuture<>();
    BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    AtomicLong received = new AtomicLong();
    running = start;
    outputs = received;
    output = events;
    CompletableFuture<JsonNode> result = request(io.mirage4j.rpc.Methods.PYTHON_RUN, params);
    result.whenComplete((value, error) -> {
      if (error != null) {
        start.completeExceptionally(error);
      }
      events.add(PythonCall.ENDED);
    });
    return new PythonCall(start, result, events, received);
  }

  /** Sends a request for this interpreter; it fails at once should the interpreter end first. */
  CompletableFuture<JsonNode> request(String method, ObjectNode params) {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    MirageException end = ended;
    if (end != null) {
      answer.completeExceptionally(end);
      return answer;
    }
    inFlight.add(answer);
    answer.whenComplete((value, error) -> inFlight.remove(answer));
    process.request(method, params.put("interpreter", id)).whenComplete((value, error) -> {
      if (error != null) {
        answer.completeExceptionally(error);
      } else {
        answer.complete(value);
      }
    });
    if (ended != null) {
      answer.completeExceptionally(ended);
    }
    return answer;
  }

  /** The interpreter's {@code $/running}. */
  void running() {
    running.complete(null);
  }

  /** The interpreter's {@code $/output}. */
  void output(JsonNode params) {
    outputs.incrementAndGet();
    output.add(params);
  }

  /** The handler for one of this interpreter's requests to Java. */
  RpcEndpoint.RequestHandler handler(String method) {
    RpcEndpoint.RequestHandler handler = mounts.get(method);
    if (handler == null) {
      throw new RpcException(RpcError.of(RpcErrorCode.METHOD_NOT_FOUND, method + ": no workspace is bound"));
    }
    return handler;
  }

  /**
   * This interpreter has ended ({@code reason}): its calls in flight fail with it, and so does
   * every later request.
   */
  void end(MirageException reason) {
    if (ended == null) {
      ended = reason;
    }
    inFlight.forEach(call -> call.completeExceptionally(reason));
    running.completeExceptionally(reason);
  }

  int id() {
    return id;
  }

  long pid() {
    return process.pid();
  }

  SidecarProcess process() {
    return process;
  }

  boolean isAlive() {
    return ended == null && process.isAlive();
  }

  /** How the interpreter started: {@code loaded} from its snapshot, or {@code made} one; see lib/snapshot.js. */
  String snapshotStatus() {
    return started.path("snapshot").asText();
  }

  /** Installs one wheel ({@code python/install}); see {@link SidecarProcess#install}. */
  void install(String fileName, byte[] data, Duration timeout) {
    process.install(this, fileName, data, timeout);
  }

  /** Ends this interpreter and waits, at most {@code grace}, for its worker to be gone. */
  void stop(Duration grace) {
    process.stop(this, grace);
  }

  /**
   * Raises {@code KeyboardInterrupt} in the program this interpreter runs, as Ctrl-C does in a
   * process, without waiting for the answer; nothing happens when it runs none.
   */
  void interrupt() {
    request(io.mirage4j.rpc.Methods.PYTHON_INTERRUPT, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  }

  /** Ends this interpreter at once, whatever it runs; its process goes on with the others. */
  void kill() {
    process.stop(this, SidecarProcess.KILL_WAIT);
  }

  /** Ends the whole process this interpreter is in: it can no longer be trusted. */
  void killProcess() {
    process.kill();
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
      AtomicLong received) {
    static final JsonNode ENDED = MissingNode.getInstance();
  }
}
