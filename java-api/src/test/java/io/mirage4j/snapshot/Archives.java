package io.mirage4j.snapshot;

import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Snapshots to bytes and restores from them, for tests. */
final class Archives {
  private Archives() {}

  static byte[] of(Workspace ws) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ws.snapshot(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static RestoreResult restore(byte[] archive, HostDirectoryPolicy policy) throws IOException {
    return Workspace.restore(new ByteArrayInputStream(archive), RestoreOptions.defaults().withHostDirectories(policy));
  }

  static RestoreResult restore(byte[] archive) throws IOException {
    return restore(archive, HostDirectoryPolicy.STRICT);
  }
}
