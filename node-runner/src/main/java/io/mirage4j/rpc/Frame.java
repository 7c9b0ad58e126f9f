package io.mirage4j.rpc;

/**
 * One frame of the protocol: a JSON message and its binary attachment. The arrays are owned by the
 * frame; callers do not change them.
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

  private static final byte[] EMPTY = new byte[0];

  private final byte[] json;
  private final byte[] binary;

  public Frame(byte[] json, byte[] binary) {
    if (json.length > MAX_JSON_LENGTH) {
      throw new RpcProtocolException("JSON part of " + json.length + " bytes exceeds the cap of " + MAX_JSON_LENGTH);
    }
    if (binary.length > MAX_BINARY_LENGTH) {
      throw new RpcProtocolException(
          "binary attachment of " + binary.length + " bytes exceeds the cap of " + MAX_BINARY_LENGTH);
    }
    this.json = json;
    this.binary = binary;
  }

  public Frame(byte[] json) {
    this(json, EMPTY);
  }

  public byte[] json() {
    return json;
  }

  public byte[] binary() {
    return binary;
  }
}
