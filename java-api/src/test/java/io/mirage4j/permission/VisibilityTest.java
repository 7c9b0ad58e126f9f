package io.mirage4j.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mounts a session may not see, hidden paths and hidden variables behave as missing. */
class VisibilityTest {
  private final Resource data = Resources.inMemory();
  private final Resource secrets = Resources.inMemory();
  private final Resource inner = Resources.inMemory();
  private Workspace ws;
  private Session s;

  @BeforeEach
  void files() {
    data.write("/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    data.mkdir("/private");
    data.write("/private/key", "k\n".getBytes(StandardCharsets.UTF_8));
    data.write("/token.txt", "t\n".getBytes(StandardCharsets.UTF_8));
    secrets.write("/s.txt", "secret\n".getBytes(StandardCharsets.UTF_8));
    inner.write("/i.txt", "inner\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder()
        .mount("/data", data, Mode.WRITE)
        .mount("/secrets", secrets)
        .mount("/data/inner", inner)
        .env("API_KEY", "sk-123")
        .env("LANG", "C.UTF-8")
        .pythonRuntime(files -> new ListingRuntime())
        .build();
    s = ws.newSession(PermissionProfile.builder()
        .mount("/data")
        .hidePath("/data/private")
        .hidePath("/data/token.txt")
        .hideEnv("API_KEY")
        .build());
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private static void assertMissing(ExecResult r, String stderr, int status) {
    assertThat(r.stderrText()).isEqualTo(stderr);
    assertThat(r.exitCode()).isEqualTo(status);
  }

  @Test
  void anUnseenMountIsNotListed() {
    assertThat(s.execute("ls /").stdoutText()).isEqualTo("data\n");
    assertThat(s.execute("ls /data").stdoutText()).isEqualTo("a.txt\n");
    assertThat(ws.execute("ls /").stdoutText()).isEqualTo("data\nsecrets\n");
  }

  @Test
  void anUnseenMountIsMissingForCatCdRedirectionsAndTests() {
    assertMissing(s.execute("cat /secrets/s.txt"), "cat: /secrets/s.txt: No such file or directory\n", 1);
    assertMissing(s.execute("cd /secrets"), "cd: /secrets: No such file or directory\n", 1);
    assertMissing(s.execute("cat < /secrets/s.txt"), "mirage: /secrets/s.txt: No such file or directory\n", 1);
    assertThat(s.execute("test -e /secrets && echo yes || echo no").stdoutText()).isEqualTo("no\n");
    assertThat(s.execute("echo x > /secrets/new").exitCode()).isEqualTo(1);
    assertThat(secrets.list("/")).extracting(FileStat::name).containsExactly("s.txt");
    assertThat(s.execute("ls /data/inner").exitCode()).isNotZero();
  }

  @Test
  void globsFindAndDuSeeOnlyWhatIsVisible() {
    assertThat(s.execute("echo /*").stdoutText()).isEqualTo("/data\n");
    assertThat(s.execute("echo /data/*").stdoutText()).isEqualTo("/data/a.txt\n");
    assertThat(s.execute("echo /secrets/*").stdoutText()).isEqualTo("/secrets/*\n");
    assertThat(s.execute("find /").stdoutText()).isEqualTo("/\n/data\n/data/a.txt\n");
  }

  @Test
  void aHiddenPathIsMissingAndCannotBeReplaced() {
    assertMissing(s.execute("cat /data/token.txt"), "cat: /data/token.txt: No such file or directory\n", 1);
    assertMissing(s.execute("ls /data/private"),
        "ls: cannot access '/data/private': No such file or directory\n", 2);
    assertThat(s.execute("cat /data/private/key").exitCode()).isEqualTo(1);
    assertThat(s.execute("echo new > /data/token.txt").exitCode()).isEqualTo(1);
    assertThat(s.execute("mv /data/a.txt /data/token.txt").exitCode()).isEqualTo(1);
    assertThat(s.execute("mkdir /data/private").exitCode()).isEqualTo(1);
    assertThat(new String(data.read("/token.txt"), StandardCharsets.UTF_8)).isEqualTo("t\n");
    assertThat(new String(data.read("/a.txt"), StandardCharsets.UTF_8)).isEqualTo("alpha\n");
  }

  @Test
  void hiddenVariablesAreNotInTheEnvironment() {
    ExecResult r = s.execute("echo \"[$API_KEY]\"; env | grep -c API_KEY; printenv API_KEY; echo $?; echo $LANG");
    assertThat(r.stdoutText()).isEqualTo("[]\n0\n1\nC.UTF-8\n");
    assertThat(s.env()).doesNotContainKey("API_KEY");
    ExecResult override = s.execute("echo \"[$API_KEY]\"", ExecOptions.defaults().withEnv("API_KEY", "x"));
    assertThat(override.stdoutText()).isEqualTo("[]\n");
    assertThat(ws.execute("echo $API_KEY").stdoutText()).isEqualTo("sk-123\n");
  }

  @Test
  void pythonRunsOverTheSessionsViewWithoutHiddenVariables() {
    ExecResult r = s.execute("python3 -c pass");
    assertThat(r.stdoutText()).isEqualTo("mounts: /data\n/: data\n/data: a.txt\nenv: LANG\n");
    ExecResult free = ws.execute("python3 -c pass");
    assertThat(free.stdoutText()).isEqualTo("own files\n");
  }

  @Test
  void aRuntimeThatCannotRunOverAViewRefusesInsteadOfShowingEverything() {
    PythonRuntime plain = new PythonRuntime() {
      @Override
      public PythonResult run(PythonRun run) {
        return new PythonResult(0, "saw everything\n".getBytes(StandardCharsets.UTF_8), new byte[0]);
      }

      @Override
      public String version() {
        return "3.14.2";
      }

      @Override
      public void close() {}
    };
    try (Workspace w = Workspace.builder().mount("/data", data).pythonRuntime(files -> plain).build()) {
      ExecResult r = w.newSession(PermissionProfile.builder().hideEnv("X").build()).execute("python3 -c pass");
      assertThat(r.stdoutText()).isEmpty();
      assertThat(r.stderrText()).isEqualTo("python3: this Python runtime cannot run over a session's own view of the"
          + " mounts, which a permission profile or an audit sink needs\n");
      assertThat(r.exitCode()).isEqualTo(127);
      assertThat(w.execute("python3 -c pass").stdoutText()).isEqualTo("saw everything\n");
    }
  }

  @Test
  void aModeCapMakesAMountReadOnlyForTheSession() {
    Session reader = ws.newSession(PermissionProfile.builder().mount("/data", Mode.READ).build());
    assertThat(reader.execute("cat /data/a.txt").stdoutText()).isEqualTo("alpha\n");
    assertThat(reader.execute("echo x > /data/b.txt").stderrText()).contains("Read-only file system");
    assertThat(ws.execute("echo x > /data/b.txt").exitCode()).isZero();
  }

  @Test
  void aProfileNamingAMissingMountIsRefusedAtOnce() {
    assertThatThrownBy(() -> ws.newSession(PermissionProfile.builder().mount("/dta").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permission profile 'default': no mount at /dta");
  }

  @Test
  void aWorkspaceProfileNamingAMissingMountFailsTheBuild() {
    assertThatThrownBy(() -> Workspace.builder().mount("/data", data)
        .profile(PermissionProfile.builder().name("agent").mount("/secrets").build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permission profile 'agent': no mount at /secrets");
  }

  @Test
  void theSessionStartsAtTheRootWhenTheWorkspacesDirectoryIsNotVisible() {
    try (Workspace w = Workspace.builder().mount("/secrets", secrets).mount("/data", data).build()) {
      Session only = w.newSession(PermissionProfile.builder().mount("/data").build());
      assertThat(only.cwd()).isEqualTo("/");
    }
  }

  /** A runtime that reports what its view shows instead of running Python. */
  private static final class ListingRuntime implements PythonRuntime {
    @Override
    public PythonResult run(PythonRun run) {
      return new PythonResult(0, "own files\n".getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Override
    public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs files)
        throws java.io.IOException {
      String text = "mounts: " + files.mounts().mounts().stream().map(m -> m.prefix()).collect(Collectors.joining(" "))
          + "\n/: " + files.list("/").stream().map(FileStat::name).collect(Collectors.joining(" "))
          + "\n/data: " + files.list("/data").stream().map(FileStat::name).collect(Collectors.joining(" "))
          + "\nenv: " + String.join(" ", new java.util.TreeSet<>(run.env().keySet())) + "\n";
      output.stdout(text.getBytes(StandardCharsets.UTF_8));
      return new PythonResult(0, new byte[0], new byte[0]);
    }

    @Override
    public String version() {
      return "3.14.2";
    }

    @Override
    public void close() {}
  }
}
