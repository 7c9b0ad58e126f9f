package io.mirage4j.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.ResourceException.Reason;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What every {@link Resource} must do; each implementation's test extends this. */
abstract class ResourceContract {

  abstract Resource resource();

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static void assertFails(Runnable op, Reason reason) {
    assertThatThrownBy(op::run)
        .isInstanceOfSatisfying(ResourceException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void writesReadsAndAppends() {
    Resource r = resource();
    r.write("/a.txt", bytes("one\n"));
    r.append("/a.txt", bytes("two\n"));
    r.append("/new.txt", bytes("fresh"));
    assertThat(new String(r.read("/a.txt"), UTF_8)).isEqualTo("one\ntwo\n");
    assertThat(new String(r.read("/new.txt"), UTF_8)).isEqualTo("fresh");
    r.write("/a.txt", bytes("x"));
    assertThat(r.stat("/a.txt").size()).isEqualTo(1);
  }

  @Test
  void aReadBufferIsReadOnlyAndKeepsWhatTheFileWasWhenItWasTaken() {
    Resource r = resource();
    r.write("/a.txt", bytes("one"));
    r.append("/a.txt", bytes("two"));
    ByteBuffer before = r.readBuffer("/a.txt");
    r.append("/a.txt", bytes("three"));
    ByteBuffer appended = r.readBuffer("/a.txt");
    r.write("/a.txt", bytes("four"));
    assertThat(before.isReadOnly()).isTrue();
    assertThat(UTF_8.decode(before).toString()).isEqualTo("onetwo");
    assertThat(UTF_8.decode(appended).toString()).isEqualTo("onetwothree");
    assertThat(UTF_8.decode(r.readBuffer("/a.txt")).toString()).isEqualTo("four");
    assertFails(() -> r.readBuffer("/missing"), Reason.NOT_FOUND);
    r.mkdir("/d");
    assertFails(() -> r.readBuffer("/d"), Reason.IS_A_DIRECTORY);
  }

  @Test
  void listsDirectoriesSortedByName() {
    Resource r = resource();
    r.mkdir("/d");
    r.write("/d/b", bytes("b"));
    r.write("/d/a", bytes("aa"));
    r.mkdir("/d/c");
    r.write("/d/c/deep", bytes(""));
    assertThat(r.list("/d")).extracting(FileStat::name).containsExactly("a", "b", "c");
    assertThat(r.list("/d")).extracting(FileStat::kind)
        .containsExactly(FileStat.Kind.FILE, FileStat.Kind.FILE, FileStat.Kind.DIRECTORY);
    assertThat(r.stat("/").isDirectory()).isTrue();
  }

  @Test
  void reportsPosixReasons() {
    Resource r = resource();
    r.write("/f", bytes("x"));
    r.mkdir("/d");
    r.write("/d/x", bytes("x"));
    assertFails(() -> r.read("/missing"), Reason.NOT_FOUND);
    assertFails(() -> r.read("/d"), Reason.IS_A_DIRECTORY);
    assertFails(() -> r.list("/f"), Reason.NOT_A_DIRECTORY);
    assertFails(() -> r.mkdir("/d"), Reason.ALREADY_EXISTS);
    assertFails(() -> r.mkdir("/no/such"), Reason.NOT_FOUND);
    assertFails(() -> r.delete("/d"), Reason.NOT_EMPTY);
    assertFails(() -> r.write("/missing/dir/x", bytes("x")), Reason.NOT_FOUND);
    assertFails(() -> r.write("/f/x", bytes("x")), Reason.NOT_A_DIRECTORY);
    assertFails(() -> r.write("/d", bytes("x")), Reason.IS_A_DIRECTORY);
  }

  @Test
  void deletesAndRenames() {
    Resource r = resource();
    r.mkdir("/d");
    r.write("/d/x", bytes("x"));
    r.rename("/d", "/e");
    assertThat(new String(r.read("/e/x"), UTF_8)).isEqualTo("x");
    assertFails(() -> r.stat("/d"), Reason.NOT_FOUND);
    r.write("/other", bytes("old"));
    r.rename("/e/x", "/other");
    assertThat(new String(r.read("/other"), UTF_8)).isEqualTo("x");
    r.delete("/other");
    r.delete("/e");
    assertThat(r.list("/")).isEmpty();
  }
}
