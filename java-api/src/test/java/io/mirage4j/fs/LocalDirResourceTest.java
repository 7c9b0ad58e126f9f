package io.mirage4j.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirResourceTest extends ResourceContract {
  @TempDir Path temp;

  @Override
  Resource resource() {
    try {
      return Resources.localDir(Files.createDirectories(temp.resolve("root")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesReachTheHostDirectory() throws IOException {
    Resource r = resource();
    r.write("/hello.txt", "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(temp.resolve("root/hello.txt"))).isEqualTo("hi");
  }

  @Test
  void symlinksCannotLeadOutOfTheRoot() throws IOException {
    Resource r = resource();
    Path secret = Files.writeString(temp.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(temp.resolve("root/link"), secret);
    Files.createSymbolicLink(temp.resolve("root/dirlink"), temp);

    assertThatThrownBy(() -> r.read("/link"))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED));
    assertThatThrownBy(() -> r.read("/dirlink/secret.txt"))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED));
    assertThatThrownBy(() -> r.write("/dirlink/planted.txt", new byte[] {1}))
        .isInstanceOf(ResourceException.class);
    assertThat(temp.resolve("planted.txt")).doesNotExist();
    assertThat(r.list("/")).extracting(FileStat::name).doesNotContain("link", "dirlink");
  }

  @Test
  void dotDotStaysAtTheRoot() throws IOException {
    Files.writeString(temp.resolve("outside.txt"), "outside");
    Resource r = resource();
    assertThatThrownBy(() -> r.read("/../outside.txt"))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }
}
