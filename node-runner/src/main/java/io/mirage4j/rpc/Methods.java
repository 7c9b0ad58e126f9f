package io.mirage4j.rpc;

/**
 * The method names of the sidecar protocol ({@code js-shim/PROTOCOL.md}); {@code
 * test-fixtures/protocol/methods.json} is the shared list.
 */
public final class Methods {
  private Methods() {}

  public static final String READY = "$/ready";
  public static final String CANCEL_REQUEST = "$/cancelRequest";
  public static final String PYTHON_RUN = "python/run";
  public static final String SHUTDOWN = "shutdown";
}
