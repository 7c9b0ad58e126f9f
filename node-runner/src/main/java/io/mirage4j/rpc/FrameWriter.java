package io.mirage4j.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes whole frames to a stream, one at a time, flushing after each. Thread-safe. */
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
