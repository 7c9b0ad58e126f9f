package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.function.HostCalls;
import io.mirage4j.function.HostFunction;
import io.mirage4j.rpc.RpcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostCallBridgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode request(String name) {
    ObjectNode params = JSON.createObjectNode().put("interpreter", 1).put("name", name);
    params.putObject("args");
    return params;
  }

  /** Answers every name with "ran NAME", or blocks in {@code block} until interrupted. */
  private static HostCalls answering(CountDownLatch entered, CountDownLatch interrupted) {
    return new HostCalls() {
      @Override
      public List<HostFunction> functions() {
        return List.of();
      }

      @Override
      public JsonNode call(String name, JsonNode args) {
        if (name.equals("block")) {
          entered.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        }
        return TextNode.valueOf("ran " + name);
      }
    };
  }

  @Test
  void requestsBeforeOrAfterTheCallAreRefusedAsEnded() throws Exception {
    HostCallBridge bridge = new HostCallBridge();
    RpcException before = catchThrowableOfType(RpcException.class, () -> bridge.call(request("f")));
    assertThat(before.error().code()).isEqualTo(-32006);
    assertThat(before.error().data().get("reason").asText()).isEqualTo("ENDED");
    bridge.open(answering(new CountDownLatch(1), new CountDownLatch(1)));
    assertThat(bridge.call(request("f")).asText()).isEqualTo("ran f");
    bridge.close();
    RpcException after = catchThrowableOfType(RpcException.class, () -> bridge.call(request("f")));
    assertThat(after.error().data().get("reason").asText()).isEqualTo("ENDED");
    assertThat(after.getMessage()).contains("no Python call is running");
  }

  @Test
  void malformedRequestsAreInvalidParams() {
    HostCallBridge bridge = new HostCallBridge();
    bridge.open(answering(new CountDownLatch(1), new CountDownLatch(1)));
    ObjectNode noArgs = JSON.createObjectNode().put("name", "f");
    ObjectNode listArgs = JSON.createObjectNode().put("name", "f");
    listArgs.putArray("args");
    for (ObjectNode params : List.of(noArgs, listArgs, JSON.createObjectNode().put("name", 3))) {
      assertThat(catchThrowableOfType(RpcException.class, () -> bridge.call(params)).error().code()).isEqualTo(-32602);
    }
  }

  @Test
  void closingInterruptsAHandlerStillRunningAndLeavesTheThreadClean() throws Exception {
    HostCallBridge bridge = new HostCallBridge();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    bridge.open(answering(entered, interrupted));
    CompletableFuture<Boolean> flagAfter = CompletableFuture.supplyAsync(() -> {
      try {
        bridge.call(request("block"));
      } catch (RpcException e) {
        // not expected: the handler returns once interrupted
      }
      return Thread.currentThread().isInterrupted();
    });
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    bridge.close();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
    assertThat(flagAfter.get(5, TimeUnit.SECONDS)).as("no interrupt is left on the thread").isFalse();
  }
}
