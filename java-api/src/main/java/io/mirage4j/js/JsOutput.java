package io.mirage4j.js;

import java.io.IOException;

/**
 * Where a running program's output goes, as it is written, in order.
 *
 * <pre>{@code
 * JsOutput out = new JsOutput() {
 *   public void stdout(byte[] b) { System.out.write(b, 0, b.length); }
 *   public void stderr(byte[] b) { System.err.write(b, 0, b.length); }
 * };
 * }</pre>
 */
public interface JsOutput {
  /** Bytes the program wrote to standard output. */
  void stdout(byte[] bytes) throws IOException;

  /** Bytes the program wrote to standard error. */
  void stderr(byte[] bytes) throws IOException;
}
