package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code $/output} batches are read and passed on in write order, as the shared fixture says. */
class OutputBatchTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path FIXTURE =
      Path.of(System.getProperty("mirage4j.fixtures.dir", "../test-fixtures"), "protocol", "output-batches.json");

  @Test
  void passesTheBytesOnInTheOrderTheyWereWritten() throws IOException {
    for (JsonNode example : MAPPER.readTree(FIXTURE.toFile())) {
      List<String> expected = new ArrayList<>();
      for (JsonNode write : example.get("writes")) {
        String text = (write.get(0).intValue() == 1 ? "out:" : "err:") + write.get(1).textValue();
        int last = expected.size() - 1;
        if (last >= 0 && expected.get(last).startsWith(text.substring(0, 4))) {
          expected.set(last, expected.get(last) + text.substring(4));
        } else {
          expected.add(text);
        }
      }
      assertThat(delivered(OutputBatch.of(message(example.get("batch")))))
          .as(example.get("description").textValue())
          .isEqualTo(expected);
    }
  }

  @Test
  void refusesAnOrderThatDoesNotCoverBothStreams() {
    ObjectNode message = message(MAPPER.createObjectNode().put("stdout", "ab").put("stderr", "c"));
    message.set("order", MAPPER.valueToTree(List.of(List.of(1, 2), List.of(2, 2))));
    assertThatThrownBy(() -> OutputBatch.of(message)).isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("does not cover");
    message.set("order", MAPPER.valueToTree(List.of(List.of(3, 2), List.of(2, 1))));
    assertThatThrownBy(() -> OutputBatch.of(message)).isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("fd 1 or 2");
    message.set("order", MAPPER.valueToTree(List.of(List.of(1, 2), List.of(2, 0), List.of(2, 1))));
    assertThatThrownBy(() -> OutputBatch.of(message)).isInstanceOf(RpcProtocolException.class);
  }

  @Test
  void refusesOutputThatIsNotBytes() {
    ObjectNode message = MAPPER.createObjectNode().put("stdout", "text").put("stderr", "text");
    assertThatThrownBy(() -> OutputBatch.of(message)).isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("binary stdout and stderr");
  }

  /** The fixture's batch as the codec decodes it: text becomes bytes ({@code $bin}). */
  private static ObjectNode message(JsonNode batch) {
    ObjectNode message = MAPPER.createObjectNode();
    message.set("stdout", BinaryNode.valueOf(batch.get("stdout").textValue().getBytes(UTF_8)));
    message.set("stderr", BinaryNode.valueOf(batch.get("stderr").textValue().getBytes(UTF_8)));
    if (batch.has("order")) {
      message.set("order", batch.get("order"));
    }
    return message;
  }

  private static List<String> delivered(OutputBatch batch) throws IOException {
    List<String> seen = new ArrayList<>();
    batch.deliverTo(new PythonOutput() {
      @Override
      public void stdout(byte[] bytes) {
        seen.add("out:" + new String(bytes, UTF_8));
      }

      @Override
      public void stderr(byte[] bytes) {
        seen.add("err:" + new String(bytes, UTF_8));
      }
    });
    return seen;
  }
}
