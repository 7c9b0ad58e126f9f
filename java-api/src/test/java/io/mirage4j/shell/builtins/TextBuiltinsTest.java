package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code head tail wc sort uniq seq}, against GNU coreutils 9.1. */
class TextBuiltinsTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    run("seq 1 15 > f; printf 'x\\ny' > g; mkdir d; seq 1 2000 > big");
    file("/s", "b\na\nB\n10\n9\n-1\n a\n\nb\n1.5\nx1\n");
    file("/u", "a\na\nb\nc\nc\nc\na");
  }

  static Stream<Arguments> headAndTail() {
    return Stream.of(
        arguments("head -3 f", "1\n2\n3\n", "", 0),
        arguments("head f -n 2", "1\n2\n", "", 0),
        arguments("head -n2 -- f", "1\n2\n", "", 0),
        arguments("head -n 2 f g", "==> f <==\n1\n2\n\n==> g <==\nx\ny", "", 0),
        arguments("head -n -12 f", "1\n2\n3\n", "", 0),
        arguments("head -n +2 f", "1\n2\n", "", 0),
        arguments("head -n 0 f", "", "", 0),
        arguments("head -n 1k f | wc -l", "15\n", "", 0),
        arguments("head -v -n1 f", "==> f <==\n1\n", "", 0),
        arguments("head -q -n1 f g", "1\nx\n", "", 0),
        arguments("head -2q f g", "1\n2\nx\ny", "", 0),
        arguments("seq 1 12 | head", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0),
        arguments("echo hi | head -n 1 - f", "==> standard input <==\nhi\n\n==> f <==\n1\n", "", 0),
        arguments("cat f | head -n -13", "1\n2\n", "", 0),
        arguments("head -n 2 f nope g", "==> f <==\n1\n2\n\n==> g <==\nx\ny",
            "head: cannot open 'nope' for reading: No such file or directory\n", 1),
        arguments("head -n 1 d f", "==> d <==\n\n==> f <==\n1\n", "head: error reading 'd': Is a directory\n", 1),
        arguments("head f -3", "", "head: invalid trailing option -- 3\nTry 'head --help' for more information.\n", 1),
        arguments("head -2 f -1", "", "head: invalid trailing option -- 1\nTry 'head --help' for more information.\n", 1),
        arguments("head -n x f", "", "head: invalid number of lines: ‘x’\n", 1),
        arguments("head -n 99999999999999999999999 f", "",
            "head: invalid number of lines: ‘99999999999999999999999’: Value too large for defined data type\n", 1),
        arguments("head -n", "", "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n", 1),
        arguments("tail -n +13 f", "13\n14\n15\n", "", 0),
        arguments("tail -n 1 g", "y", "", 0),
        arguments("tail -n -2 f", "14\n15\n", "", 0),
        arguments("tail -n +0 g", "x\ny", "", 0),
        arguments("tail -n 0 f", "", "", 0),
        arguments("tail +14 f", "14\n15\n", "", 0),
        arguments("tail -2 f", "14\n15\n", "", 0),
        arguments("tail -v -n1 f", "==> f <==\n15\n", "", 0),
        arguments("tail -n 1 f g", "==> f <==\n15\n\n==> g <==\ny", "", 0),
        arguments("tail f", "6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "", 0),
        arguments("cat f | tail -n 3", "13\n14\n15\n", "", 0),
        arguments("cat f | tail -n +14", "14\n15\n", "", 0),
        arguments("cat f | tail -2 -", "14\n15\n", "", 0),
        arguments("tail -3 f g", "", "tail: option used in invalid context -- 3\n", 1),
        arguments("tail -n +x f", "", "tail: invalid number of lines: ‘+x’\n", 1),
        arguments("tail -n 1 d f", "==> d <==\n\n==> f <==\n15\n", "tail: error reading 'd': Is a directory\n", 1),
        arguments("tail nope", "", "tail: cannot open 'nope' for reading: No such file or directory\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void headAndTail(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void headStopsReadingStdinOnceItHasItsLines() {
    AtomicInteger writes = new AtomicInteger();
    ws.command("endless", (ctx, args) -> {
      byte[] chunk = "y\n".repeat(1000).getBytes();
      try {
        for (int i = 0; i < 100_000; i++) {
          ctx.stdout().write(chunk);
          writes.incrementAndGet();
        }
      } catch (IOException e) {
        return 141;
      }
      return 0;
    });
    expect("endless | head -n 2", "y\ny\n");
    assertThat(writes.get()).isLessThan(1000);
    expect("seq 1 1000000 | head -n 1", "1\n");
    expect("seq 1 1000000 | cat | head -n 1", "1\n");
  }

  static Stream<Arguments> wc() {
    return Stream.of(
        arguments("wc f", "15 15 36 f\n", "", 0),
        arguments("wc -l f", "15 f\n", "", 0),
        arguments("wc -l f g", "15 f\n 1 g\n16 total\n", "", 0),
        arguments("wc f g", "15 15 36 f\n 1  2  3 g\n16 17 39 total\n", "", 0),
        arguments("wc f g big", "  15   15   36 f\n   1    2    3 g\n2000 2000 8893 big\n2016 2017 8932 total\n", "", 0),
        arguments("cat f | wc", "     15      15      36\n", "", 0),
        arguments("cat f | wc -l", "15\n", "", 0),
        arguments("cat g | wc - f", "      1       2       3 -\n     15      15      36 f\n     16      17      39 total\n", "", 0),
        arguments("wc d", "      0       0       0 d\n", "wc: d: Is a directory\n", 1),
        arguments("wc d f", "      0       0       0 d\n     15      15      36 f\n     15      15      36 total\n",
            "wc: d: Is a directory\n", 1),
        arguments("wc nope f", "15 15 36 f\n15 15 36 total\n", "wc: nope: No such file or directory\n", 1),
        arguments("wc -lw f", "15 15 f\n", "", 0),
        arguments("wc -cl big", "2000 8893 big\n", "", 0),
        arguments("wc --bytes f", "36 f\n", "", 0),
        arguments("touch e; wc e", "0 0 0 e\n", "", 0),
        arguments("printf '' | wc", "      0       0       0\n", "", 0),
        arguments("printf '\\001 a\\377 b\\n' | wc -w", "2\n", "", 0),
        arguments("printf '\\377 b\\n' | wc -w", "1\n", "", 0),
        arguments("printf '\u00e9 \u00e8\\n' | wc", "      1       2       6\n", "", 0),
        arguments("printf 'a\u00a0b a\u2003b\\n' | wc -w", "4\n", "", 0),
        arguments("printf 'a\u0085b c\\n' | wc", "      1       2       7\n", "", 0),
        arguments("wc ''", "", "wc: invalid zero-length file name\n", 1),
        arguments("wc -x", "", "wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void wc(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> sort() {
    return Stream.of(
        arguments("sort s", "\n a\n-1\n1.5\n10\n9\nB\na\nb\nb\nx1\n"),
        arguments("sort -r s", "x1\nb\nb\na\nB\n9\n10\n1.5\n-1\n a\n\n"),
        arguments("sort -n s", "-1\n\n a\nB\na\nb\nb\nx1\n1.5\n9\n10\n"),
        arguments("sort -rn s", "10\n9\n1.5\nx1\nb\nb\na\nB\n a\n\n-1\n"),
        arguments("sort -u s", "\n a\n-1\n1.5\n10\n9\nB\na\nb\nx1\n"),
        arguments("sort -nu s", "-1\nb\n1.5\n9\n10\n"),
        arguments("sort --reverse -n -u s", "10\n9\n1.5\nb\n-1\n"),
        arguments("sort u s | uniq -c | head -3", "      1 \n      1  a\n      1 -1\n"),
        arguments("printf '\u00e9\\nz\\nZ\\n\\360\\235\\224\\270\\n\\357\\277\\277\\n' | sort",
            "Z\nz\n\u00e9\n\uffff\n\uD835\uDD38\n"),
        arguments("printf '1e3\\n2\\n0x10\\n+5\\n-0\\n0\\n.5\\n1,000\\n' | sort -n", "+5\n-0\n0\n0x10\n.5\n1,000\n1e3\n2\n"),
        arguments("printf '2 a\\n10 b\\n2 A\\n\\t3\\n' | sort -n", "2 A\n2 a\n\t3\n10 b\n"),
        arguments("printf 'b\\na' | sort", "a\nb\n"),
        arguments("printf 'b\\na\\n' | sort - ", "a\nb\n"));
  }

  @ParameterizedTest
  @MethodSource
  void sort(String line, String stdout) {
    expect(line, stdout);
  }

  @Test
  void sortStopsAtTheFirstUnreadableFile() {
    expect("sort nope f", "", "sort: cannot read: nope: No such file or directory\n", 2);
    expect("sort d", "", "sort: read failed: d: Is a directory\n", 2);
    expect("sort -k1 f", "", "sort: invalid option -- 'k'\nTry 'sort --help' for more information.\n", 2);
  }

  static Stream<Arguments> uniq() {
    return Stream.of(
        arguments("uniq u", "a\nb\nc\na\n", "", 0),
        arguments("uniq -c u", "      2 a\n      1 b\n      3 c\n      1 a\n", "", 0),
        arguments("uniq -d u", "a\nc\n", "", 0),
        arguments("uniq -u u", "b\na\n", "", 0),
        arguments("uniq -cd u", "      2 a\n      3 c\n", "", 0),
        arguments("uniq -du u", "", "", 0),
        arguments("uniq u out; cat out", "a\nb\nc\na\n", "", 0),
        arguments("printf 'a\\na' | uniq", "a\n", "", 0),
        arguments("printf 'b\\na' | uniq -c", "      1 b\n      1 a\n", "", 0),
        arguments("printf 'x\\nx\\n' | uniq - -", "x\n", "", 0),
        arguments("uniq nope", "", "uniq: nope: No such file or directory\n", 1),
        arguments("uniq a b c", "", "uniq: extra operand ‘c’\nTry 'uniq --help' for more information.\n", 1),
        arguments("uniq u /ro/out", "", "uniq: /ro/out: Read-only file system\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void uniq(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> seq() {
    return Stream.of(
        arguments("seq 3", "1\n2\n3\n", "", 0),
        arguments("seq 2 4", "2\n3\n4\n", "", 0),
        arguments("seq 1 2 8", "1\n3\n5\n7\n", "", 0),
        arguments("seq 5 1", "", "", 0),
        arguments("seq 10 -3 1", "10\n7\n4\n1\n", "", 0),
        arguments("seq -s, 3", "1,2,3\n", "", 0),
        arguments("seq -s '' 3", "123\n", "", 0),
        arguments("seq -s ', ' 3", "1, 2, 3\n", "", 0),
        arguments("seq --separator=: 3", "1:2:3\n", "", 0),
        arguments("seq -w 8 10", "08\n09\n10\n", "", 0),
        arguments("seq -w -3 1", "-3\n-2\n-1\n00\n01\n", "", 0),
        arguments("seq -w 0.5 1.5 10", "00.5\n02.0\n03.5\n05.0\n06.5\n08.0\n09.5\n", "", 0),
        arguments("seq -w 1e1 12", "10\n11\n12\n", "", 0),
        arguments("seq 0 0.1 0.3", "0.0\n0.1\n0.2\n0.3\n", "", 0),
        arguments("seq 0 0.1 1 | tail -2", "0.9\n1.0\n", "", 0),
        arguments("seq 0 0.000001 0.000003", "0.000000\n0.000001\n0.000002\n0.000003\n", "", 0),
        arguments("seq 1 0.5 3", "1.0\n1.5\n2.0\n2.5\n3.0\n", "", 0),
        arguments("seq 1e-2 1e-2 3e-2", "0.01\n0.02\n0.03\n", "", 0),
        arguments("seq 1e2 1e2", "100\n", "", 0),
        arguments("seq 0x10 0x12", "16\n17\n18\n", "", 0),
        arguments("seq 0x1p1 4", "2\n3\n4\n", "", 0),
        arguments("seq -- -1 1", "-1\n0\n1\n", "", 0),
        arguments("seq -0 1", "-0\n1\n", "", 0),
        arguments("seq -1.5 -0.5 -3", "-1.5\n-2.0\n-2.5\n-3.0\n", "", 0),
        arguments("seq 99999999999999999998 99999999999999999999", "99999999999999999998\n99999999999999999999\n", "", 0),
        arguments("seq inf | head -2", "1\n2\n", "", 0),
        arguments("seq", "", "seq: missing operand\nTry 'seq --help' for more information.\n", 1),
        arguments("seq 1 x", "", "seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n", 1),
        arguments("seq 1 0 3", "", "seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n", 1),
        arguments("seq nan", "", "seq: invalid ‘not-a-number’ argument: ‘nan’\nTry 'seq --help' for more information.\n", 1),
        arguments("seq 1 2 3 4", "", "seq: extra operand ‘4’\nTry 'seq --help' for more information.\n", 1),
        arguments("seq -w 9 11 -s x", "", "seq: extra operand ‘x’\nTry 'seq --help' for more information.\n", 1),
        arguments("seq -x", "", "seq: invalid option -- 'x'\nTry 'seq --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void seq(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
