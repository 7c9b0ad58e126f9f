package io.mirage4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static FrameReader reader(String wire) {
    return new FrameReader(new ByteArrayInputStream(ascii(wire)));
  }

  /** Hands out one byte per read, the most awkward chunking a pipe can produce. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  @Test
  void readsWhatTheWriterWrote() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(wire);
    writer.write(new Frame(ascii("{\"a\":1}"), new byte[] {0, 1, 2, (byte) 0xff}));
    writer.write(new Frame("{\"é\":\"€\"}".getBytes(StandardCharsets.UTF_8)));

    FrameReader reader = new FrameReader(trickle(wire.toByteArray()));
    Frame first = reader.read();
    Frame second = reader.read();

    assertThat(first.json()).isEqualTo(ascii("{\"a\":1}"));
    assertThat(first.binary()).containsExactly(0, 1, 2, 0xff);
    assertThat(new String(second.json(), StandardCharsets.UTF_8)).isEqualTo("{\"é\":\"€\"}");
    assertThat(second.binary()).isEmpty();
    assertThat(reader.read()).as("clean end between frames").isNull();
  }

  @Test
  void omitsBinaryLengthWhenThereAreNoBytes() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new FrameWriter(wire).write(new Frame(ascii("{}")));
    assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("Content-Length: 2\r\n\r\n{}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "content-length: 2\r\n\r\n{}",
      "Content-Length: 02\r\n\r\n{}",
      "Content-Length: -2\r\n\r\n{}",
      "Content-Length: 2 \r\n\r\n{}",
      "Content-Length:2\r\n\r\n{}",
      "Content-Type: json\r\n\r\n{}",
      "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
      "Content-Length: 2\r\nBinary-Length: 1\r\nX: y\r\n\r\n{}!",
      "Content-Length: 2\n\n{}",
      "Content-Length: 99999999999\r\n\r\n",
      "Content-Length: 16777217\r\n\r\n",
      "Content-Length: 2\r\nBinary-Length: 1073741825\r\n\r\n{}",
      "Content-Length: 1234567890123456789012345678901234567890123456789012345678901234567890\r\n\r\n",
  })
  void rejectsMalformedHeaders(String wire) {
    assertThatThrownBy(() -> reader(wire).read()).isInstanceOf(RpcProtocolException.class);
  }

  @Test
  void rejectsAnEndInsideTheBody() {
    assertThatThrownBy(() -> reader("Content-Length: 10\r\n\r\n{}").read())
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("2 of 10 bytes");
  }

  @Test
  void rejectsAnEndInsideTheHeader() {
    assertThatThrownBy(() -> reader("Content-Len").read())
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("inside a frame header");
  }

  @Test
  void rejectsControlBytesInTheHeader() {
    assertThatThrownBy(() -> reader("Content-Length: 2\u0000\r\n\r\n{}").read())
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("non-printable");
  }

  @Test
  void checksTheCapBeforeReadingTheBody() {
    // Nothing follows the header: a reader that allocated first would block or fail differently.
    assertThatThrownBy(() -> reader("Content-Length: 2\r\nBinary-Length: 2000000000\r\n\r\n").read())
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("exceeds the cap");
  }
}
