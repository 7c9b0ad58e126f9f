package io.mirage4j.sidecar;

import io.mirage4j.MirageException;

/**
 * The Node sidecar went away while calls were pending. The next call starts a fresh one; the
 * failed call is never replayed, since it may already have changed files.
 */
public class SidecarCrashedException extends MirageException {
  private static final long serialVersionUID = 1L;

  public SidecarCrashedException(String message, Throwable cause) {
    super(message, cause);
  }
}
