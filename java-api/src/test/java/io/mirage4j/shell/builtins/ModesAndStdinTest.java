package io.mirage4j.shell.builtins;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File modes (chmod, test -x, ls -l) and standard input shared between the commands of a line. */
class ModesAndStdinTest extends BuiltinTestSupport {
  @TempDir Path temp;

  @Test
  void inMemoryFilesAre0644AndDirectories0755UntilChmod() {
    file("/f", "x");
    data.mkdir("/d");
    assertThat(data.permissions("/f")).isEqualTo(0644);
    assertThat(data.permissions("/d")).isEqualTo(0755);
    expect("chmod 700 f; chmod g+w d", "");
    assertThat(data.permissions("/f")).isEqualTo(0700);
    assertThat(data.permissions("/d")).isEqualTo(0775);
  }

  @Test
  void modeFollowsARenameAndDiesWithTheFile() {
    file("/f", "x");
    expect("chmod 755 f; mv f g; [ -x g ] && echo x; rm g; touch g; [ -x g ] || echo plain", "x\nplain\n");
  }

  @Test
  void testXIsFalseFor0644HostFileAndTrueAfterChmod() throws Exception {
    Path root = Files.createDirectories(temp.resolve("host"));
    Path script = Files.writeString(root.resolve("run.sh"), "echo hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    try (Workspace host = Workspace.builder().mount("/h", Resources.localDir(root)).build()) {
      assertThat(host.execute("[ -x /h/run.sh ] && echo yes || echo no").stdoutText()).isEqualTo("no\n");
      assertThat(host.execute("chmod u+x /h/run.sh; [ -x /h/run.sh ] && echo yes").stdoutText()).isEqualTo("yes\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr--r--");
      assertThat(host.execute("ls -l /h/run.sh").stdoutText()).startsWith("-rwxr--r-- 1 user user ");
    }
  }

  @Test
  void chmodOnReadOnlyMountIsRefused() {
    expect("chmod +x /ro/notes.txt", "", "chmod: changing permissions of '/ro/notes.txt': Read-only file system\n", 1);
  }

  @Test
  void symbolicModesAsGnuApplyThem() {
    assertThat(Chmod.apply("+x", 0644, false)).isEqualTo(0755);
    assertThat(Chmod.apply("a+X", 0644, false)).isEqualTo(0644);
    assertThat(Chmod.apply("a+X", 0744, false)).isEqualTo(0755);
    assertThat(Chmod.apply("u=rw,go=", 0777, false)).isEqualTo(0600);
    assertThat(Chmod.apply("g=u", 0640, false)).isEqualTo(0660);
    assertThat(Chmod.apply("o+t", 0755, true)).isEqualTo(01755);
    assertThat(Chmod.symbolic(01755)).isEqualTo("rwxr-xr-t");
    assertThat(Chmod.valid("u+q")).isFalse();
  }

  @Test
  void headGivesBackToAFileRedirectButNotToAPipe() {
    file("/a.txt", "one\ntwo\n");
    expect("{ head -n 1; cat; } < a.txt", "one\ntwo\n");
    expect("cat a.txt | { head -n 1; cat; }", "one\n");
  }

  @Test
  void readTakesOneLineAndLeavesTheRest() {
    file("/a.txt", "one\ntwo\nthree\n");
    expect("{ read -r x; cat; } < a.txt", "two\nthree\n");
  }

  @Test
  void runtimeWithoutLazyStdinGetsTheWholeStreamAfterTheBytesGiven() {
    PythonRuntime echo = new PythonRuntime() {
      @Override
      public PythonResult run(PythonRun run) {
        return new PythonResult(0, run.stdin(), new byte[0]);
      }

      @Override
      public String version() {
        return "3.13.2";
      }

      @Override
      public void close() {}
    };
    PythonRun run = PythonRun.command("pass", "/", Map.of()).withStdin("ab".getBytes(UTF_8));
    PythonResult r = echo.run(run, new ByteArrayInputStream("cd".getBytes(UTF_8)));
    assertThat(new String(r.stdout(), UTF_8)).isEqualTo("abcd");
  }
}
