package io.mirage4j.sidecar;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Path;

/**
 * A program that commits about 64 MB into the database {@code x.db} of the host directory
 * args[0], for a test to kill while the database is written back.
 */
public final class SqliteWriteBackMain {
  private SqliteWriteBackMain() {}

  public static void main(String[] args) {
    Workspace ws = Workspace.builder().mount("/data", Resources.localDir(Path.of(args[0]))).build();
    System.out.println(ws.execute(SqliteMountIT.python(String.join("\n",
        "import sqlite3",
        "c = sqlite3.connect('/data/x.db')",
        "c.executemany('insert into t values (?)', (((str(i) * (1 << 20))[:1 << 20],) for i in range(64)))",
        "c.commit()",
        ""))));
  }
}
