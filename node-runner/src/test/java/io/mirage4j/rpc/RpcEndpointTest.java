package io.mirage4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.MirageException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two endpoints talking over in-process pipes, as Java and Node do over stdio. */
class RpcEndpointTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private record Pair(RpcEndpoint left, RpcEndpoint right, CompletableFuture<Throwable> leftClosed) {}

  private Pair connect(RpcEndpoint.Handlers leftHandlers, RpcEndpoint.Handlers rightHandlers) throws IOException {
    PipedInputStream leftIn = new PipedInputStream(1 << 16);
    PipedInputStream rightIn = new PipedInputStream(1 << 16);
    PipedOutputStream toLeft = new PipedOutputStream(leftIn);
    PipedOutputStream toRight = new PipedOutputStream(rightIn);
    RpcEndpoint left = new RpcEndpoint(leftIn, toRight, mapper, leftHandlers, executor);
    RpcEndpoint right = new RpcEndpoint(rightIn, toLeft, mapper, rightHandlers, executor);
    CompletableFuture<Throwable> leftClosed = new CompletableFuture<>();
    left.start("left-reader", leftClosed::complete);
    right.start("right-reader", cause -> {});
    return new Pair(left, right, leftClosed);
  }

  private static RpcEndpoint.Handlers answering(String method, RpcEndpoint.RequestHandler handler) {
    return new RpcEndpoint.Handlers(Map.of(method, handler), Map.of());
  }

  @Test
  void requestsGoBothWays() throws Exception {
    Pair p = connect(
        answering("fs/read", params -> BinaryNode.valueOf(("content of " + params.get("path").asText()).getBytes(StandardCharsets.UTF_8))),
        answering("python/run", params -> TextNode.valueOf("ran " + params.get("code").asText())));

    JsonNode ran = p.left().request("python/run", mapper.createObjectNode().put("code", "print(1)")).get(5, TimeUnit.SECONDS);
    JsonNode read = p.right().request("fs/read", mapper.createObjectNode().put("path", "/data/x")).get(5, TimeUnit.SECONDS);

    assertThat(ran.asText()).isEqualTo("ran print(1)");
    assertThat(new String(read.binaryValue(), StandardCharsets.UTF_8)).isEqualTo("content of /data/x");
  }

  @Test
  void aRequestCanBeAnsweredWhileTheCallerWaitsOnItsOwn() throws Exception {
    // Java waits on python/run while Node asks Java for a file: the reader thread must stay free.
    RpcEndpoint[] right = new RpcEndpoint[1];
    Pair p = connect(
        answering("fs/read", params -> TextNode.valueOf("bytes")),
        answering("python/run", params -> TextNode.valueOf(
            "python read " + right[0].request("fs/read", mapper.createObjectNode()).get(5, TimeUnit.SECONDS).asText())));
    right[0] = p.right();

    assertThat(p.left().request("python/run", mapper.createObjectNode()).get(5, TimeUnit.SECONDS).asText())
        .isEqualTo("python read bytes");
  }

  @Test
  void errorsComeBackAsRpcExceptions() throws Exception {
    Pair p = connect(RpcEndpoint.Handlers.none(), new RpcEndpoint.Handlers(Map.of(
        "bad", params -> { throw new RpcException(RpcErrorCode.READ_ONLY, "Read-only file system"); },
        "boom", params -> { throw new IllegalStateException("kaput"); },
        "params", params -> { throw new IllegalArgumentException("path missing"); }), Map.of()));

    assertThat(errorOf(p.left().request("bad", mapper.createObjectNode())))
        .isEqualTo(new RpcError(-32002, "Read-only file system", null));
    assertThat(errorOf(p.left().request("boom", mapper.createObjectNode())))
        .isEqualTo(new RpcError(-32603, "kaput", null));
    assertThat(errorOf(p.left().request("params", mapper.createObjectNode())))
        .isEqualTo(new RpcError(-32602, "path missing", null));
    assertThat(errorOf(p.left().request("nope", mapper.createObjectNode())).code()).isEqualTo(-32601);
  }

  private static RpcError errorOf(CompletableFuture<JsonNode> future) throws InterruptedException {
    try {
      future.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return ((RpcException) e.getCause()).error();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void notificationsReachTheirHandler() throws Exception {
    CompletableFuture<JsonNode> seen = new CompletableFuture<>();
    Pair p = connect(RpcEndpoint.Handlers.none(), new RpcEndpoint.Handlers(Map.of(), Map.of("$/ready", seen::complete)));
    p.left().notify("$/ready", mapper.createObjectNode().put("protocol", 1));
    assertThat(seen.get(5, TimeUnit.SECONDS).get("protocol").asInt()).isEqualTo(1);
  }

  @Test
  void failFailsPendingAndLaterRequests() throws Exception {
    Pair p = connect(RpcEndpoint.Handlers.none(), answering("slow", params -> {
      Thread.sleep(10_000);
      return null;
    }));
    CompletableFuture<JsonNode> pending = p.left().request("slow", mapper.createObjectNode());

    p.left().fail(new MirageException("sidecar gone"));

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("sidecar gone");
    assertThatThrownBy(() -> p.left().request("slow", mapper.createObjectNode()).get(5, TimeUnit.SECONDS))
        .hasRootCauseMessage("sidecar gone");
  }

  @Test
  void reportsTheEndOfInput() throws Exception {
    Pair p = connect(RpcEndpoint.Handlers.none(), RpcEndpoint.Handlers.none());
    p.right().closeOutput();
    assertThat(p.leftClosed().get(5, TimeUnit.SECONDS)).as("a clean end has no cause").isNull();
  }

  @Test
  void aMalformedFrameEndsTheConversationWithItsReason() throws Exception {
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream peer = new PipedOutputStream(in);
    RpcEndpoint endpoint = new RpcEndpoint(in, new java.io.ByteArrayOutputStream(), mapper, RpcEndpoint.Handlers.none(), executor);
    CompletableFuture<Throwable> closed = new CompletableFuture<>();
    endpoint.start("reader", closed::complete);

    peer.write("Content-Length: 5\r\n\r\n[1,2]".getBytes(StandardCharsets.US_ASCII));
    peer.flush();

    assertThat(closed.get(5, TimeUnit.SECONDS))
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void aResponseForNoPendingRequestCannotCompleteAnother() throws Exception {
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream peer = new PipedOutputStream(in);
    RpcEndpoint endpoint = new RpcEndpoint(in, new java.io.ByteArrayOutputStream(), mapper, RpcEndpoint.Handlers.none(), executor);
    endpoint.start("reader", cause -> {});
    CompletableFuture<JsonNode> mine = endpoint.request("python/run", mapper.createObjectNode());

    FrameWriter forged = new FrameWriter(peer);
    forged.write(new Frame("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":\"forged\"}".getBytes(StandardCharsets.UTF_8)));
    forged.write(new Frame("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"forged\"}".getBytes(StandardCharsets.UTF_8)));
    forged.write(new Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"mine\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(mine.get(5, TimeUnit.SECONDS).asText()).isEqualTo("mine");
  }

  @Test
  void aRequestTooLargeForAFrameFailsAloneAndIsNeverSent() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Pair p = connect(RpcEndpoint.Handlers.none(), answering("python/run", params -> {
      calls.incrementAndGet();
      return TextNode.valueOf("ran " + params.get("code").asText().length());
    }));
    String huge = "x".repeat(Frame.MAX_JSON_LENGTH);

    CompletableFuture<JsonNode> refused = p.left().request("python/run", mapper.createObjectNode().put("code", huge));

    assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(FrameTooLargeException.class)
        .hasRootCauseMessage("python/run request too large: JSON part of " + (Frame.MAX_JSON_LENGTH + 67)
            + " bytes exceeds the cap of " + Frame.MAX_JSON_LENGTH);
    assertThat(p.left().request("python/run", mapper.createObjectNode().put("code", "ok")).get(5, TimeUnit.SECONDS).asText())
        .isEqualTo("ran 2");
    assertThat(calls).hasValue(1);
    assertThat(p.leftClosed()).isNotDone();
  }

  @Test
  void anAnswerTooLargeForAFrameBecomesAnErrorAnswer() throws Exception {
    Pair p = connect(RpcEndpoint.Handlers.none(), answering("fs/list",
        params -> TextNode.valueOf("y".repeat(Frame.MAX_JSON_LENGTH))));

    RpcError error = errorOf(p.left().request("fs/list", mapper.createObjectNode()));

    assertThat(error.code()).isEqualTo(RpcErrorCode.INTERNAL_ERROR.code());
    assertThat(error.message()).startsWith("response too large: JSON part of ");
  }
}
