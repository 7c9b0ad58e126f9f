package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
 */
final class StdinFeed {
  /** The most bytes one {@code stdin/read} asks for. */
  static final int MAX_READ = 1 << 20;

  private final ObjectMapper mapper;
  /** Serialises reads, so that answers follow the stream's order. */
  private final Object readLock = new Object();
  private InputStream in;
  private Runnable beforeRead = () -> {};
  private Thread reader;

  StdinFeed(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A call starts: its {@code stdin/read} requests read {@code stream}. */
  synchronized void open(InputStream stream) {
    open(stream, () -> {});
  }

  /**
   * A call starts: its {@code stdin/read} requests read {@code stream}, each after {@code
   * beforeRead} returns (which waits until the output the program wrote before has been passed on).
   */
  synchronized void open(InputStream stream, Runnable beforeRead) {
    in = stream;
    this.beforeRead = beforeRead;
  }

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
    synchronized (readLock) {
      InputStream stream = enter();
      beforeRead.run();
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
