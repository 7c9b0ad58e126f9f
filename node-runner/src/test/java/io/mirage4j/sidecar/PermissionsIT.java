package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.InMemoryAuditSink;
import io.mirage4j.audit.JsonLinesAuditSink;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.permission.Approval;
import io.mirage4j.permission.CommandRule;
import io.mirage4j.permission.Decision;
import io.mirage4j.permission.Explanation;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A session's permission profile holds for Python in the real sidecar, and its file operations are audited. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PermissionsIT {
  private final InMemoryResource data = Resources.inMemory();
  private final InMemoryResource secrets = Resources.inMemory();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private Workspace ws;
  private Session agent;

  @BeforeEach
  void workspace() {
    data.write("/a.txt", "alpha\n".getBytes(UTF_8));
    data.mkdir("/private");
    data.write("/private/key", "k\n".getBytes(UTF_8));
    secrets.write("/s.txt", "secret\n".getBytes(UTF_8));
    ws = Workspace.builder()
        .mount("/data", data)
        .mount("/secrets", secrets)
        .env("API_KEY", "sk-123")
        .env("LANG", "C.UTF-8")
        .audit(audit)
        .build();
    agent = ws.newSession("agent", PermissionProfile.builder()
        .mount("/data")
        .hidePath("/data/private")
        .hideEnv("API_KEY")
        .deny("rm")
        .build());
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private static String py(String code) {
    return "python3 -c '" + code.replace("'", "'\\''") + "'";
  }

  @Test
  void anUnseenMountAHiddenPathAndAHiddenVariableAreMissingForPython() {
    ExecResult r = agent.execute(py(String.join("\n",
        "import os, errno",
        "root = os.listdir('/')",
        "print('data' in root, 'secrets' in root)",
        "print(os.path.exists('/secrets'), os.path.exists('/secrets/s.txt'))",
        "try:",
        "    open('/secrets/s.txt').read()",
        "except FileNotFoundError as e:",
        "    print(type(e).__name__, e.errno == errno.ENOENT, e.strerror)",
        "print(os.listdir('/data'))",
        "try:",
        "    open('/data/private/key')",
        "except FileNotFoundError as e:",
        "    print('private', type(e).__name__)",
        "print(os.environ.get('API_KEY'), os.environ.get('LANG'))")));
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("""
        True False
        False False
        FileNotFoundError True No such file or directory
        ['a.txt']
        private FileNotFoundError
        None C.UTF-8
        """);
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void theWorkspacesOwnSessionStillSeesEverythingBeforeAndAfter() {
    String code = py("import os; print(sorted(n for n in os.listdir('/') if n in ('data', 'secrets')),"
        + " os.environ.get('API_KEY'))");
    assertThat(ws.execute(code).stdoutText()).isEqualTo("['data', 'secrets'] sk-123\n");
    assertThat(agent.execute(code).stdoutText()).isEqualTo("['data'] None\n");
    assertThat(ws.execute(code).stdoutText()).isEqualTo("['data', 'secrets'] sk-123\n");
    assertThat(ws.execute(py("print(open('/secrets/s.txt').read(), end='')")).stdoutText()).isEqualTo("secret\n");
  }

  @Test
  void pythonsReadsAndWritesReachTheAuditWithTheirBytes() {
    ExecResult r = agent.execute(py("open('/data/out.txt', 'w').write('hello'); print(open('/data/a.txt').read(), end='')"));
    assertThat(r.stdoutText()).isEqualTo("alpha\n");
    assertThat(new String(data.read("/out.txt"), UTF_8)).isEqualTo("hello");
    assertThat(audit.events())
        .filteredOn(e -> e.kind() == AuditEvent.Kind.FILE && e.session().equals("agent"))
        .extracting(e -> e.action() + " " + e.paths() + " " + e.bytes())
        .contains("write [/data/out.txt] 5", "read [/data/a.txt] 6");
    assertThat(audit.events()).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(AuditEvent.Kind.LINE);
      assertThat(e.session()).isEqualTo("agent");
      assertThat(e.bytes()).isEqualTo(6);
    });
  }

  @Test
  void pythonCannotWriteIntoAHiddenPathOrAnUnseenMount() {
    ExecResult r = agent.execute(py(String.join("\n",
        "for p in ('/data/private/new', '/secrets/new'):",
        "    try:",
        "        with open(p, 'w') as f:",
        "            f.write('x')",
        "        print(p, 'written')",
        "    except OSError as e:",
        "        print(p, type(e).__name__)")));
    assertThat(r.stdoutText()).doesNotContain("written");
    assertThat(data.list("/private")).hasSize(1);
    assertThat(secrets.list("/")).hasSize(1);
  }

  /** The README's example, as written there (but for the temporary directories). */
  @Test
  void theReadmeExampleRunsAsDocumented(@TempDir Path dir) throws Exception {
    Path projectDir = Files.createDirectories(dir.resolve("project"));
    Files.writeString(projectDir.resolve("README.md"), "# demo\n");
    Files.writeString(projectDir.resolve(".env"), "TOKEN=x\n");
    Path secretsDir = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secretsDir.resolve("token"), "t0ken\n");
    Path auditFile = dir.resolve("audit.jsonl");

    PermissionProfile agent = PermissionProfile.builder()
        .name("agent")
        .mount("/project", Mode.READ)                    // seen, and read-only for this session
        .mount("/scratch")                               // seen; /secrets is not seen at all
        .allow("ls", "cat", "grep", "wc", "python3")
        .rule(CommandRule.allow("rm").under("/scratch"))  // rm only under /scratch ...
        .deny("rm")                                      // ... and nowhere else
        .ask("sort")                                     // the host decides, each time
        .defaultDecision(Decision.DENY)                  // anything not named: refused
        .hidePath("/project/.env")
        .hideEnv("API_TOKEN")
        .build();

    try (JsonLinesAuditSink audit = new JsonLinesAuditSink(auditFile);
        Workspace ws = Workspace.builder()
            .mount("/project", Resources.localDir(projectDir), Mode.WRITE)
            .mount("/scratch", Resources.inMemory(), Mode.WRITE)
            .mount("/secrets", Resources.localDir(secretsDir), Mode.READ)
            .env("API_TOKEN", "t0ken")
            .approvals(request -> Approval.DENY)         // ask your user here: request.command(), request.paths()
            .audit(audit)
            .build()) {
      Session s = ws.newSession(agent);
      assertThat(s.execute("ls -A / /project").stdoutText()).isEqualTo("/:\nproject\nscratch\n\n/project:\nREADME.md\n");
      assertThat(s.execute("cat /secrets/token").stderrText()).isEqualTo("cat: /secrets/token: No such file or directory\n");
      ExecResult rm = s.execute("rm /project/README.md");
      assertThat(rm.stderrText()).isEqualTo("rm: Permission denied\n");
      assertThat(rm.exitCode()).isEqualTo(126);
      assertThat(s.execute("echo x > /scratch/t && rm /scratch/t").exitCode()).isZero();
      assertThat(s.execute("sort /project/README.md").exitCode()).isEqualTo(126);
      assertThat(s.execute("python3 -c 'import os; print(os.environ.get(\"API_TOKEN\"), os.listdir(\"/project\"))'")
          .stdoutText()).isEqualTo("None ['README.md']\n");
      Explanation e = s.explain("cat /project/README.md | tee /scratch/copy");
      assertThat(e.commands()).extracting(c -> c.command() + ": " + c.decision().word() + " (" + c.rule() + ")")
          .containsExactly("cat /project/README.md: allow (allow cat)", "tee /scratch/copy: deny (default: deny)");
      assertThat(s.execute("history 2").stdoutText())
          .isEqualTo("    6  python3 -c 'import os; print(os.environ.get(\"API_TOKEN\"), os.listdir(\"/project\"))'\n"
              + "    7  history 2\n");
    }
    List<String> lines = Files.readAllLines(auditFile);
    assertThat(lines).anyMatch(l -> l.contains("\"kind\":\"refusal\"") && l.contains("\"action\":\"rm /project/README.md\""));
    assertThat(lines).anyMatch(l -> l.contains("\"kind\":\"file\"") && l.contains("\"/scratch/t\""));
  }
}
