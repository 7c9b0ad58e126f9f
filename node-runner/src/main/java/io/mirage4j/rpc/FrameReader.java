package io.mirage4j.rpc;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames ({@code Content-Length}, optional {@code Binary-Length}, blank line, JSON, bytes)
 * from a stream, checking every header strictly before allocating. Not thread-safe: one reader
 * thread owns it.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * FrameReader reader = new FrameReader(process.getInputStream());
 * for (Frame f = reader.read(); f != null; f = reader.read()) {
 *   RpcMessage m = codec.decode(f);
 * }
 * }</pre>
 */
public final class FrameReader {
  private static final String CONTENT_LENGTH = "Content-Length: ";
  private static final String BINARY_LENGTH = "Binary-Length: ";
  private static final int MAX_HEADER_LINE = 64;

  private final InputStream in;

  public FrameReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next frame, or {@code null} when the stream ends cleanly between frames.
   *
   * @throws RpcProtocolException on a malformed header, a cap exceeded, or an end inside a frame
   * @throws IOException when the stream fails
   */
  public Frame read() throws IOException {
    String first = readHeaderLine(true);
    if (first == null) {
      return null;
    }
    int jsonLength = headerValue(first, CONTENT_LENGTH, Frame.MAX_JSON_LENGTH);
    int binaryLength = 0;
    String next = readHeaderLine(false);
    if (!next.isEmpty()) {
      binaryLength = headerValue(next, BINARY_LENGTH, Frame.MAX_BINARY_LENGTH);
      if (!readHeaderLine(false).isEmpty()) {
        throw new RpcProtocolException("expected the blank line that ends the frame header");
      }
    }
    return new Frame(readExactly(jsonLength), readExactly(binaryLength));
  }

  private static int headerValue(String line, String name, int cap) {
    if (!line.startsWith(name)) {
      throw new RpcProtocolException("unexpected frame header: " + printable(line));
    }
    String header = name.substring(0, name.length() - 2);
    String digits = line.substring(name.length());
    if (!digits.matches("0|[1-9][0-9]{0,9}")) {
      throw new RpcProtocolException("bad " + header + " value: " + printable(digits));
    }
    long value = Long.parseLong(digits);
    if (value > cap) {
      throw new RpcProtocolException(header + " " + value + " exceeds the cap of " + cap);
    }
    return (int) value;
  }

  /** One header line without its CRLF; {@code null} at a clean end when {@code endAllowed}. */
  private String readHeaderLine(boolean endAllowed) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (endAllowed && line.length() == 0) {
          return null;
        }
        throw new RpcProtocolException("stream ended inside a frame header");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new RpcProtocolException("header line not ended by CRLF");
        }
        return line.toString();
      }
      if (b < 0x20 || b > 0x7e) {
        throw new RpcProtocolException("non-printable byte 0x" + Integer.toHexString(b) + " in a frame header");
      }
      if (line.length() == MAX_HEADER_LINE) {
        throw new RpcProtocolException("frame header line longer than " + MAX_HEADER_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new RpcProtocolException(
          "stream ended inside a frame body (" + bytes.length + " of " + length + " bytes)");
    }
    return bytes;
  }

  private static String printable(String s) {
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
  }
}
