package io.mirage4j.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SnapshotRoundTripTest {
  @TempDir Path tmp;

  @Test
  void aRestoredWorkspaceHasTheSameFilesModesTimesAndSessions() throws IOException {
    Path host = Files.createDirectory(tmp.resolve("host"));
    try (Workspace ws = SampleWorkspace.build(host)) {
      byte[] archive = Archives.of(ws);
      RestoreResult r = Archives.restore(archive);
      try (Workspace back = r.workspace()) {
        assertThat(r.hostChanges()).isEmpty();
        assertThat(r.omitted()).isEmpty();
        assertThat(tree(back.fs(), "/data")).isEqualTo(tree(ws.fs(), "/data"));
        assertThat(tree(back.fs(), "/scratch")).isEqualTo(tree(ws.fs(), "/scratch"));
        assertThat(back.fs().stat("/data/old.txt").modified()).isEqualTo(SampleWorkspace.OLD);
        assertThat(back.execute("stat -c %a /data/a/b/c/t.txt /data/old.txt").stdoutText()).isEqualTo("755\n600\n");
        assertThat(back.mounts()).extracting(Mount::prefix, Mount::mode)
            .containsExactlyInAnyOrderElementsOf(ws.mounts().stream().map(m -> org.assertj.core.groups.Tuple.tuple(m.prefix(), m.mode())).toList());
        assertThat(back.execute("cat /host/readme.txt").stdoutText()).isEqualTo("host file\n");
        assertThat(back.execute("echo x > /host/new.txt").exitCode()).isNotZero();

        assertThat(back.execute("pwd; echo $GREETING").stdoutText()).isEqualTo("/data/a\nhello\n");
        Session agent = back.session("agent").orElseThrow();
        assertThat(agent.cwd()).isEqualTo("/data/empty");
        assertThat(agent.execute("greet you; count; echo $TOKEN $LOCAL ${arr[1]} ${m[k]}; env | grep -c LOCAL; false | true; echo pipe=$?")
            .stdoutText()).isEqualTo("hi you from /data/empty\n3\nt1 not-exported y z v\n0\npipe=1\n");
        assertThat(agent.execute("history 3").stdoutText()).startsWith("    5  set -o pipefail; trap 'echo bye' EXIT\n    6  greet you;")
            .endsWith("    7  history 3\n");
        assertThat(agent.image()).isNotNull();
        assertThat(back.sessions()).extracting(Session::id).containsExactly("default", "agent");
        assertThat(back.newSession().id()).isEqualTo("session-2");
      }
    }
  }

  @Test
  void functionsComeBackAsDefinedOrAreReportedAsLeftOut() throws IOException {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ws.execute("h() {\n  cat <<EOF\nin a heredoc $1\nEOF\n}");
      ws.execute("outer() { inner() { echo nested; }; inner; }");
      ws.execute("eval 'viaeval() { echo from eval; }'");
      ws.execute("late() { cat <<EOF; }\nbody after the brace\nEOF");
      String expected = ws.execute("h x; outer; viaeval; late").stdoutText();
      assertThat(expected).isEqualTo("in a heredoc x\nnested\nfrom eval\nbody after the brace\n");
      byte[] archive = Archives.of(ws);
      RestoreResult r = Archives.restore(archive);
      try (Workspace back = r.workspace()) {
        // late's here-document body follows the line its definition ends on: its text alone lacks it
        assertThat(r.omitted()).singleElement().satisfies(o -> {
          assertThat(o.what()).isEqualTo("function late of session default");
          assertThat(o.reason()).contains("does not read back as the same definition");
        });
        assertThat(back.execute("h x; outer; viaeval").stdoutText()).isEqualTo("in a heredoc x\nnested\nfrom eval\n");
        assertThat(back.execute("late").exitCode()).isEqualTo(127);
      }
      try (Workspace fork = ws.fork()) {
        assertThat(fork.execute("h x; outer; viaeval; late").stdoutText()).isEqualTo(expected);
      }
    }
  }

  @Test
  void theSnapshotResultSaysWhatWasKept() throws IOException {
    Path host = Files.createDirectory(tmp.resolve("host"));
    try (Workspace ws = SampleWorkspace.build(host)) {
      SnapshotResult r = ws.snapshot(new java.io.ByteArrayOutputStream());
      assertThat(r.formatVersion()).isEqualTo(1);
      assertThat(r.mounts()).containsExactly("/data", "/host", "/scratch");
      assertThat(r.sessions()).containsExactly("default", "agent");
      assertThat(r.omitted()).isEmpty();
      assertThat(r.bytes()).isEqualTo(4 + 8 + 70_000 + 10 + 10 + 8);
    }
  }

  @Test
  void aCustomResourceIsLeftOutAndSaidSoAndCanBeMountedAgainOnTheRestoringBuilder() throws IOException {
    InMemoryResource inner = Resources.inMemory();
    inner.write("/x.txt", "x\n".getBytes(UTF_8));
    io.mirage4j.fs.Resource custom = new ForwardingResource(inner);
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).mount("/db", custom).build()) {
      byte[] archive = Archives.of(ws);
      SnapshotResult result = ws.snapshot(new java.io.ByteArrayOutputStream());
      assertThat(result.mounts()).containsExactly("/data");
      assertThat(result.omitted()).singleElement().satisfies(o -> {
        assertThat(o.what()).isEqualTo("mount /db");
        assertThat(o.reason()).contains(ForwardingResource.class.getName(), "mount it again");
      });
      RestoreResult plain = Archives.restore(archive);
      try (Workspace back = plain.workspace()) {
        assertThat(plain.omitted()).extracting(Omission::what).containsExactly("mount /db");
        assertThat(back.fs().exists("/db")).isFalse();
      }
      try (Workspace back = Workspace.builder().mount("/db", custom)
          .restore(new java.io.ByteArrayInputStream(archive), RestoreOptions.defaults()).workspace()) {
        assertThat(back.execute("cat /db/x.txt").stdoutText()).isEqualTo("x\n");
      }
      assertThatThrownBy(() -> Workspace.builder().mount("/data", Resources.inMemory())
          .restore(new java.io.ByteArrayInputStream(archive), RestoreOptions.defaults()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mount at /data");
    }
  }

  @Test
  void permissionProfilesAreNotWrittenSoARestoreNeedsOneAndASessionWithItsOwnIsLeftOut() throws IOException {
    PermissionProfile onlyData = PermissionProfile.builder().mount("/data").deny("rm").build();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).mount("/secret", Resources.inMemory())
        .profile(onlyData).build()) {
      ws.execute("echo a > /data/a.txt");
      Session own = ws.newSession("own", PermissionProfile.builder().mount("/data").build());
      own.execute("cd /data");
      byte[] archive = Archives.of(ws);
      assertThatThrownBy(() -> Archives.restore(archive))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("had a permission profile");
      RestoreResult r = Workspace.builder().profile(onlyData)
          .restore(new java.io.ByteArrayInputStream(archive), RestoreOptions.defaults());
      try (Workspace back = r.workspace()) {
        assertThat(r.omitted()).extracting(Omission::what).containsExactly("session own");
        assertThat(back.execute("ls /").stdoutText()).isEqualTo("data\n");
        assertThat(back.execute("rm /data/a.txt").exitCode()).isEqualTo(126);
      }
      ws.execute("export SECRET=s3");
      byte[] withSecret = Archives.of(ws);
      PermissionProfile hiding = PermissionProfile.builder().mount("/data").hideEnv("SECRET").build();
      try (Workspace back = Workspace.builder().profile(hiding)
          .restore(new java.io.ByteArrayInputStream(withSecret), RestoreOptions.defaults()).workspace()) {
        assertThat(back.execute("echo ${SECRET:-hidden}").stdoutText()).isEqualTo("hidden\n");
      }
    }
  }

  @Test
  void aPartOfAKindThisVersionDoesNotKnowIsRefusedWithAClearMessage() throws IOException {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      byte[] archive = TarSurgery.editManifest(Archives.of(ws), manifest -> manifest.replace(
          "\"parts\":[", "\"parts\":[{\"kind\":\"kernel-state\",\"name\":\"nb\",\"entry\":\"kernel/0.bin\",\"entries\":1,\"bytes\":0},"));
      assertThatThrownBy(() -> Archives.restore(archive))
          .isInstanceOf(ArchiveException.class)
          .hasMessageContaining("part of kind 'kernel-state' (nb), which this mirage4j does not know");
    }
  }

  @Test
  void anArchiveWrittenHereIsRestoredByteForByteInAnotherJvm() throws Exception {
    Path host = Files.createDirectory(tmp.resolve("host"));
    Path archive = tmp.resolve("ws.tar");
    Path expected = Files.createDirectory(tmp.resolve("expected"));
    try (Workspace ws = SampleWorkspace.build(host)) {
      try (var out = Files.newOutputStream(archive)) {
        ws.snapshot(out);
      }
      for (Map.Entry<String, String> e : tree(ws.fs(), "/data").entrySet()) {
        if (e.getValue().startsWith("file")) {
          Path target = expected.resolve(e.getKey().substring("/data/".length()));
          Files.createDirectories(target.getParent());
          Files.write(target, ws.fs().read(e.getKey()));
        }
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RestoreInAnotherJvm.class.getName(),
        archive.toString(), expected.toString()).redirectError(tmp.resolve("stderr.txt").toFile()).start();
    String output = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).as(Files.readString(tmp.resolve("stderr.txt"))).isEqualTo("""
        files equal: 5
        /data/a/b/c/t.txt 755 one,two
        /data/old.txt 2001-02-03T04:05:06.123456789Z
        default: /data/a hello
        agent: hi you from /data/empty|3|t1
        host: host file
        """);
    assertThat(p.exitValue()).isZero();
  }

  /** Every entry under {@code dir}: path to kind, size, modification time and content digest. */
  static Map<String, String> tree(WorkspaceFs fs, String dir) {
    Map<String, String> out = new TreeMap<>();
    List<String> todo = new ArrayList<>(List.of(dir));
    while (!todo.isEmpty()) {
      String d = todo.remove(todo.size() - 1);
      for (FileStat st : fs.list(d)) {
        String path = d.equals("/") ? "/" + st.name() : d + "/" + st.name();
        if (st.isDirectory()) {
          out.put(path, "dir " + st.modified());
          todo.add(path);
        } else {
          out.put(path, "file " + st.size() + " " + st.modified() + " "
              + java.util.HexFormat.of().formatHex(Digests.sha256().digest(fs.read(path))));
        }
      }
    }
    return out;
  }
}
