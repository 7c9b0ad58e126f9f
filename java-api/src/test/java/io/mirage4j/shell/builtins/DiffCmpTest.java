package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code diff} and {@code cmp}, against GNU diffutils 3.8. */
class DiffCmpTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/a", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
    file("/b", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n");
    file("/n1", "x\ny");
    file("/c1", "abc\ndef\n");
    file("/c2", "abc\ndxf\n");
    file("/c3", "abc");
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("diff a b", "2c2\n< b\n---\n> B\n10a11\n> k\n", "", 1),
        arguments("diff a a", "", "", 0),
        arguments("diff --label A --label B -U1 a b",
            "--- A\n+++ B\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10 +10,2 @@\n j\n+k\n", "", 1),
        arguments("diff n1 a | head -3", "1,2c1,10\n< x\n< y\n", "", 0),
        arguments("diff -u n1 n1", "", "", 0),
        arguments("diff -q a b", "Files a and b differ\n", "", 1),
        arguments("diff a nope", "", "diff: nope: No such file or directory\n", 2),
        arguments("diff a", "", "diff: missing operand after 'a'\ndiff: Try 'diff --help' for more information.\n", 2),
        arguments("printf 'A\\nB\\n' | diff -i - a | head -1", "2a3,10\n", "", 0),
        arguments("cmp c1 c2", "c1 c2 differ: byte 6, line 2\n", "", 1),
        arguments("cmp -l c1 c2", "6 145 170\n", "", 1),
        arguments("cmp c1 c3", "", "cmp: EOF on c3 after byte 3, in line 1\n", 1),
        arguments("cmp -s c1 c2", "", "", 1),
        arguments("cmp c1 nope", "", "cmp: nope: No such file or directory\n", 2));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void printsWhatDiffutilsPrints(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void unifiedHeadersCarryTheWorkspaceModificationTimes() {
    DateTimeFormatter gnu = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx").withZone(ZoneOffset.UTC);
    String timeA = gnu.format(data.stat("/a").modified());
    String timeB = gnu.format(data.stat("/b").modified());
    String out = new String(run("diff -u a b").stdout(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(out).startsWith("--- a\t" + timeA + "\n+++ b\t" + timeB + "\n@@ -1,5 +1,5 @@\n");
    assertThat(timeA).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000");
  }

  @Test
  void aBlankLineAddedAmongBlankLinesGoesWhereMyersPutsIt() {
    file("/x", "a\n\nb\n\nc\n");
    file("/y", "a\nb\n\n\nc\n");
    expect("diff x y", "2d1\n< \n4a4\n> \n", "", 1);
  }
}
