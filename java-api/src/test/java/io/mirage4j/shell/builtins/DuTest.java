package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code du} over an in-memory tree, counted as an ext4 disk would count it: whole 4 KiB blocks per
 * file, one per directory; entries in name order.
 */
class DuTest extends BuiltinTestSupport {

  @BeforeEach
  void tree() {
    file("/a", "hello\n");
    file("/z", "");
    data.mkdir("/d");
    data.mkdir("/d/e");
    file("/d/b", "x".repeat(5000));
    file("/d/e/c", "y".repeat(10241));
  }

  static Stream<Arguments> usage() {
    return Stream.of(
        arguments("du", "16\t./d/e\n28\t./d\n36\t.\n"),
        arguments("du -a", "4\t./a\n8\t./d/b\n12\t./d/e/c\n16\t./d/e\n28\t./d\n0\t./z\n36\t.\n"),
        arguments("du -ab", "6\t./a\n5000\t./d/b\n10241\t./d/e/c\n14337\t./d/e\n23433\t./d\n0\t./z\n27535\t.\n"),
        arguments("du -ah d", "8.0K\td/b\n12K\td/e/c\n16K\td/e\n28K\td\n"),
        arguments("du -s; du -sh .", "36\t.\n36K\t.\n"),
        arguments("du -d 1", "28\t./d\n36\t.\n"),
        arguments("du --max-depth=1 -a d", "8\td/b\n16\td/e\n28\td\n"),
        arguments("du -hc a d", "4.0K\ta\n16K\td/e\n28K\td\n32K\ttotal\n"),
        arguments("du -k --apparent-size d", "15\td/e\n23\td\n"),
        arguments("du -m d", "1\td/e\n1\td\n"),
        arguments("du -BM a; du -B 1KB a", "1M\ta\n5\ta\n"),
        arguments("du d// ; du -a d//e", "16\td/e\n28\td/\n12\td//e/c\n16\td//e\n"),
        arguments("du /ro", "4\t/ro/docs\n12\t/ro\n"));
  }

  @ParameterizedTest
  @MethodSource
  void usage(String line, String stdout) {
    expect(line, stdout);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("du nope a", "4\ta\n", "du: cannot access 'nope': No such file or directory\n", 1),
        arguments("du -sa", "", "du: cannot both summarize and show all entries\n"
            + "Try 'du --help' for more information.\n", 1),
        arguments("du -s -d 2", "", "du: warning: summarizing conflicts with --max-depth=2\n"
            + "Try 'du --help' for more information.\n", 1),
        arguments("du -s -d 0 d/e", "16\td/e\n", "du: warning: summarizing is the same as using --max-depth=0\n", 0),
        arguments("du -d x", "", "du: invalid maximum depth ‘x’\nTry 'du --help' for more information.\n", 1),
        arguments("du --max-depth=-1", "", "du: invalid maximum depth ‘-1’\nTry 'du --help' for more information.\n", 1),
        arguments("du -Bx a", "", "du: invalid -B argument 'x'\n", 1),
        arguments("du --block-size=x a", "", "du: invalid --block-size argument 'x'\n", 1),
        arguments("du -q", "", "du: invalid option -- 'q'\nTry 'du --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void errors(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void humanSizesRoundUpAsGnuDoes() {
    assertThat(Du.human(0)).isEqualTo("0");
    assertThat(Du.human(1023)).isEqualTo("1023");
    assertThat(Du.human(1024)).isEqualTo("1.0K");
    assertThat(Du.human(1025)).isEqualTo("1.1K");
    assertThat(Du.human(10 * 1024 - 1)).isEqualTo("10K");
    assertThat(Du.human(10 * 1024 + 1)).isEqualTo("11K");
    assertThat(Du.human(1024 * 1024 - 1)).isEqualTo("1.0M");
    assertThat(Du.human(1536L * 1024 * 1024)).isEqualTo("1.5G");
  }
}
