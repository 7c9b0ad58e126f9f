package io.mirage4j.tools;

import io.mirage4j.fs.PathNames;
import io.mirage4j.workspace.Session;

/** A path argument made absolute against the session's working directory. */
final class Paths {
  private Paths() {}

  static String resolve(Session session, String path) {
    if (path.isEmpty()) {
      throw new ToolArgumentException("path must not be empty");
    }
    if (path.indexOf('\0') >= 0) {
      throw new ToolArgumentException("path must not contain a NUL character");
    }
    return PathNames.resolve(session.cwd(), path);
  }
}
