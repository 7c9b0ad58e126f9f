package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/** The Node sidecar did not become ready: it exited, timed out, or spoke another protocol. */
public class SidecarStartException extends MirageException {
  private static final long serialVersionUID = 1L;

  public SidecarStartException(String message) {
    super(message);
  }

  public SidecarStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
