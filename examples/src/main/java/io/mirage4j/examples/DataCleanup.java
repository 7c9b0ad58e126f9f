package io.mirage4j.examples;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Cleans the CSV files of a local directory with a Python script, without giving the script
 * anything but that directory.
 *
 * <p>The directory is mounted at {@code /data} with mode {@code write}: Python can read and write
 * its files, nothing else on the host, and cannot run scripts stored in it. The script itself
 * ({@code clean_csv.py}, shipped in this jar) sits in an in-memory {@code /tools} mount. Every
 * {@code foo.csv} gets a cleaned copy {@code clean/foo.csv}; the originals stay as they were.
 *
 * <pre>
 * ./examples/run DataCleanup test-fixtures/samples/contacts
 * </pre>
 */
public final class DataCleanup {
  private DataCleanup() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: DataCleanup DIR   (cleans DIR/*.csv into DIR/clean/)");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err));
  }

  /** Cleans {@code dir}'s CSV files; prints the script's report; returns its exit status. */
  public static int run(Path dir, PrintStream out, PrintStream err) {
    if (!Files.isDirectory(dir)) {
      err.println("not a directory: " + dir);
      return 2;
    }
    try (Workspace ws = Workspace.builder()
        .mount("/data", Resources.localDir(dir), Mode.WRITE)
        .mount("/tools", tools(), Mode.EXEC)
        .cwd("/data")
        .pythonTimeout(Duration.ofSeconds(60))
        .build()) {
      ExecResult result = ws.execute("python3 /tools/clean_csv.py");
      out.print(result.stdoutText());
      err.print(result.stderrText());
      return result.exitCode();
    }
  }

  private static InMemoryResource tools() {
    InMemoryResource tools = Resources.inMemory();
    try (InputStream script = DataCleanup.class.getResourceAsStream("clean_csv.py")) {
      tools.write("/clean_csv.py", script.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("clean_csv.py is missing from the jar", e);
    }
    return tools;
  }
}
