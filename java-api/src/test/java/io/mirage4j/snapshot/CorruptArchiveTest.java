package io.mirage4j.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class CorruptArchiveTest {
  @TempDir Path tmp;

  private byte[] smallArchive() throws IOException {
    Path host = Files.createDirectory(tmp.resolve("host"));
    Files.writeString(host.resolve("h.txt"), "host\n");
    try (Workspace ws = Workspace.builder()
        .mount("/data", Resources.inMemory())
        .mount("/host", Resources.localDir(host), Mode.READ)
        .build()) {
      ws.execute("mkdir /data/d && echo hello > /data/d/a.txt && printf 'x%.0s' {1..700} > /data/b.txt");
      ws.execute("f() { echo f; }; cd /data/d");
      return Archives.of(ws);
    }
  }

  @Test
  void everyTruncationOfASmallArchiveIsRefused() throws IOException {
    byte[] archive = smallArchive();
    assertThat(Archives.restore(archive).workspace()).isNotNull();
    List<String> accepted = new ArrayList<>();
    for (int length = 0; length < archive.length; length++) {
      try {
        Archives.restore(Arrays.copyOf(archive, length)).workspace().close();
        accepted.add(Integer.toString(length));
      } catch (ArchiveException e) {
        assertThat(e.getMessage()).as("cut at %d of %d", length, archive.length)
            .matches("(workspace archive (truncated|corrupt)|not a workspace archive): .*");
      }
    }
    assertThat(accepted).as("lengths of %d accepted", archive.length).isEmpty();
  }

  @Test
  void somethingThatIsNotAWorkspaceArchiveIsRefused() throws IOException {
    byte[] notTar = "just some text, not an archive at all\n".repeat(40).getBytes(UTF_8);
    assertThatThrownBy(() -> Archives.restore(notTar)).isInstanceOf(ArchiveException.class)
        .hasMessageStartingWith("workspace archive corrupt: cannot read an entry header");
    byte[] otherTar = TarSurgery.without(smallArchive(), name -> name.equals("manifest.json"));
    assertThatThrownBy(() -> Archives.restore(otherTar)).isInstanceOf(ArchiveException.class)
        .hasMessage("not a workspace archive: it does not start with manifest.json");
    byte[] otherFormat = TarSurgery.editManifest(smallArchive2(), m -> m.replace("mirage4j-workspace", "something-else"));
    assertThatThrownBy(() -> Archives.restore(otherFormat)).isInstanceOf(ArchiveException.class)
        .hasMessage("not a workspace archive: its manifest's format is something-else, not mirage4j-workspace");
  }

  @Test
  void anotherFormatVersionIsRefused() throws IOException {
    byte[] newer = TarSurgery.editManifest(smallArchive(), m -> m.replace("\"version\":1", "\"version\":2,\"added-later\":[1]"));
    assertThatThrownBy(() -> Archives.restore(newer)).isInstanceOf(ArchiveException.class)
        .hasMessage("workspace archive of format version 2: this mirage4j reads version 1; restore it with a newer mirage4j");
  }

  @Test
  void aChangedByteAnywhereInAnEntryIsACheckSumMismatch() throws IOException {
    byte[] archive = smallArchive();
    byte[] changed = TarSurgery.rewrite(archive, e -> true, (e, bytes) -> {
      if (e.getName().endsWith("d/a.txt")) {
        bytes = bytes.clone();
        bytes[0] = 'j';
      }
      return bytes;
    });
    assertThatThrownBy(() -> Archives.restore(changed)).isInstanceOf(ArchiveException.class)
        .hasMessage("workspace archive corrupt: checksum mismatch in entry memory/0/d/a.txt");
    byte[] session = TarSurgery.rewrite(archive, e -> true, (e, bytes) -> e.getName().startsWith("sessions/")
        ? new String(bytes, UTF_8).replace("/data/d", "/data/e").getBytes(UTF_8) : bytes);
    assertThatThrownBy(() -> Archives.restore(session)).isInstanceOf(ArchiveException.class)
        .hasMessage("workspace archive corrupt: checksum mismatch in entry sessions/0.json");
  }

  @Test
  void anEntryLargerThanItsManifestSaysIsRefusedBeforeItIsRead() throws IOException {
    byte[] bigger = TarSurgery.rewrite(smallArchive(), e -> true, (e, bytes) -> e.getName().endsWith("b.txt")
        ? new byte[100_000] : bytes);
    assertThatThrownBy(() -> Archives.restore(bigger)).isInstanceOf(ArchiveException.class)
        .hasMessage("workspace archive corrupt: entry memory/0/b.txt holds more than the 706 bytes its manifest gives"
            + " memory-mount /data");
  }

  @Test
  void aMissingEntryIsRefused() throws IOException {
    byte[] archive = smallArchive();
    for (String entry : List.of("memory/0/d/a.txt", "host/1.json", "sessions/0.json", "checksums.json")) {
      byte[] without = TarSurgery.without(archive, name -> name.equals(entry));
      assertThatThrownBy(() -> Archives.restore(without)).as(entry).isInstanceOf(ArchiveException.class)
          .hasMessageMatching("workspace archive (corrupt|truncated): .*");
    }
    byte[] noFile = TarSurgery.without(archive, name -> name.equals("memory/0/d/a.txt"));
    assertThatThrownBy(() -> Archives.restore(noFile)).hasMessageContaining("found 3 then host/1.json");
    byte[] noSums = TarSurgery.without(archive, name -> name.equals("checksums.json"));
    assertThatThrownBy(() -> Archives.restore(noSums)).hasMessage("workspace archive truncated: it ends before checksums.json");
  }

  @Test
  void aFailedRestoreWritesNothingToHostDirectories() throws IOException {
    byte[] archive = smallArchive();
    Path host = tmp.resolve("host");
    String before = listing(host);
    for (int length : new int[] {100, archive.length / 2, archive.length - 1}) {
      assertThatThrownBy(() -> Archives.restore(Arrays.copyOf(archive, length))).isInstanceOf(ArchiveException.class);
    }
    Archives.restore(archive).workspace().close();
    assertThat(listing(host)).isEqualTo(before);
  }

  private byte[] smallArchive2() throws IOException {
    try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      return Archives.of(ws);
    }
  }

  private static String listing(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.sorted().map(p -> {
        try {
          return p + " " + Files.getLastModifiedTime(p) + " " + (Files.isRegularFile(p) ? Files.readString(p) : "");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList().toString();
    }
  }
}
