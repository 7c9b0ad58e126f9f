package io.mirage4j.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mirage4j.MirageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both ends of a JSON-RPC 2.0 conversation over a pair of streams: sends requests and matches
 * their responses, answers the peer's requests with local handlers.
 *
 * <p>One reader thread parses frames and dispatches them; it never runs a request handler (those
 * run on the executor given) and never blocks on a write. When the input ends or carries a
 * malformed frame, every pending request fails and the disconnect listener hears why.
 *
 * <p>Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * RpcEndpoint rpc = new RpcEndpoint(in, out, new ObjectMapper(), RpcEndpoint.Handlers.none(), executor);
 * rpc.start("mirage4j-sidecar-reader-1", cause -> log.info("closed", cause));
 * JsonNode result = rpc.request(Methods.PYTHON_RUN, params).join();
 * }</pre>
 */
public final class RpcEndpoint {
  private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);

  /**
   * Answers one request method; a thrown {@link RpcException} becomes exactly that error, an
   * {@link IllegalArgumentException} an {@code INVALID_PARAMS} error, anything else an {@code
   * INTERNAL_ERROR}.
   *
   * <pre>{@code
   * RpcEndpoint.RequestHandler size = params -> mapper.createObjectNode()
   *     .put("size", fs.stat(params.path("path").asText()).size());
   * }</pre>
   */
  @FunctionalInterface
  public interface RequestHandler {
    JsonNode handle(JsonNode params) throws Exception;
  }

  /** Handles one notification method; runs on the reader thread, so it must be quick. */
  @FunctionalInterface
  public interface NotificationHandler {
    void handle(JsonNode params);
  }

  /**
   * The local side of the conversation: what the peer may call.
   *
   * <pre>{@code
   * RpcEndpoint.Handlers handlers = new RpcEndpoint.Handlers(
   *     Map.of(Methods.FS_STAT, size), Map.of(Methods.READY, ready::complete));
   * }</pre>
   */
  public record Handlers(Map<String, RequestHandler> requests, Map<String, NotificationHandler> notifications) {
    public Handlers {
      requests = Map.copyOf(requests);
      notifications = Map.copyOf(notifications);
    }

    public static Handlers none() {
      return new Handlers(Map.of(), Map.of());
    }
  }

  private final FrameReader reader;
  private final FrameWriter writer;
  private final RpcCodec codec;
  private final Handlers handlers;
  private final Executor requestExecutor;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<RpcId, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private MirageException closedBecause;

  public RpcEndpoint(
      InputStream in,
      OutputStream out,
      ObjectMapper mapper,
      Handlers handlers,
      Executor requestExecutor) {
    this.reader = new FrameReader(in);
    this.writer = new FrameWriter(out);
    this.codec = new RpcCodec(mapper);
    this.handlers = handlers;
    this.requestExecutor = requestExecutor;
  }

  /**
   * Starts the reader thread. {@code onDisconnect} runs on it once the input ends: with {@code
   * null} for a clean end between frames, otherwise with the {@link RpcProtocolException} or
   * {@link IOException} that ended it. Pending requests stay pending until {@link #fail} is called,
   * so the listener can fail them with an error that says why.
   */
  public void start(String threadName, Consumer<Throwable> onDisconnect) {
    Thread thread = new Thread(() -> onDisconnect.accept(readLoop()), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Sends a request; the future completes with its result or fails with an {@link RpcException}.
   * A request too large for a frame fails with {@link FrameTooLargeException} and is never sent.
   */
  public CompletableFuture<JsonNode> request(String method, JsonNode params) {
    RpcId id = RpcId.of(nextId.getAndIncrement());
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    synchronized (this) {
      if (closedBecause != null) {
        return CompletableFuture.failedFuture(closedBecause);
      }
      pending.put(id, future);
    }
    try {
      send(new RpcMessage.Request(id, method, params));
    } catch (FrameTooLargeException e) {
      pending.remove(id);
      future.completeExceptionally(new FrameTooLargeException(method + " request too large: " + e.getMessage()));
    } catch (IOException e) {
      pending.remove(id);
      future.completeExceptionally(new MirageException("cannot send " + method + ": " + e.getMessage(), e));
    }
    return future;
  }

  /** Sends a notification. */
  public void notify(String method, JsonNode params) throws IOException {
    send(new RpcMessage.Notification(method, params));
  }

  /** Fails every pending request, and every later one, with {@code reason}. Idempotent. */
  public void fail(MirageException reason) {
    synchronized (this) {
      if (closedBecause == null) {
        closedBecause = reason;
      }
    }
    pending.values().forEach(f -> f.completeExceptionally(closedBecause));
    pending.clear();
  }

  /** Closes the output stream: the peer sees the end of its input. */
  public void closeOutput() {
    try {
      writer.close();
    } catch (IOException e) {
      log.debug("closing the peer's input failed", e);
    }
  }

  private Throwable readLoop() {
    try {
      for (Frame frame = reader.read(); frame != null; frame = reader.read()) {
        RpcMessage message = codec.decode(frame);
        log.trace("<- {}", message);
        dispatch(message);
      }
      return null;
    } catch (RpcProtocolException | IOException e) {
      return e;
    }
  }

  private void dispatch(RpcMessage message) {
    if (message instanceof RpcMessage.Response r) {
      CompletableFuture<JsonNode> future = r.id() == null ? null : pending.remove(r.id());
      if (future == null) {
        log.warn("dropped a response that matches no pending request: id {}", r.id());
      } else if (r.error() != null) {
        future.completeExceptionally(new RpcException(r.error()));
      } else {
        future.complete(r.result());
      }
    } else if (message instanceof RpcMessage.Notification n) {
      NotificationHandler handler = handlers.notifications().get(n.method());
      if (handler == null) {
        log.debug("ignored notification {}", n.method());
      } else {
        handler.handle(n.params());
      }
    } else if (message instanceof RpcMessage.Request r) {
      try {
        requestExecutor.execute(() -> answer(r));
      } catch (RejectedExecutionException e) {
        respond(RpcMessage.Response.failure(r.id(), RpcError.of(RpcErrorCode.INTERNAL_ERROR, "too busy")));
      }
    }
  }

  private void answer(RpcMessage.Request request) {
    RequestHandler handler = handlers.requests().get(request.method());
    RpcMessage.Response response;
    if (handler == null) {
      response = RpcMessage.Response.failure(
          request.id(), RpcError.of(RpcErrorCode.METHOD_NOT_FOUND, "no such method: " + request.method()));
    } else {
      try {
        JsonNode result = handler.handle(request.params());
        response = RpcMessage.Response.success(request.id(), result == null ? NullNode.instance : result);
      } catch (RpcException e) {
        response = RpcMessage.Response.failure(request.id(), e.error());
      } catch (IllegalArgumentException e) {
        response = RpcMessage.Response.failure(request.id(), RpcError.of(RpcErrorCode.INVALID_PARAMS, e.getMessage()));
      } catch (Exception e) {
        log.debug("handler of {} failed", request.method(), e);
        response = RpcMessage.Response.failure(
            request.id(), RpcError.of(RpcErrorCode.INTERNAL_ERROR, String.valueOf(e.getMessage())));
      }
    }
    respond(response);
  }

  /** Sends an answer; one too large for a frame becomes an error answer, so the peer never waits forever. */
  private void respond(RpcMessage.Response response) {
    try {
      try {
        send(response);
      } catch (FrameTooLargeException e) {
        log.debug("answer to request {} too large", response.id(), e);
        send(RpcMessage.Response.failure(response.id(),
            RpcError.of(RpcErrorCode.INTERNAL_ERROR, "response too large: " + e.getMessage())));
      }
    } catch (IOException e) {
      log.debug("could not answer request {}", response.id(), e);
    }
  }

  private void send(RpcMessage message) throws IOException {
    log.trace("-> {}", message);
    writer.write(codec.encode(message));
  }
}
