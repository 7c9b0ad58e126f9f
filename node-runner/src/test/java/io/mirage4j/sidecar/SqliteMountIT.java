package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlite3 databases on mounts, through a real sidecar: a database a call commits reaches the
 * mount whole (what Java holds is an SQLite file), the next call reads it, a read-only mount
 * refuses writes with SQLite's own message, only committed rows reach Java, and a write-back cut
 * short by a crash leaves the old database whole on a host directory.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SqliteMountIT {
  private static final byte[] HEADER = "SQLite format 3\0".getBytes(ISO_8859_1);

  /** Creates /data/x.db with one table and the rows argv[1:], committed. */
  private static final String CREATE = String.join("\n",
      "import sqlite3, sys",
      "c = sqlite3.connect('/data/x.db')",
      "c.execute('create table t(a text)')",
      "c.executemany('insert into t values (?)', [(v,) for v in sys.argv[1:]])",
      "c.commit()",
      "");

  private static final String SELECT = String.join("\n",
      "import sqlite3",
      "print([r[0] for r in sqlite3.connect('/data/x.db').execute('select a from t order by rowid')])",
      "");

  @TempDir Path temp;

  @Test
  void aDatabaseCommittedOnAnInMemoryMountIsAnSqliteFileThereAndTheNextCallReadsIt() {
    InMemoryResource ram = Resources.inMemory();
    try (Workspace ws = workspace("/data", ram)) {
      assertThat(ws.execute(python(CREATE) + " apple pear")).isEqualTo(ok(""));

      assertThat(ram.read("/x.db")).startsWith(HEADER);
      assertThat(new String(ram.read("/x.db"), ISO_8859_1)).contains("apple").contains("pear");
      assertThat(ws.execute(python(SELECT))).isEqualTo(ok("['apple', 'pear']\n"));
      assertThat(ram.list("/").stream().map(stat -> stat.name())).containsExactly("x.db");
    }
  }

  @Test
  void aDatabaseCommittedOnAHostDirectoryIsAnSqliteFileThereAndTheNextCallReadsIt() throws IOException {
    try (Workspace ws = workspace("/data", Resources.localDir(temp))) {
      assertThat(ws.execute(python(CREATE) + " apple pear")).isEqualTo(ok(""));

      assertThat(Files.readAllBytes(temp.resolve("x.db"))).startsWith(HEADER);
      assertThat(ws.execute(python(SELECT))).isEqualTo(ok("['apple', 'pear']\n"));
      try (Stream<Path> files = Files.list(temp)) {
        assertThat(files.map(path -> path.getFileName().toString())).as("no journal, no temporary file")
            .containsExactly("x.db");
      }
    }
  }

  @Test
  void aReadOnlyMountRefusesWritesWithSqlitesMessageAndKeepsTheDatabase() {
    InMemoryResource ram = Resources.inMemory();
    try (Workspace writer = workspace("/data", ram)) {
      assertThat(writer.execute(python(CREATE) + " apple")).isEqualTo(ok(""));
    }
    byte[] before = ram.read("/x.db");
    try (Workspace ws = Workspace.builder().mount("/data", ram, Mode.READ).build()) {
      ExecResult refused = ws.execute(python(String.join("\n",
          "import sqlite3",
          "c = sqlite3.connect('/data/x.db')",
          "print(c.execute('select a from t').fetchall())",
          "with c:",
          "    c.execute(\"insert into t values ('pear')\")",
          "")));

      assertThat(refused.stdoutText()).isEqualTo("[('apple',)]\n");
      assertThat(refused.stderrText()).endsWith("\nsqlite3.OperationalError: attempt to write a readonly database\n");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(ram.read("/x.db")).isEqualTo(before);
      assertThat(ws.execute(python("import sqlite3\nsqlite3.connect('/data/new.db')")).stderrText())
          .endsWith("\nsqlite3.OperationalError: unable to open database file\n");
      assertThat(ram.list("/")).hasSize(1);
    }
  }

  @Test
  void aCommitReachesJavaWhileTheCallRunsAndWhatIsNeverCommittedNeverDoes() throws Exception {
    try (Workspace ws = workspace("/data", Resources.localDir(temp))) {
      assertThat(ws.execute(python(CREATE))).isEqualTo(ok(""));
      CompletableFuture<ExecResult> call = CompletableFuture.supplyAsync(() -> ws.execute(python(String.join("\n",
          "import os, sqlite3, time",
          "c = sqlite3.connect('/data/x.db')",
          "c.execute(\"insert into t values ('committed-row')\")",
          "c.commit()",
          "c.execute(\"insert into t values ('pending-row')\")",
          "open('/data/committed', 'w').close()",
          "while not os.path.exists('/data/go'):",
          "    time.sleep(0.01)",
          "c.execute(\"insert into t values ('never-committed')\")",
          "print('left open')",
          ""))));
      waitFor(() -> Files.exists(temp.resolve("committed")));

      String midCall = new String(Files.readAllBytes(temp.resolve("x.db")), ISO_8859_1);
      assertThat(midCall).contains("committed-row").doesNotContain("pending-row");
      Files.writeString(temp.resolve("go"), "");
      assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(ok("left open\n"));

      String after = new String(Files.readAllBytes(temp.resolve("x.db")), ISO_8859_1);
      assertThat(after).startsWith(new String(HEADER, ISO_8859_1)).doesNotContain("never-committed");
      assertThat(ws.execute(python(SELECT))).isEqualTo(ok("['committed-row']\n"));
    }
  }

  @Test
  void autocommitStatementsReachTheMountWhenTheConnectionCloses() {
    InMemoryResource ram = Resources.inMemory();
    try (Workspace ws = workspace("/data", ram)) {
      assertThat(ws.execute(python(CREATE))).isEqualTo(ok(""));
      ExecResult r = ws.execute(python(String.join("\n",
          "import sqlite3",
          "c = sqlite3.connect('/data/x.db', isolation_level=None)",
          "for i in range(1000):",
          "    c.execute('insert into t values (?)', (f'row{i}',))",
          "c.close()",
          "print(sqlite3.connect('/data/x.db').execute('select count(*) from t').fetchone()[0])",
          "")));

      assertThat(r).isEqualTo(ok("1000\n"));
      assertThat(new String(ram.read("/x.db"), ISO_8859_1)).contains("row999");
    }
  }

  @Test
  void aWriteBackTheMountRefusesFailsTheCommitAndKeepsTheOldDatabase() {
    InMemoryResource ram = Resources.inMemory();
    try (Workspace writer = workspace("/data", ram)) {
      assertThat(writer.execute(python(CREATE) + " apple")).isEqualTo(ok(""));
    }
    byte[] before = ram.read("/x.db");
    try (Workspace ws = workspace("/data", new FullOnWrite(ram))) {
      ExecResult refused = ws.execute(python(String.join("\n",
          "import sqlite3",
          "c = sqlite3.connect('/data/x.db')",
          "c.execute(\"insert into t values ('pear')\")",
          "try:",
          "    c.commit()",
          "except sqlite3.OperationalError as e:",
          "    print(e, e.sqlite_errorname)",
          "")));

      assertThat(refused).isEqualTo(ok("database or disk is full SQLITE_FULL\n"));
      assertThat(ram.read("/x.db")).isEqualTo(before);
      assertThat(ws.execute(python(SELECT))).isEqualTo(ok("['apple']\n"));
    }
  }

  /** A resource whose every write fails as on a full disk. */
  private record FullOnWrite(InMemoryResource inner) implements Resource {
    @Override
    public FileStat stat(String path) {
      return inner.stat(path);
    }

    @Override
    public List<FileStat> list(String path) {
      return inner.list(path);
    }

    @Override
    public byte[] read(String path) {
      return inner.read(path);
    }

    @Override
    public void write(String path, byte[] data) {
      throw new ResourceException(ResourceException.Reason.NO_SPACE, path);
    }

    @Override
    public void append(String path, byte[] data) {
      throw new ResourceException(ResourceException.Reason.NO_SPACE, path);
    }

    @Override
    public void mkdir(String path) {
      inner.mkdir(path);
    }

    @Override
    public void delete(String path) {
      inner.delete(path);
    }

    @Override
    public void rename(String from, String to) {
      inner.rename(from, to);
    }
  }

  /**
   * A call commits a database of about 64 MB on a host directory; the JVM running it is killed
   * while Java writes it back (its temporary file is there): the old database is left whole and
   * readable.
   */
  @Test
  void aWriteBackCutShortByACrashLeavesTheOldDatabaseWhole() throws Exception {
    try (Workspace ws = workspace("/data", Resources.localDir(temp))) {
      assertThat(ws.execute(python(CREATE) + " apple pear")).isEqualTo(ok(""));
    }
    byte[] before = Files.readAllBytes(temp.resolve("x.db"));
    Process jvm = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
            "-Dmirage4j.cache.dir=" + System.getProperty("mirage4j.cache.dir"),
            "-Dmirage4j.pool.size=0",
            "-cp", System.getProperty("java.class.path"),
            SqliteWriteBackMain.class.getName(), temp.toString())
        .redirectErrorStream(true)
        .redirectOutput(temp.resolveSibling(temp.getFileName() + "-child.log").toFile())
        .start();
    try {
      waitFor(() -> temporaryFileWithData(temp) || !jvm.isAlive());
      assertThat(jvm.isAlive()).as("the child JVM was still writing the database back").isTrue();
      jvm.destroyForcibly();
      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      jvm.destroyForcibly();
    }

    assertThat(Files.readAllBytes(temp.resolve("x.db"))).as("the old database, whole").isEqualTo(before);
    try (Workspace ws = workspace("/data", Resources.localDir(temp))) {
      assertThat(ws.execute(python(SELECT))).isEqualTo(ok("['apple', 'pear']\n"));
    }
  }

  private static boolean temporaryFileWithData(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(path -> path.getFileName().toString().startsWith(".mirage4j-tmp-") && path.toFile().length() > 0);
    } catch (IOException e) {
      return false;
    }
  }

  private static Workspace workspace(String prefix, Resource resource) {
    return Workspace.builder().mount(prefix, resource).build();
  }

  /** A python3 command line running {@code code}; arguments may follow. */
  static String python(String code) {
    return "python3 -c '" + code.replace("'", "'\\''") + "'";
  }

  private static ExecResult ok(String stdout) {
    return new ExecResult(stdout.getBytes(UTF_8), new byte[0], 0);
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 90 s").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
