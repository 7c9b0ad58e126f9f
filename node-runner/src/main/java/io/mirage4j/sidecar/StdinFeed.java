package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Answers the sidecar's {@code stdin/read} requests from the standard input of the call in flight,
 * so a program reads its stdin lazily: only as far as it asks, the rest left to the commands after
 * it. Each answer is what one read of the stream gives (at least one byte, fewer than asked when
 * that is all there is for now, none at the end), as {@code read(2)} on a pipe.
 *
 * <p>The request is checked: {@code length} must be an integer from 1 to {@link #MAX_READ}, and
 * there must be a call in flight. When the call ends, a read still blocked on the stream is
 * interrupted (streams that honour interrupts, such as the shell's pipes, stop at once).
 *
 * <p>A request may carry what the program wrote since its last read ({@code stdout}, {@code
 * stderr}): it goes to the call's output streams before the read, so that a prompt shows before the
 * program waits. A call without output streams keeps it, to put in front of its result.
 */
final class StdinFeed {
  /** The most bytes one {@code stdin/read} asks for. */
  static final int MAX_READ = 1 << 20;

  private final ObjectMapper mapper;
  /** Serialises reads, so that answers follow the stream's order. */
  private final Object readLock = new Object();
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private Thread reader;

  StdinFeed(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A call starts: its {@code stdin/read} requests read {@code stream}, and the output they carry
   * goes to {@code stdout} and {@code stderr}, or is kept ({@link #kept}) where they are null.
   */
  synchronized void open(InputStream stream, OutputStream stdout, OutputStream stderr) {
    in = stream;
    out = stdout == null ? new ByteArrayOutputStream() : stdout;
    err = stderr == null ? new ByteArrayOutputStream() : stderr;
  }

  /** What the call's {@code stdin/read} requests carried for a stream the call gave none for. */
  synchronized Output kept() {
    return new Output(out instanceof ByteArrayOutputStream o ? o.toByteArray() : new byte[0],
        err instanceof ByteArrayOutputStream e ? e.toByteArray() : new byte[0]);
  }

  /** Early output a call kept: stdout and stderr bytes. */
  record Output(byte[] stdout, byte[] stderr) {}

  /** The call ended: no more reads; one blocked on the stream is interrupted. */
  synchronized void close() {
    in = null;
    if (reader != null) {
      reader.interrupt();
    }
  }

  JsonNode read(JsonNode params) throws RpcException {
    JsonNode length = params.get("length");
    if (length == null || !length.isIntegralNumber() || !length.canConvertToInt()
        || length.intValue() < 1 || length.intValue() > MAX_READ) {
      throw new RpcException(RpcErrorCode.INVALID_PARAMS, "stdin/read: length must be an integer from 1 to " + MAX_READ);
    }
    byte[] stdout = output(params, "stdout");
    byte[] stderr = output(params, "stderr");
    synchronized (readLock) {
      InputStream stream = enter();
      OutputStream[] sinks = sinks();
      deliver(stdout, sinks[0]);
      deliver(stderr, sinks[1]);
      try {
        byte[] buffer = new byte[length.intValue()];
        int n = stream.read(buffer, 0, buffer.length);
        ObjectNode result = mapper.createObjectNode();
        result.set("data", BinaryNode.valueOf(n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n)));
        return result;
      } catch (InterruptedIOException e) {
        throw new RpcException(RpcError.of(RpcErrorCode.CANCELLED, "stdin/read: the call ended"));
      } catch (IOException e) {
        // A pipe whose writer is gone reads as its end, as read(2) would.
        ObjectNode result = mapper.createObjectNode();
        result.set("data", BinaryNode.valueOf(new byte[0]));
        return result;
      } finally {
        leave();
      }
    }
  }

  private static byte[] output(JsonNode params, String field) throws RpcException {
    JsonNode data = params.get(field);
    if (data == null) {
      return new byte[0];
    }
    if (!data.isBinary()) {
      throw new RpcException(RpcErrorCode.INVALID_PARAMS, "stdin/read: " + field + " must be bytes");
    }
    try {
      return data.binaryValue();
    } catch (IOException e) {
      throw new RpcException(RpcErrorCode.INVALID_PARAMS, "stdin/read: " + field + " must be bytes");
    }
  }

  /**
   * Writes early output; a stream that fails (the line's output limit, a closed pipe) loses it,
   * and its owner reports the failure when the call ends.
   */
  private static void deliver(byte[] data, OutputStream stream) {
    if (data.length == 0 || stream == null) {
      return;
    }
    try {
      stream.write(data);
      stream.flush();
    } catch (IOException | RuntimeException e) {
      // dropped: see above
    }
  }

  private synchronized OutputStream[] sinks() {
    return new OutputStream[] {out, err};
  }

  private synchronized InputStream enter() throws RpcException {
    if (in == null) {
      throw new RpcException(RpcError.of(RpcErrorCode.INVALID_REQUEST, "stdin/read: no call is in flight"));
    }
    reader = Thread.currentThread();
    return in;
  }

  private synchronized void leave() {
    reader = null;
    // An interrupt meant for this read must not reach the worker's next task.
    Thread.interrupted();
  }
}
