package io.mirage4j.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HostDirectoryPolicyTest {
  @TempDir Path tmp;
  private Path host;
  private byte[] archive;

  @BeforeEach
  void snapshotAHostDirectory() throws IOException {
    host = Files.createDirectory(tmp.resolve("project"));
    Files.writeString(host.resolve("same.txt"), "same\n");
    Files.writeString(host.resolve("edited.txt"), "before\n");
    Files.createDirectories(host.resolve("sub"));
    Files.writeString(host.resolve("sub/gone.txt"), "gone\n");
    try (Workspace ws = Workspace.builder().mount("/project", Resources.localDir(host), Mode.WRITE).build()) {
      archive = Archives.of(ws);
    }
  }

  private void changeTheDirectory() throws IOException {
    FileTime time = Files.getLastModifiedTime(host.resolve("edited.txt"));
    Files.writeString(host.resolve("edited.txt"), "after!\n");
    Files.setLastModifiedTime(host.resolve("edited.txt"), time);   // same size and time: only the content tells
    Files.delete(host.resolve("sub/gone.txt"));
    Files.writeString(host.resolve("sub/new.txt"), "new\n");
  }

  @Test
  void anUnchangedDirectoryRestoresUnderEveryPolicy() throws IOException {
    for (HostDirectoryPolicy policy : HostDirectoryPolicy.values()) {
      RestoreResult r = Archives.restore(archive, policy);
      try (Workspace ws = r.workspace()) {
        assertThat(r.hostChanges()).as(policy.name()).isEmpty();
        assertThat(ws.execute("cat /project/same.txt").stdoutText()).isEqualTo("same\n");
        assertThat(ws.fs().mode("/project")).isEqualTo(Mode.WRITE);
      }
    }
  }

  @Test
  void strictRefusesAChangedDirectoryAndSaysWhatChanged() throws IOException {
    changeTheDirectory();
    assertThatThrownBy(() -> Archives.restore(archive, HostDirectoryPolicy.STRICT))
        .isInstanceOfSatisfying(HostDirectoryChangedException.class, e -> assertThat(e.changes()).containsExactly(
            new HostChange("/project", "/edited.txt", HostChange.Kind.CHANGED),
            new HostChange("/project", "/sub/gone.txt", HostChange.Kind.MISSING),
            new HostChange("/project", "/sub/new.txt", HostChange.Kind.EXTRA)))
        .hasMessage("host directories changed since the snapshot (3 files): CHANGED /project/edited.txt, "
            + "MISSING /project/sub/gone.txt, EXTRA /project/sub/new.txt; restore with HostDirectoryPolicy.WARN or OFF"
            + " to restore anyway");
  }

  @Test
  void warnRestoresAndReportsTheChanges() throws IOException {
    changeTheDirectory();
    RestoreResult r = Archives.restore(archive, HostDirectoryPolicy.WARN);
    try (Workspace ws = r.workspace()) {
      assertThat(r.hostChanges()).extracting(HostChange::toString)
          .containsExactly("CHANGED /project/edited.txt", "MISSING /project/sub/gone.txt", "EXTRA /project/sub/new.txt");
      assertThat(ws.execute("cat /project/edited.txt").stdoutText()).isEqualTo("after!\n");
    }
  }

  @Test
  void offRestoresWithoutComparing() throws IOException {
    changeTheDirectory();
    RestoreResult r = Archives.restore(archive, HostDirectoryPolicy.OFF);
    try (Workspace ws = r.workspace()) {
      assertThat(r.hostChanges()).isEmpty();
      assertThat(ws.execute("ls /project/sub").stdoutText()).isEqualTo("new.txt\n");
    }
  }

  @Test
  void symbolicLinksAreNotedByTargetNeverFollowedSoALoopEndsAndARetargetedLinkIsAChange() throws IOException {
    Files.createSymbolicLink(host.resolve("sub/loop"), Path.of(".."));
    Files.createSymbolicLink(host.resolve("link"), Path.of("same.txt"));
    byte[] withLinks;
    try (Workspace ws = Workspace.builder().mount("/project", Resources.localDir(host)).build()) {
      withLinks = Archives.of(ws);
    }
    assertThat(Archives.restore(withLinks).hostChanges()).isEmpty();
    Files.delete(host.resolve("link"));
    Files.createSymbolicLink(host.resolve("link"), Path.of("edited.txt"));
    assertThatThrownBy(() -> Archives.restore(withLinks))
        .isInstanceOfSatisfying(HostDirectoryChangedException.class, e -> assertThat(e.changes())
            .containsExactly(new HostChange("/project", "/link", HostChange.Kind.CHANGED)));
  }

  @Test
  void aDirectoryThatIsGoneIsMissingAndItsMountIsLeftOut() throws IOException {
    Files.walk(host).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    assertThatThrownBy(() -> Archives.restore(archive, HostDirectoryPolicy.STRICT))
        .isInstanceOf(HostDirectoryChangedException.class).hasMessageContaining("MISSING /project/edited.txt");
    RestoreResult r = Archives.restore(archive, HostDirectoryPolicy.WARN);
    try (Workspace ws = r.workspace()) {
      assertThat(r.hostChanges()).hasSize(3).allMatch(c -> c.kind() == HostChange.Kind.MISSING);
      assertThat(r.omitted()).extracting(Omission::what).containsExactly("mount /project");
      assertThat(ws.fs().exists("/project")).isFalse();
    }
  }
}
