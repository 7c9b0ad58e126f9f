package io.mirage4j.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ForkTest {
  @TempDir Path tmp;

  @Test
  void writesOnEitherSideAreNotSeenByTheOther() {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ws.execute("mkdir /data/d && echo original > /data/a.txt && echo keep > /data/d/k.txt");
      // an appended file has room to spare in its array: both sides append into it after the fork
      ws.execute("for i in 1 2 3; do echo l$i >> /data/log.txt; done");
      try (Workspace fork = ws.fork()) {
        fork.execute("echo forked > /data/a.txt; echo f >> /data/log.txt; rm /data/d/k.txt; mkdir /data/new");
        ws.execute("echo o >> /data/log.txt; echo only-original > /data/o.txt");

        assertThat(ws.execute("cat /data/a.txt /data/log.txt /data/d/k.txt; ls /data").stdoutText())
            .isEqualTo("original\nl1\nl2\nl3\no\nkeep\na.txt\nd\nlog.txt\no.txt\n");
        assertThat(fork.execute("cat /data/a.txt /data/log.txt; ls /data /data/d").stdoutText())
            .isEqualTo("forked\nl1\nl2\nl3\nf\n/data:\na.txt\nd\nlog.txt\nnew\n\n/data/d:\n");
      }
    }
  }

  @Test
  void anInMemoryResourceForkSharesBytesUntilOneSideAppends() {
    InMemoryResource ram = Resources.inMemory();
    ram.append("/f", "abc".getBytes(UTF_8));
    ram.append("/f", "d".getBytes(UTF_8)); // the array now has room for 2 more bytes
    InMemoryResource copy = ram.fork();
    ram.append("/f", "XX".getBytes(UTF_8));
    copy.append("/f", "YY".getBytes(UTF_8));
    ram.append("/f", "1".getBytes(UTF_8));
    assertThat(new String(ram.read("/f"), UTF_8)).isEqualTo("abcdXX1");
    assertThat(new String(copy.read("/f"), UTF_8)).isEqualTo("abcdYY");
    ram.setPermissions("/f", 0700);
    assertThat(copy.permissions("/f")).isEqualTo(0644);
  }

  @Test
  void sessionsAreCopiedAndThenIndependent() {
    PermissionProfile noRm = PermissionProfile.builder().mount("/data").deny("rm").build();
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      ws.execute("mkdir /data/x /data/y; cd /data/x; export A=1; f() { echo f-$A; }");
      Session limited = ws.newSession("limited", noRm);
      limited.execute("cd /data/y; export B=2");
      try (Workspace fork = ws.fork()) {
        assertThat(fork.sessions()).extracting(Session::id).containsExactly("default", "limited");
        assertThat(fork.execute("pwd; f; history 1").stdoutText()).isEqualTo("/data/x\nf-1\n    2  pwd; f; history 1\n");
        Session forkLimited = fork.session("limited").orElseThrow();
        assertThat(forkLimited.profile()).isSameAs(noRm);
        assertThat(forkLimited.execute("pwd; echo $B; rm -f /data/z").exitCode()).isEqualTo(126);
        assertThat(forkLimited.cwd()).isEqualTo("/data/y");

        fork.execute("cd /data; export A=fork; f() { echo g; }");
        assertThat(ws.execute("pwd; f; echo $A").stdoutText()).isEqualTo("/data/x\nf-1\n1\n");
        ws.execute("export A=orig");
        assertThat(fork.execute("echo $A; f").stdoutText()).isEqualTo("fork\ng\n");
        assertThat(ws.execute("history 1").stdoutText()).isEqualTo("    4  history 1\n");
      }
    }
  }

  @Test
  void hostDirectoriesAreSharedByReference() throws IOException {
    Path host = Files.createDirectory(tmp.resolve("host"));
    try (Workspace ws = Workspace.builder().mount("/host", Resources.localDir(host), Mode.WRITE).build();
        Workspace fork = ws.fork()) {
      fork.execute("echo from-fork > /host/f.txt");
      assertThat(ws.execute("cat /host/f.txt").stdoutText()).isEqualTo("from-fork\n");
      assertThat(Files.readString(host.resolve("f.txt"))).isEqualTo("from-fork\n");
      assertThat(fork.mounts().get(0).resource()).isSameAs(ws.mounts().get(0).resource());
    }
  }

  @Test
  void aForkOf100MbInMemoryCopiesNoneOfItsBytes() {
    InMemoryResource ram = Resources.inMemory();
    for (int i = 0; i < 100; i++) {
      ram.write("/f" + i, new byte[1 << 20]);
    }
    try (Workspace ws = Workspace.builder().mount("/data", ram).build()) {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      try (Workspace fork = ws.fork()) {
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by the fork").isLessThan(5L << 20);
        fork.execute("echo changed > /data/f0");
        assertThat(ram.read("/f0")).hasSize(1 << 20);
      }
    }
  }

  @Test
  void theForkHasAPythonRuntimeOfItsOwnOverItsOwnFiles() {
    List<WorkspaceFs> created = new ArrayList<>();
    PythonRuntimeProvider provider = files -> {
      synchronized (created) {
        created.add(files);
      }
      return new CatRuntime(files);
    };
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).pythonRuntime(provider).build()) {
      ws.execute("echo original > /data/a.txt");
      assertThat(ws.execute("python3 -c x").stdoutText()).isEqualTo("original\n");
      try (Workspace fork = ws.fork()) {
        fork.execute("echo forked > /data/a.txt");
        assertThat(fork.execute("python3 -c x").stdoutText()).isEqualTo("forked\n");
        assertThat(ws.execute("python3 -c x").stdoutText()).isEqualTo("original\n");
        assertThat(created).hasSize(2);
        assertThat(created.get(1)).isNotSameAs(created.get(0));
      }
    }
  }

  /** A runtime that prints /data/a.txt as the files it was created with hold it. */
  private record CatRuntime(WorkspaceFs files) implements PythonRuntime {
    @Override
    public PythonResult run(PythonRun run) {
      return new PythonResult(0, files.read("/data/a.txt"), new byte[0]);
    }

    @Override
    public String version() {
      return "3.13.2";
    }

    @Override
    public void close() {}
  }
}
