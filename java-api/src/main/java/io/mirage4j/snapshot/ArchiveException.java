package io.mirage4j.snapshot;

import java.io.IOException;

/**
 * An archive that cannot be restored: not a workspace archive, another format version, a part of
 * a kind this version does not know, a checksum that does not match, a missing entry, or an
 * archive cut short. Nothing was restored.
 *
 * <pre>{@code
 * try {
 *   Workspace.restore(in, RestoreOptions.defaults());
 * } catch (ArchiveException e) {
 *   System.err.println(e.getMessage()); // "workspace archive truncated: ..."
 * }
 * }</pre>
 */
public class ArchiveException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArchiveException(String message) {
    super(message);
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
