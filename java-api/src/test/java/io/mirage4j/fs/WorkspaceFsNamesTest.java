package io.mirage4j.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.ResourceException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names a mount cannot store are refused by {@link WorkspaceFs} before any resource sees them, as
 * Linux refuses them: {@code File name too long} past 255 bytes of UTF-8 per name or 4095 per path,
 * {@code Invalid or incomplete multibyte or wide character} for a name with a lone surrogate.
 */
class WorkspaceFsNamesTest {
  private static final String LONG = "/m/" + "a".repeat(256);
  private static final String DEEP = "/m" + "/d".repeat(2047);
  private static final String SURROGATE = "/m/x\udcffy";

  @TempDir static Path temp;

  static Stream<Arguments> refusals() {
    return Stream.of(LONG, DEEP, "/m/" + "é".repeat(128), SURROGATE, "/m/\ud800").flatMap(path -> Stream.of(
        Arguments.of("in memory", path), Arguments.of("host directory", path)));
  }

  private static WorkspaceFs fs(String kind) {
    Resource resource = kind.equals("in memory") ? Resources.inMemory() : Resources.localDir(temp);
    WorkspaceFs fs = new WorkspaceFs(new MountTable(List.of(new Mount("/m", resource, Mode.WRITE))));
    fs.write("/m/f", "kept".getBytes(UTF_8));
    return fs;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusals")
  void everyOperationRefusesTheName(String kind, String path) {
    WorkspaceFs fs = fs(kind);
    Reason reason = path.contains("\udcff") || path.contains("\ud800") ? Reason.INVALID_NAME : Reason.NAME_TOO_LONG;
    List<Consumer<String>> operations = List.of(
        fs::stat, fs::list, fs::read, fs::open, p -> fs.write(p, new byte[0]), p -> fs.append(p, new byte[0]),
        fs::mkdir, fs::delete, p -> fs.rename("/m/f", p), p -> fs.rename(p, "/m/g"));
    for (Consumer<String> operation : operations) {
      assertThatThrownBy(() -> operation.accept(path)).isInstanceOfSatisfying(ResourceException.class, e -> {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.path()).isEqualTo(path);
      });
    }
    assertThat(fs.exists(path)).isFalse();
    assertThat(fs.read("/m/f")).asString(UTF_8).isEqualTo("kept");
    assertThat(fs.list("/m")).extracting(FileStat::name).containsExactly("f");
    fs.delete("/m/f");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theLongestNameAndPathAreStored(String kind) {
    WorkspaceFs fs = fs(kind);
    String longest = "/m/" + "é".repeat(127) + "x";
    fs.write(longest, "255".getBytes(UTF_8));
    assertThat(fs.read(longest)).asString(UTF_8).isEqualTo("255");
    fs.delete(longest);
    fs.delete("/m/f");
    if (kind.equals("in memory")) {
      String dirs = "/m" + "/c".repeat(2045);
      String deepest = dirs + "/" + "z".repeat(4095 - dirs.length() - 1);
      assertThat(deepest.getBytes(UTF_8)).hasSize(4095);
      for (int end = 4; end <= dirs.length(); end += 2) {
        fs.mkdir(dirs.substring(0, end));
      }
      fs.write(deepest, new byte[0]);
      assertThat(fs.stat(deepest).size()).isZero();
    }
  }

  static Stream<String> kinds() {
    return Stream.of("in memory", "host directory");
  }

  @org.junit.jupiter.api.Test
  void theMessagesAreLinuxs() {
    assertThat(Reason.NAME_TOO_LONG.posixMessage()).isEqualTo("File name too long");
    assertThat(Reason.INVALID_NAME.posixMessage()).isEqualTo("Invalid or incomplete multibyte or wide character");
  }
}
