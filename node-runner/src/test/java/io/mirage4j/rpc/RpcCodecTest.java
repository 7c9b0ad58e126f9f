package io.mirage4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpcCodecTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final RpcCodec codec = new RpcCodec(mapper);

  private RpcMessage decode(String json, byte[] binary) {
    return codec.decode(new Frame(json.getBytes(StandardCharsets.UTF_8), binary));
  }

  @Test
  void sendsABufferFromItsPositionToItsLimitWithoutCopyingIt() throws IOException {
    byte[] file = {0, 1, 2, 3, 4, 5};
    ObjectNode result = mapper.createObjectNode().put("size", 4);
    result.putPOJO("data", ByteBuffer.wrap(file, 1, 4).asReadOnlyBuffer());
    result.set("tail", BinaryNode.valueOf(new byte[] {7}));

    Frame frame = codec.encode(RpcMessage.Response.success(RpcId.of(3), result));
    file[2] = 42; // the frame holds a view, so it sends what the array holds when it is written

    assertThat(new String(frame.json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"size\":4,\"data\":{\"$bin\":[0,4]},\"tail\":{\"$bin\":[4,1]}}}");
    assertThat(frame.binaryLength()).isEqualTo(5);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    new FrameWriter(written).write(frame);
    assertThat(written.toString(StandardCharsets.ISO_8859_1))
        .endsWith("\u0001\u002a\u0003\u0004\u0007")
        .startsWith("Content-Length: " + frame.json().length + "\r\nBinary-Length: 5\r\n\r\n{");
    JsonNode back = ((RpcMessage.Response) codec.decode(frame)).result();
    assertThat(back.get("data").binaryValue()).containsExactly(1, 42, 3, 4);
    assertThat(back.get("tail").binaryValue()).containsExactly(7);
  }

  @Test
  void carriesBytesInTheAttachmentNotInTheJson() throws IOException {
    ObjectNode params = mapper.createObjectNode().put("cwd", "/data");
    params.set("stdin", BinaryNode.valueOf(new byte[] {1, 2, 3}));
    params.putArray("more").add(BinaryNode.valueOf(new byte[] {9}));

    Frame frame = codec.encode(new RpcMessage.Request(RpcId.of(7), "python/run", params));

    assertThat(new String(frame.json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"python/run\",\"params\":"
            + "{\"cwd\":\"/data\",\"stdin\":{\"$bin\":[0,3]},\"more\":[{\"$bin\":[3,1]}]}}");
    assertThat(frame.binary()).containsExactly(1, 2, 3, 9);

    RpcMessage.Request decoded = (RpcMessage.Request) codec.decode(frame);
    assertThat(decoded.id()).isEqualTo(RpcId.of(7));
    assertThat(decoded.params().get("stdin").binaryValue()).containsExactly(1, 2, 3);
    assertThat(decoded.params().get("more").get(0).binaryValue()).containsExactly(9);
  }

  @Test
  void decodesEveryKindOfMessage() {
    assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"$/ready\",\"params\":{\"protocol\":1}}", new byte[0]))
        .isInstanceOf(RpcMessage.Notification.class);
    assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":\"n1\",\"method\":\"fs/stat\",\"params\":{}}", new byte[0]))
        .isEqualTo(new RpcMessage.Request(RpcId.of("n1"), "fs/stat", mapper.createObjectNode()));
    RpcMessage.Response error = (RpcMessage.Response) decode(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"no\"}}", new byte[0]);
    assertThat(error.error().code()).isEqualTo(-32601);
    assertThat(error.id()).isEqualTo(RpcId.of(3));
  }

  @Test
  void keepsNumericAndStringIdsApart() {
    assertThat(RpcId.of(1)).isNotEqualTo(RpcId.of("1"));
    JsonNode echoed = decode("{\"jsonrpc\":\"2.0\",\"id\":\"n5\",\"result\":null}", new byte[0]) instanceof RpcMessage.Response r
        ? r.id().value() : null;
    assertThat(echoed.isTextual()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]",
      "{\"method\":\"a\"}",
      "{\"jsonrpc\":\"1.0\",\"method\":\"a\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":3}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":[1]}",
      "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"a\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{\"code\":1,\"message\":\"x\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"x\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":[0,5]}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":[-1,1]}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":[0,1],\"x\":1}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":[0]}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":[0.5,1]}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"$bin\":\"AAAA\"}}",
  })
  void rejectsWhatIsNotAValidMessage(String json) {
    assertThatThrownBy(() -> decode(json, new byte[] {1, 2}))
        .isInstanceOf(RpcProtocolException.class);
  }
}
