package io.mirage4j.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of a {@link LocalDirResource} against symbolic links that lead out of its root:
 * absolute and relative links to files and directories, links in the middle of a path, links whose
 * target climbs with {@code ..}, chains and loops. Links that stay inside the root are followed.
 */
class LocalDirConfinementTest {
  private static final String SECRET = "outside secret\n";

  @TempDir Path temp;
  private Path root;
  private Path outside;
  private Resource r;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.createDirectories(outside.resolve("deeper"));
    Files.writeString(root.resolve("inside.txt"), "inside\n");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/inner.txt"), "inner\n");
    // leading out
    link("file-out", outside.resolve("secret.txt").toString());
    link("dir-out", outside.toString());
    link("rel-out", "../outside");
    link("sub/up", "../../outside");
    link("sub/chain", "../dir-out");
    link("up-and-back", "../root/sub/inner.txt");
    link("loop-a", "loop-b");
    link("loop-b", "loop-a");
    link("self", "self");
    // staying inside
    link("in-file", "sub/inner.txt");
    link("in-abs", root.resolve("sub/inner.txt").toString());
    link("in-dir", "sub");
    link("in-dotdot", "sub/../sub/inner.txt");
    link("sub/back", "../inside.txt");
    link("dangling-in", "sub/not-yet.txt");
    r = Resources.localDir(root);
  }

  private void link(String name, String target) throws IOException {
    Files.createSymbolicLink(root.resolve(name), Path.of(target));
  }

  private static final String[] ESCAPING_FILES = {
    "/file-out", "/dir-out/secret.txt", "/rel-out/secret.txt", "/sub/up/secret.txt", "/sub/chain/secret.txt",
    "/in-dir/up/secret.txt",
  };
  private static final String[] ESCAPING_DIRS = {"/dir-out", "/rel-out", "/sub/up", "/sub/chain", "/in-dir/chain"};

  private static void assertRefused(Runnable op, Reason reason) {
    assertThatThrownBy(op::run)
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static void denied(Runnable op) {
    assertRefused(op, Reason.PERMISSION_DENIED);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  private static String readAll(InputStream in) {
    try (in) {
      return text(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry below {@code dir} with its content (files), "dir" or its link target. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.forEach(p -> {
        try {
          String value = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
              : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.readString(p);
          entries.put(dir.relativize(p).toString(), value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** The temporary files of atomic writes (or staging directories) anywhere below {@code dir}. */
  static java.util.List<Path> debris(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> AtomicReplace.isTemporary(p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void forEach(String[] paths, Consumer<String> op) {
    for (String path : paths) {
      op.accept(path);
    }
  }

  @Test
  void readsOpensAndStatsThroughLinksLeadingOutAreRefused() {
    forEach(ESCAPING_FILES, p -> {
      denied(() -> r.read(p));
      denied(() -> r.open(p));
      denied(() -> r.stat(p));
    });
    forEach(ESCAPING_DIRS, p -> {
      denied(() -> r.stat(p));
      denied(() -> r.list(p));
    });
  }

  @Test
  void listingsLeaveOutLinksThatLeadOutOrLoop() {
    assertThat(r.list("/")).extracting(FileStat::name)
        .containsExactly("in-abs", "in-dir", "in-dotdot", "in-file", "inside.txt", "sub");
    assertThat(r.list("/sub")).extracting(FileStat::name).containsExactly("back", "inner.txt");
  }

  @Test
  void writesAppendsAndMkdirsThroughLinksLeadingOutAreRefusedAndChangeNothingOutside() {
    Map<String, String> before = snapshot(outside);
    forEach(ESCAPING_FILES, p -> {
      denied(() -> r.write(p, "planted".getBytes(UTF_8)));
      denied(() -> r.append(p, "planted".getBytes(UTF_8)));
    });
    forEach(ESCAPING_DIRS, p -> {
      denied(() -> r.write(p + "/planted.txt", "planted".getBytes(UTF_8)));
      denied(() -> r.append(p + "/planted.txt", new byte[0]));
      denied(() -> r.mkdir(p + "/planted"));
      denied(() -> r.mkdir(p + "/deeper/planted"));
    });
    assertThat(snapshot(outside)).isEqualTo(before);
    assertThat(debris(temp)).isEmpty();
  }

  @Test
  void deletesThroughLinksLeadingOutAreRefusedButTheLinkItselfCanGo() {
    Map<String, String> before = snapshot(outside);
    forEach(ESCAPING_FILES, p -> {
      if (!p.equals("/file-out")) {
        denied(() -> r.delete(p));
      }
    });
    forEach(ESCAPING_DIRS, p -> denied(() -> r.delete(p + "/deeper")));
    assertThat(snapshot(outside)).isEqualTo(before);

    r.delete("/file-out");
    r.delete("/dir-out");
    assertThat(root.resolve("file-out")).doesNotExist();
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void renamesRefuseToMoveLinksLeadingOutOrToPassThroughThem() {
    Map<String, String> before = snapshot(outside);
    denied(() -> r.rename("/file-out", "/moved"));
    denied(() -> r.rename("/dir-out", "/moved"));
    denied(() -> r.rename("/sub/up", "/moved"));
    denied(() -> r.rename("/dir-out/secret.txt", "/stolen.txt"));
    denied(() -> r.rename("/sub/up/deeper", "/stolen"));
    denied(() -> r.rename("/inside.txt", "/dir-out/planted.txt"));
    denied(() -> r.rename("/sub", "/rel-out/planted"));
    assertThat(root.resolve("file-out")).isSymbolicLink();
    assertThat(root.resolve("moved")).doesNotExist();
    assertThat(root.resolve("inside.txt")).hasContent("inside");
    assertThat(snapshot(outside)).isEqualTo(before);

    r.rename("/in-abs", "/sub/renamed-link");
    assertThat(root.resolve("sub/renamed-link")).isSymbolicLink();
    assertThat(text(r.read("/sub/renamed-link"))).isEqualTo("inner\n");
  }

  @Test
  void linkLoopsAndLinksThatClimbAboveTheRootAreRefused() {
    for (String p : new String[] {"/loop-a", "/self", "/up-and-back"}) {
      denied(() -> r.read(p));
      denied(() -> r.stat(p));
      denied(() -> r.write(p, "x".getBytes(UTF_8)));
    }
    denied(() -> r.list("/loop-a"));
    denied(() -> r.mkdir("/loop-a/x"));
    assertThat(root.resolve("loop-a")).isSymbolicLink();
  }

  @Test
  void dotDotInAPathNeverClimbsAboveTheRoot() {
    assertRefused(() -> r.read("/../outside/secret.txt"), Reason.NOT_FOUND);
    assertRefused(() -> r.read("/sub/../../outside/secret.txt"), Reason.NOT_FOUND);
    assertRefused(() -> r.write("/../outside/planted.txt", new byte[] {1}), Reason.NOT_FOUND);
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void linksThatStayInsideAreFollowed() throws IOException {
    assertThat(text(r.read("/in-file"))).isEqualTo("inner\n");
    assertThat(text(r.read("/in-abs"))).isEqualTo("inner\n");
    assertThat(text(r.read("/in-dotdot"))).isEqualTo("inner\n");
    assertThat(text(r.read("/in-dir/inner.txt"))).isEqualTo("inner\n");
    assertThat(text(r.read("/sub/back"))).isEqualTo("inside\n");
    assertThat(readAll(r.open("/in-dir/back"))).isEqualTo("inside\n");
    assertThat(r.stat("/in-dir").isDirectory()).isTrue();
    assertThat(r.stat("/in-file").size()).isEqualTo(6);
    assertThat(r.list("/in-dir")).extracting(FileStat::name).containsExactly("back", "inner.txt");

    r.write("/in-file", "changed\n".getBytes(UTF_8));
    r.append("/in-abs", "more\n".getBytes(UTF_8));
    r.write("/in-dir/new.txt", "new\n".getBytes(UTF_8));
    r.mkdir("/in-dir/newdir");
    r.write("/dangling-in", "created\n".getBytes(UTF_8));

    assertThat(root.resolve("in-file")).isSymbolicLink();
    assertThat(root.resolve("sub/inner.txt")).hasContent("changed\nmore");
    assertThat(root.resolve("sub/new.txt")).hasContent("new");
    assertThat(root.resolve("sub/newdir")).isDirectory();
    assertThat(root.resolve("sub/not-yet.txt")).hasContent("created");
    assertThat(debris(temp)).isEmpty();
  }

  @Test
  void mkdirDoesNotFollowALinkAtTheEnd() {
    assertRefused(() -> r.mkdir("/in-dir"), Reason.ALREADY_EXISTS);
    assertRefused(() -> r.mkdir("/dir-out"), Reason.ALREADY_EXISTS);
    assertRefused(() -> r.mkdir("/loop-a"), Reason.ALREADY_EXISTS);
    r.mkdir("/sub/made");
    assertThat(root.resolve("sub/made")).isDirectory();
    assertThat(debris(temp)).isEmpty();
  }

  @Test
  void aLinkThatLeadsNowhereYetCanBeRenamedButNotToWhereItWouldLeadOut() throws IOException {
    link("sub/pending", "missing/inner.txt");
    link("sub/pending-up", "../missing/x");

    r.rename("/sub/pending", "/sub/renamed");
    r.rename("/sub/pending-up", "/sub/renamed-up");
    denied(() -> r.rename("/sub/renamed-up", "/renamed-up"));
    assertThat(root.resolve("sub/renamed")).isSymbolicLink();
    assertThat(root.resolve("sub/renamed-up")).isSymbolicLink();
  }

  @Test
  void aFileSystemWithoutSecureDirectoryStreamsIsRefusedWhenTheResourceIsMade() throws IOException {
    Path zip = temp.resolve("tree.zip");
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
      assertThatThrownBy(() -> Resources.localDir(fs.getPath("/")))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageStartingWith("host directories need java.nio.file.SecureDirectoryStream to be confined without races");
    }
  }

  @Test
  void aMountRootReplacedByALinkOutIsRefused() throws IOException {
    Files.move(root, temp.resolve("moved-root"));
    Files.createSymbolicLink(root, outside);

    assertRefused(() -> r.read("/secret.txt"), Reason.NOT_FOUND);
    assertRefused(() -> r.write("/planted.txt", new byte[] {1}), Reason.NOT_FOUND);
    assertRefused(() -> r.list("/"), Reason.NOT_FOUND);
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }
}
