package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.util.Arrays;

/**
 * What a running program wrote to its standard output and error, in one message of the sidecar:
 * the params of a {@code $/output} notification, or the rest, in the {@code python/run} result
 * (js-shim/PROTOCOL.md). Checked when read: the sidecar is not trusted.
 *
 * <pre>{@code
 * OutputBatch.of(params).deliverTo(PythonOutput.of(System.out, System.err)); // in the order written
 * }</pre>
 *
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error
 * @param order runs of the two streams in write order, as pairs {@code fd, length} (fd 1 or 2);
 *     empty when at most one stream holds bytes
 */
record OutputBatch(byte[] stdout, byte[] stderr, int[] order) {

  /** Reads {@code stdout}, {@code stderr} and the optional {@code order} of {@code message}. */
  static OutputBatch of(JsonNode message) {
    JsonNode stdout = message.path("stdout");
    JsonNode stderr = message.path("stderr");
    JsonNode order = message.path("order");
    if (!stdout.isBinary() || !stderr.isBinary()) {
      throw new RpcProtocolException("malformed output: binary stdout and stderr expected");
    }
    try {
      OutputBatch batch = new OutputBatch(stdout.binaryValue(), stderr.binaryValue(), runs(order));
      batch.checkOrder();
      return batch;
    } catch (IOException e) {
      throw new RpcProtocolException("unreadable output", e);
    }
  }

  private static int[] runs(JsonNode order) {
    if (order.isMissingNode()) {
      return new int[0];
    }
    if (!order.isArray()) {
      throw new RpcProtocolException("malformed output: order must be an array of [fd, length]");
    }
    int[] runs = new int[order.size() * 2];
    for (int i = 0; i < order.size(); i++) {
      JsonNode run = order.get(i);
      if (!run.isArray() || run.size() != 2 || !run.get(0).isInt() || !run.get(1).isInt()
          || (run.get(0).intValue() != 1 && run.get(0).intValue() != 2) || run.get(1).intValue() <= 0) {
        throw new RpcProtocolException("malformed output: order must be an array of [fd, length], fd 1 or 2");
      }
      runs[2 * i] = run.get(0).intValue();
      runs[2 * i + 1] = run.get(1).intValue();
    }
    return runs;
  }

  private void checkOrder() {
    if (order.length == 0) {
      return;
    }
    long[] total = new long[3];
    for (int i = 0; i < order.length; i += 2) {
      total[order[i]] += order[i + 1];
    }
    if (total[1] != stdout.length || total[2] != stderr.length) {
      throw new RpcProtocolException("malformed output: order does not cover stdout and stderr");
    }
  }

  /** Passes the bytes on, in the order they were written. */
  void deliverTo(PythonOutput output) throws IOException {
    if (order.length == 0) {
      if (stdout.length > 0) {
        output.stdout(stdout);
      }
      if (stderr.length > 0) {
        output.stderr(stderr);
      }
      return;
    }
    int[] at = new int[3];
    for (int i = 0; i < order.length; i += 2) {
      int fd = order[i];
      int length = order[i + 1];
      byte[] chunk = Arrays.copyOfRange(fd == 1 ? stdout : stderr, at[fd], at[fd] + length);
      at[fd] += length;
      if (fd == 1) {
        output.stdout(chunk);
      } else {
        output.stderr(chunk);
      }
    }
  }
}
