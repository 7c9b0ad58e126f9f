package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races on a host-directory mount, driven from Python through real sidecars. The mount holds two
 * directories, each with a link {@code lnk}: in {@code slot} it leads to {@code inner} (inside the
 * mount), in {@code b} to a directory outside; and a file {@code file} beside a link {@code
 * file-link} to an outside file. Python swaps the two directories by {@code os.rename} and tries to
 * rename the link over the file, for a few seconds, while another pipeline stage, or another
 * workspace on the same directory, reads and writes {@code /host/slot/lnk/…} and {@code /host/file}. Nothing may read the outside secret or change the outside
 * directory, no temporary file may be left anywhere, and the workspace answers the next call.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxHostDirIT {
  private static final String SECRET = "outside secret";

  /**
   * For SECONDS (argv[1]): swaps /host/slot and /host/b by rename, and replaces the file /host/file
   * at once by the link /host/file-link to an outside file, then writes it again; then writes
   * "ROUNDS REFUSED" to /ram/done, REFUSED counting the link renames refused.
   */
  private static final String SWAP = String.join("\n",
      "import os, sys, time",
      "end = time.time() + float(sys.argv[1])",
      "rounds = refused = 0",
      "try:",
      "    while time.time() < end:",
      "        os.rename('/host/slot', '/host/parked')",
      "        os.rename('/host/b', '/host/slot')",
      "        os.rename('/host/slot', '/host/b')",
      "        os.rename('/host/parked', '/host/slot')",
      "        try:",
      "            os.rename('/host/file-link', '/host/file')",
      "            os.rename('/host/file', '/host/file-link')",
      "        except PermissionError as e:",
      "            refused += str(e) == \"[Errno 2] Permission denied: '/host/file-link' -> '/host/file'\"",
      "        with open('/host/file', 'w') as f:",
      "            f.write('inside\\n')",
      "        rounds += 1",
      "finally:",
      "    open('/ram/done', 'w').write(f'{rounds} {refused}')",
      "");

  /** Reads and writes through /host/slot/lnk until /ram/done appears, counting outside reads. */
  private static final String READ_WRITE = String.join("\n",
      "import os",
      "outside = reads = 0",
      "while not os.path.exists('/ram/done'):",
      "    try:",
      "        with open('/host/slot/lnk/f.txt') as f:",
      "            data = f.read()",
      "        reads += 1",
      "        outside += 'outside' in data",
      "        with open('/host/file') as f:",
      "            outside += 'outside' in f.read()",
      "    except OSError:",
      "        pass",
      "    try:",
      "        with open('/host/slot/lnk/py-w.txt', 'w') as f:",
      "            f.write('planted')",
      "        os.mkdir('/host/slot/lnk/py-d')",
      "        os.rmdir('/host/slot/lnk/py-d')",
      "    except OSError:",
      "        pass",
      "print('outside reads:', outside, 'reads:', reads > 0)",
      "");

  @TempDir Path temp;
  private Path host;
  private Path outside;
  private Map<String, String> outsideBefore;
  private InMemoryResource ram;
  private Workspace ws;

  @BeforeEach
  void tree() throws IOException {
    host = Files.createDirectories(temp.resolve("host"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("f.txt"), SECRET + "\n");
    Files.createDirectories(host.resolve("inner"));
    Files.writeString(host.resolve("inner/f.txt"), "inside\n");
    Files.createDirectories(host.resolve("slot"));
    Files.createSymbolicLink(host.resolve("slot/lnk"), Path.of("../inner"));
    Files.createDirectories(host.resolve("b"));
    Files.createSymbolicLink(host.resolve("b/lnk"), outside);
    Files.writeString(outside.resolve("secret-file.txt"), SECRET + "\n");
    Files.writeString(host.resolve("file"), "inside\n");
    Files.createSymbolicLink(host.resolve("file-link"), outside.resolve("secret-file.txt"));
    outsideBefore = snapshot(outside);
    ram = Resources.inMemory();
    ram.write("/swap.py", SWAP.getBytes(UTF_8));
    ram.write("/readwrite.py", READ_WRITE.getBytes(UTF_8));
    ws = Workspace.builder().mount("/host", Resources.localDir(host)).mount("/ram", ram).build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void renamingFromPythonWhileAnotherStageReadsAndWritesNeverReachesOutside() {
    ExecResult race = ws.execute("python3 /ram/swap.py 3 | until [ -e /ram/done ]; do "
        + "cat /host/slot/lnk/f.txt /host/file; echo planted > /host/slot/lnk/w.txt; echo more >> /host/slot/lnk/a.txt; "
        + "echo planted > /host/file; mkdir /host/slot/lnk/d; rmdir /host/slot/lnk/d; done");

    assertThat(race.stdoutText()).as("what the reading stage printed").contains("inside").doesNotContain(SECRET);
    assertNothingOutsideChangedAndNoDebris();
    assertEveryLinkRenameWasRefused();
    assertTheWorkspaceAnswers(ws);
  }

  @Test
  void renamingInOneWorkspaceWhileAnotherReadsAndWritesTheSameDirectoryNeverReachesOutside() {
    try (Workspace other = Workspace.builder().mount("/host", Resources.localDir(host)).mount("/ram", ram).build()) {
      assertTheWorkspaceAnswers(other);
      CompletableFuture<ExecResult> readers = CompletableFuture.supplyAsync(() -> other.execute("python3 /ram/readwrite.py"));
      ExecResult swap = ws.execute("python3 /ram/swap.py 3");

      assertThat(swap).isEqualTo(new ExecResult(new byte[0], new byte[0], 0));
      assertThat(readers.join().stdoutText()).isEqualTo("outside reads: 0 reads: True\n");
      assertNothingOutsideChangedAndNoDebris();
      assertEveryLinkRenameWasRefused();
      assertTheWorkspaceAnswers(other);
    }
    assertTheWorkspaceAnswers(ws);
  }

  @Test
  void pythonCannotRenameALinkThatLeadsOutside() {
    ExecResult moved = ws.execute("python3 -c \"import os; os.rename('/host/b/lnk', '/host/stolen')\"");

    assertThat(moved.exitCode()).isEqualTo(1);
    List<String> lines = moved.stderrText().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("PermissionError: [Errno 2] Permission denied: '/host/b/lnk' -> '/host/stolen'");
    assertThat(host.resolve("b/lnk")).isSymbolicLink();
    assertThat(host.resolve("stolen")).doesNotExist();
    assertTheWorkspaceAnswers(ws);
  }

  /** Many rounds ran, and in each the rename of the link to an outside file was refused. */
  private void assertEveryLinkRenameWasRefused() {
    String[] done = new String(ram.read("/done"), UTF_8).split(" ");
    assertThat(Integer.parseInt(done[0])).as("rounds").isGreaterThan(10);
    assertThat(done[1]).as("link renames refused").isEqualTo(done[0]);
    assertThat(host.resolve("file-link")).isSymbolicLink();
  }

  private void assertNothingOutsideChangedAndNoDebris() {
    assertThat(snapshot(outside)).as("the outside directory").isEqualTo(outsideBefore);
    try (Stream<Path> all = Files.walk(temp)) {
      assertThat(all.filter(p -> p.getFileName().toString().startsWith(".mirage4j-tmp-")).toList())
          .as("temporary files left anywhere").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertTheWorkspaceAnswers(Workspace w) {
    assertThat(w.execute("python3 -c 'print(open(\"/host/inner/f.txt\").read(), end=\"\")'"))
        .isEqualTo(new ExecResult("inside\n".getBytes(UTF_8), new byte[0], 0));
    assertThat(w.execute("cat /host/slot/lnk/f.txt").stdoutText()).isEqualTo("inside\n");
  }

  /** Every entry below {@code dir} with its content (files), "dir" or its link target. */
  private static Map<String, String> snapshot(Path dir) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String value = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.readString(p);
        entries.put(dir.relativize(p).toString(), value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
