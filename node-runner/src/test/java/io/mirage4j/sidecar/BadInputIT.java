package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.Resources;
import io.mirage4j.python.ArgumentSize;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** python3 given hostile input through a real sidecar: a clear error or the right answer, then business as usual. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BadInputIT {
  private static Workspace ws;

  @BeforeAll
  static void start() {
    InMemoryResource fullDisk = Resources.inMemory();
    fullDisk.write("/f.txt", "old content".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", Resources.inMemory()).mount("/full", new FullDisk(fullDisk)).build();
  }

  /** A disk with no room left: every write and append is refused with ENOSPC. */
  private record FullDisk(Resource files) implements Resource {
    @Override
    public FileStat stat(String path) {
      return files.stat(path);
    }

    @Override
    public List<FileStat> list(String path) {
      return files.list(path);
    }

    @Override
    public byte[] read(String path) {
      return files.read(path);
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
      files.mkdir(path);
    }

    @Override
    public void delete(String path) {
      files.delete(path);
    }

    @Override
    public void rename(String from, String to) {
      files.rename(from, to);
    }
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @AfterEach
  void theWorkspaceStillAnswers() {
    ExecResult r = ws.execute("python3 -c 'print(1)'");
    assertThat(r.stdoutText()).isEqualTo("1\n");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  private static ExecResult withStdin(String line, byte[] stdin) {
    return ws.execute(line, ExecOptions.defaults().withStdin(stdin));
  }

  private static void assertResult(ExecResult r, String stdout, String stderr, int exitCode) {
    assertThat(r.stderrText()).isEqualTo(stderr);
    assertThat(r.stdoutText()).isEqualTo(stdout);
    assertThat(r.exitCode()).isEqualTo(exitCode);
  }

  @Test
  void aNulInTheCodeIsCPythonsSyntaxError() {
    assertResult(ws.execute("python3 -c $'print(1)\\0print(2)'"), "",
        "SyntaxError: source code string cannot contain null bytes\n", 1);
  }

  @Test
  void aNulInAProgramOnStdinIsASyntaxError() {
    // CPython's tokenizer says "source code cannot contain null bytes" with a File line; compile() omits "string".
    ExecResult r = withStdin("python3", "print(1)\0".getBytes(StandardCharsets.UTF_8));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdoutText()).isEmpty();
    assertThat(r.stderrText()).startsWith("SyntaxError: source code").endsWith(" cannot contain null bytes\n");
  }

  @Test
  void aLoneSurrogateInTheCodeCannotBeEncoded() {
    assertResult(ws.execute("C=\"print('\ud800')\"; python3 -c \"$C\""), "",
        "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 7: surrogates not allowed\n", 1);
  }

  @Test
  void argvCarriesNulsAndLoneSurrogatesVerbatim() {
    assertResult(ws.execute("A=x\ud800y; python3 -c 'import sys; print(ascii(sys.argv))' \"$A\" $'a\\0b'"),
        "['-c', 'x\\ud800y', 'a\\x00b']\n", "", 0);
  }

  @Test
  void theEnvironmentArrivesAsExecveWouldPassIt() {
    ExecOptions env = ExecOptions.defaults().withEnv("NUL", "before\0after").withEnv("LONE", "x\ud800y\udc80z");
    assertResult(ws.execute("python3 -c 'import os; print(ascii(os.environ[\"NUL\"]), ascii(os.environ[\"LONE\"]))'", env),
        "'before' 'x?y?z'\n", "", 0);
  }

  @Test
  void invalidUtf8OnStdinFailsToDecodeAsStrictUtf8Does() {
    byte[] bad = {(byte) 0xff, 'a', (byte) 0xc3};
    assertResult(withStdin("python3 -c 'import sys; sys.stdin.read()'", bad), "",
        "Traceback (most recent call last):\n"
            + "  File \"<string>\", line 1, in <module>\n"
            + "    import sys; sys.stdin.read()\n"
            + "                ~~~~~~~~~~~~~~^^\n"
            + "  File \"<frozen codecs>\", line 325, in decode\n"
            + "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\n", 1);
    assertResult(withStdin("python3 -c 'import sys; print(sys.stdin.buffer.read())'", bad), "b'\\xffa\\xc3'\n", "", 0);
  }

  @Test
  void aProgramOnStdinThatIsNotUtf8IsASyntaxError() {
    ExecResult r = withStdin("python3", new byte[] {(byte) 0xff, 'a', (byte) 0xc3});
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdoutText()).isEmpty();
    assertThat(r.stderrText()).isEqualTo("SyntaxError: Non-UTF-8 code starting with '\\xff' in file <stdin> on line 1, but no"
        + " encoding declared; see https://peps.python.org/pep-0263/ for details\n");
  }

  @Test
  void argumentsPastArgMaxAreRefusedBeforeAnythingIsSent() {
    String big = "#" + "x".repeat(ArgumentSize.MAX_BYTES);
    assertResult(ws.execute("python3 -c \"$BIG\"", ExecOptions.defaults().withEnv("BIG", big)), "",
        "python3: Argument list too long\n", 126);
    assertResult(ws.execute("B=" + big + "; python3 -c pass \"$B\""), "", "python3: Argument list too long\n", 126);
  }

  @Test
  void argumentsJustUnderArgMaxRunEvenWhenEveryByteNeedsEscaping() {
    String controls = "\u0001".repeat(ArgumentSize.MAX_BYTES - 100);
    assertResult(ws.execute("python3 -c 'import sys; print(len(sys.argv[1]))' \"$C\"",
        ExecOptions.defaults().withEnv("C", controls).withEnv("UNUSED", "")), "", "python3: Argument list too long\n", 126);
    assertResult(ws.execute("C=" + controls + "; python3 -c 'import sys; print(len(sys.argv[1]))' \"$C\""),
        (ArgumentSize.MAX_BYTES - 100) + "\n", "", 0);
  }

  @Test
  void a100MegabyteStdinArrivesWhole() {
    byte[] stdin = new byte[100 << 20];
    for (int i = 0; i < stdin.length; i++) {
      stdin[i] = (byte) i;
    }
    ExecResult r = withStdin("python3 -c 'import sys, hashlib; d = sys.stdin.buffer.read(); print(len(d), d[:3], d[-1])'", stdin);
    assertResult(r, (100 << 20) + " b'\\x00\\x01\\x02' 255\n", "", 0);
  }

  @Test
  void a100MegabyteCommandLineIsRefusedWhole() {
    assertResult(ws.execute("python3 -c 'print(2)' " + "x".repeat(100 << 20)), "",
        "mirage: command line too long: " + ((100 << 20) + 22) + " characters (the limit is 16777216)\n", 2);
  }

  @Test
  void deeplyNestedShellSyntaxAroundPython() {
    int n = 100_000;
    // "( ( ": nested subshells; "((" would open an arithmetic command, as in bash.
    assertResult(ws.execute("( ".repeat(n) + "python3 -c 'print(3)'" + " )".repeat(n)), "",
        "mirage: syntax error: nesting deeper than 200 levels\n", 2);
    assertResult(ws.execute("echo " + "$(".repeat(n) + "python3 -c 'print(3)'" + ")".repeat(n)), "",
        "mirage: syntax error: nesting deeper than 200 levels\n", 2);
  }

  @Test
  void aFullDiskIsErrno51InPythonAndKeepsTheOldContent() {
    ExecResult r = ws.execute("python3 -c 'f = open(\"/full/f.txt\", \"w\"); f.write(\"new\"); f.close()'");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).endsWith("OSError: [Errno 51] No space left on device: '/full/f.txt'\n");
    assertResult(ws.execute("python3 -c '\n"
            + "try:\n"
            + "    with open(\"/full/f.txt\", \"a\") as f:\n"
            + "        f.write(\"more\")\n"
            + "except OSError as e:\n"
            + "    print(type(e).__name__, e.errno, e.strerror)\n"
            + "print(open(\"/full/f.txt\").read())'"),
        "OSError 51 No space left on device\nold content\n", "", 0);
  }

  @Test
  void aFullDiskIsReportedByTheShell() {
    assertResult(ws.execute("echo new > /full/f.txt"), "", "mirage: /full/f.txt: No space left on device\n", 1);
    assertResult(ws.execute("cat /full/f.txt"), "old content", "", 0);
  }
}
