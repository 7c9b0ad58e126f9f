package io.mirage4j.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
  /** The most bytes handed to the stream at once: a Linux pipe's capacity. */
  private static final int SLICE = 64 << 10;

  private final OutputStream out;
  private final byte[] slice = new byte[SLICE];

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  public synchronized void write(Frame frame) throws IOException {
    StringBuilder header = new StringBuilder("Content-Length: ").append(frame.json().length).append("\r\n");
    if (frame.binaryLength() > 0) {
      header.append("Binary-Length: ").append(frame.binaryLength()).append("\r\n");
    }
    header.append("\r\n");
    out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(frame.json());
    for (ByteBuffer part : frame.binaryParts()) {
      writeInSlices(part.duplicate());
    }
    out.flush();
  }

  /**
   * Writes {@code part} a slice at a time through one reused array. A FileOutputStream copies an
   * array it is handed into a native buffer of the same size before writing it, so a large
   * attachment in one piece would cost as much fresh memory again; a slice of a pipe's capacity
   * costs none.
   */
  private void writeInSlices(ByteBuffer part) throws IOException {
    while (part.hasRemaining()) {
      int n = Math.min(slice.length, part.remaining());
      part.get(slice, 0, n);
      out.write(slice, 0, n);
    }
  }

  public synchronized void close() throws IOException {
    out.close();
  }
}
