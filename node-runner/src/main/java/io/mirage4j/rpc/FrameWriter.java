package io.mirage4j.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes whole frames to a stream, one at a time, flushing after each. Thread-safe.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * FrameWriter writer = new FrameWriter(process.getOutputStream());
 * writer.write(codec.encode(message)); // Content-Length: N, CRLF, CRLF, then the JSON
 * }</pre>
 */
public final class FrameWriter {
  private final OutputStream out;

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  public synchronized void write(Frame frame) throws IOException {
    StringBuilder header = new StringBuilder("Content-Length: ").append(frame.json().length).append("\r\n");
    if (frame.binary().length > 0) {
      header.append("Binary-Length: ").append(frame.binary().length).append("\r\n");
    }
    header.append("\r\n");
    out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(frame.json());
    out.write(frame.binary());
    out.flush();
  }

  public synchronized void close() throws IOException {
    out.close();
  }
}
