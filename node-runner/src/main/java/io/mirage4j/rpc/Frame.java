package io.mirage4j.rpc;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One frame of the protocol: a JSON message and its binary attachment. The arrays and buffers are
 * owned by the frame; callers do not change them.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * Frame f = new Frame("{\"jsonrpc\":\"2.0\",\"method\":\"$/ready\",\"params\":{}}".getBytes(StandardCharsets.UTF_8));
 * RpcMessage m = codec.decode(f); // Notification[method=$/ready, params={}]
 * }</pre>
 */
public final class Frame {
  /** The largest JSON part a frame may have: 16 MiB. */
  public static final int MAX_JSON_LENGTH = 16 << 20;

  /** The largest binary attachment a frame may have: 1 GiB. */
  public static final int MAX_BINARY_LENGTH = 1 << 30;

  private final byte[] json;
  /** The attachment, in order: each part from its position to its limit. */
  private final List<ByteBuffer> parts;
  private final int binaryLength;

  /** A frame whose attachment is {@code parts} one after the other; the buffers are not copied. */
  public Frame(byte[] json, List<ByteBuffer> parts) {
    if (json.length > MAX_JSON_LENGTH) {
      throw new RpcProtocolException("JSON part of " + json.length + " bytes exceeds the cap of " + MAX_JSON_LENGTH);
    }
    long length = 0;
    for (ByteBuffer part : parts) {
      length += part.remaining();
    }
    if (length > MAX_BINARY_LENGTH) {
      throw new RpcProtocolException(
          "binary attachment of " + length + " bytes exceeds the cap of " + MAX_BINARY_LENGTH);
    }
    this.json = json;
    this.parts = parts.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
    this.binaryLength = (int) length;
  }

  public Frame(byte[] json, byte[] binary) {
    this(json, binary.length == 0 ? List.of() : List.of(ByteBuffer.wrap(binary)));
  }

  public Frame(byte[] json) {
    this(json, List.of());
  }

  public byte[] json() {
    return json;
  }

  /** The attachment's length in bytes. */
  public int binaryLength() {
    return binaryLength;
  }

  /** The attachment's parts, read-only, each from its position to its limit. */
  public List<ByteBuffer> binaryParts() {
    return parts;
  }

  /** The attachment as one read-only buffer: the part itself when there is one, else a copy of them. */
  public ByteBuffer attachment() {
    return parts.size() == 1 ? parts.get(0).duplicate() : ByteBuffer.wrap(binary()).asReadOnlyBuffer();
  }

  /** The attachment as one array (a copy of its parts). */
  public byte[] binary() {
    byte[] joined = new byte[binaryLength];
    int offset = 0;
    for (ByteBuffer part : parts) {
      int n = part.remaining();
      part.duplicate().get(joined, offset, n);
      offset += n;
    }
    return joined;
  }
}
