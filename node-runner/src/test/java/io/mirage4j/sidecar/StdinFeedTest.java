package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.rpc.RpcException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** stdin/read: the output a request carries goes out before the read; bad fields are refused. */
class StdinFeedTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final StdinFeed feed = new StdinFeed(mapper);

  private ObjectNode request(String stdout) {
    ObjectNode params = mapper.createObjectNode().put("length", 10);
    if (stdout != null) {
      params.set("stdout", BinaryNode.valueOf(stdout.getBytes(UTF_8)));
    }
    return params;
  }

  @Test
  void carriedOutputIsWrittenBeforeTheReadAnswers() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feed.open(new ByteArrayInputStream("bob\n".getBytes(UTF_8)), out, new ByteArrayOutputStream());
    byte[] data = feed.read(request("name? ")).get("data").binaryValue();
    assertThat(new String(data, UTF_8)).isEqualTo("bob\n");
    assertThat(out.toString(UTF_8)).isEqualTo("name? ");
  }

  @Test
  void withoutOutputStreamsTheCarriedOutputIsKept() throws Exception {
    feed.open(new ByteArrayInputStream(new byte[0]), null, null);
    feed.read(request("a"));
    feed.read(request("b"));
    feed.close();
    assertThat(new String(feed.kept().stdout(), UTF_8)).isEqualTo("ab");
    assertThat(feed.kept().stderr()).isEmpty();
  }

  @Test
  void outputThatIsNotBytesIsRefused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feed.open(new ByteArrayInputStream("x".getBytes(UTF_8)), out, out);
    ObjectNode params = request(null).put("stdout", "text");
    assertThatThrownBy(() -> feed.read(params)).isInstanceOfSatisfying(RpcException.class,
        e -> assertThat(e.error().code()).isEqualTo(-32602));
    assertThat(out.size()).isZero();
  }
}
