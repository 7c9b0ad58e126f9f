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

  /** Writes {@code allowed} bytes of whatever comes, then fails as {@code failure} says. */
  private static AtomicReplace.Opener failingAfter(int allowed, IOException failure) {
    return (dir, temp, append) -> new java.io.FilterOutputStream(AtomicReplace.FILES.open(dir, temp, append)) {
      private int written;

      @Override
      public void write(int b) throws IOException {
        if (written++ >= allowed) {
          throw failure;
        }
        super.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
          write(b[off + i]);
        }
      }
    };
  }

  private Path root() throws IOException {
    return Files.createDirectories(temp.resolve("root"));
  }

  private static String[] hostNames(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> names = Files.list(dir)) {
      return names.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aWriteThatFailsMidwayLeavesTheOldContentWholeAndNoTemporaryFile() throws IOException {
    Path root = root();
    Files.writeString(root.resolve("f.txt"), "old content");
    Resource r = new LocalDirResource(root, failingAfter(3, new IOException("Input/output error")));

    assertThatThrownBy(() -> r.write("/f.txt", "new content".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO_ERROR));
    assertThatThrownBy(() -> r.append("/f.txt", " and more".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ResourceException.class);

    assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("old content");
    assertThat(hostNames(root)).containsExactly("f.txt");
  }

  @Test
  void aCrashMidwayLeavesTheOldContentWholeAndTheTemporaryFileHidden() throws IOException {
    Path root = root();
    Files.writeString(root.resolve("f.txt"), "old content");
    Resource crashing = new LocalDirResource(root, (dir, temp, append) -> {
      java.io.OutputStream out = AtomicReplace.FILES.open(dir, temp, append);
      out.write("half".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new java.io.OutputStream() {
        @Override
        public void write(int b) {
          throw new Error("the process died here");
        }
      };
    });

    assertThatThrownBy(() -> crashing.write("/f.txt", "new content".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the process died here");
    assertThat(hostNames(root)).containsExactly("f.txt");
    Files.writeString(root.resolve(".mirage4j-tmp-5eed"), "half"); // what a killed process leaves behind

    Resource afterRestart = resource();
    assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("old content");
    assertThat(afterRestart.list("/")).extracting(FileStat::name).containsExactly("f.txt");
    assertThat(new String(afterRestart.read("/f.txt"), StandardCharsets.UTF_8)).isEqualTo("old content");
  }

  @Test
  void writesAndAppendsReplaceTheFileWholeAndKeepItsPermissions() throws IOException {
    Path root = root();
    Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    Resource r = resource();

    r.append("/run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(script)).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(script)))
        .isEqualTo("rwxr-x---");
    r.write("/run.sh", "exit 0\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(script)).isEqualTo("exit 0\n");
    r.append("/new.txt", "fresh".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("fresh");
    assertThat(hostNames(root)).containsExactly("new.txt", "run.sh");
  }

  @Test
  void aWriteThroughALinkInsideTheRootChangesTheLinkedFile() throws IOException {
    Path root = root();
    Path real = Files.writeString(root.resolve("real.txt"), "old");
    Files.createSymbolicLink(root.resolve("alias.txt"), real);
    Resource r = resource();

    r.write("/alias.txt", "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.isSymbolicLink(root.resolve("alias.txt"))).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void aFullDiskIsNoSpaceAndLeavesTheOldContentWhole() throws IOException {
    Path root = root();
    Files.writeString(root.resolve("f.txt"), "old content");
    Resource r = new LocalDirResource(root, (dir, temp, append) -> failingAfter(3,
        new java.nio.file.FileSystemException(temp.toString(), null, "No space left on device")).open(dir, temp, append));

    assertThatThrownBy(() -> r.write("/f.txt", "new content".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE))
        .hasMessage("/f.txt: No space left on device");
    assertThatThrownBy(() -> r.append("/f.txt", "more".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE));

    assertThat(Files.readString(root.resolve("f.txt"))).isEqualTo("old content");
    assertThat(hostNames(root)).containsExactly("f.txt");
  }

  @Test
  void aRealFullDiskIsNoSpaceAndLeavesTheOldContentWhole() throws Exception {
    Path disk = Files.createDirectories(temp.resolve("disk"));
    org.junit.jupiter.api.Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()),
        "mounting a small tmpfs needs root");
    try {
      Files.writeString(disk.resolve("f.txt"), "old content");
      Resource r = Resources.localDir(disk);

      assertThatThrownBy(() -> r.write("/f.txt", new byte[1 << 20]))
          .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE))
          .hasMessage("/f.txt: No space left on device");
      assertThatThrownBy(() -> r.append("/f.txt", new byte[1 << 20]))
          .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE));

      assertThat(Files.readString(disk.resolve("f.txt"))).isEqualTo("old content");
      assertThat(hostNames(disk)).containsExactly("f.txt");
      r.write("/f.txt", "fits".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(disk.resolve("f.txt"))).isEqualTo("fits");
    } finally {
      run("umount", disk.toString());
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor() == 0;
  }
}
