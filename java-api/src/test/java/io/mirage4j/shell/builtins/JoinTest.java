package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code join} as GNU join 9.1 prints the same lines. */
class JoinTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/f1", "a 1\nb 2\nc 3\n");
    file("/f2", "a x\nc y\nd z\n");
    file("/u1", "b 1\na 2\n");
    file("/u2", "a q\nb r\n");
  }

  static Stream<Arguments> joins() {
    return Stream.of(
        arguments("join f1 f2", "a 1 x\nc 3 y\n"),
        arguments("join -a1 -a2 f1 f2", "a 1 x\nb 2\nc 3 y\nd z\n"),
        arguments("join -v1 -v2 f1 f2", "b 2\nd z\n"),
        arguments("join -a2 -o 2.2,0,1.2 -e - f1 f2", "x a 1\ny c 3\nz d -\n"),
        arguments("join -o auto -a1 -e '?' f1 f2", "a 1 x\nb 2 ?\nc 3 y\n"),
        arguments("printf 'x a\\ny c\\n' > g; join -1 2 g f2", "a x x\nc y y\n"),
        arguments("join -t '' f1 f1", "a 1\nb 2\nc 3\n"),
        arguments("printf 'a\\tb\\n' > t1; printf 'a\\tc\\n' > t2; join -t \"$(printf '\\t')\" t1 t2", "a\tb\tc\n"),
        arguments("printf 'K 1\\n' > k1; printf 'k 2\\n' > k2; join -i k1 k2; join k1 k2", "K 1 2\n"),
        arguments("printf 'a 1\\na 2\\n' > m1; printf 'a x\\na y\\n' > m2; join m1 m2", "a 1 x\na 1 y\na 2 x\na 2 y\n"),
        arguments("join --nocheck-order u1 u2", "b 1 r\n"),
        arguments("printf 'a 1\\0' > z1; printf 'a 2\\0' > z2; join -z z1 z2 | od -An -c", "   a       1       2  \\0\n"),
        arguments("join --header f1 f2", "a 1 x\nc 3 y\n"),
        arguments("printf 'a 9\\n' | join f1 -", "a 1 9\n"));
  }

  @ParameterizedTest
  @MethodSource
  void joins(String line, String stdout) {
    expect(line, stdout);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("join u1 u2", "b 1 r\n", "join: u1:2: is not sorted: a 2\njoin: input is not in sorted order\n", 1),
        arguments("join --check-order u1 u2", "", "join: u1:2: is not sorted: a 2\n", 1),
        arguments("join f1", "", "join: missing operand after ‘f1’\nTry 'join --help' for more information.\n", 1),
        arguments("join", "", "join: missing operand\nTry 'join --help' for more information.\n", 1),
        arguments("join f1 f2 f3", "", "join: extra operand 'f3'\nTry 'join --help' for more information.\n", 1),
        arguments("join nope f1", "", "join: nope: No such file or directory\n", 1),
        arguments("join -2 x f1 f2", "", "join: invalid field number: ‘x’\n", 1),
        arguments("join -v 0 f1 f2", "", "join: invalid field number: ‘0’\n", 1),
        arguments("join -o 3.1 f1 f2", "", "join: invalid file number in field spec: ‘3.1’\n", 1),
        arguments("join -t xy f1 f2", "", "join: multi-character tab ‘xy’\n", 1),
        arguments("join - -", "", "join: both files cannot be standard input: No such file or directory\n", 1),
        arguments("join -q f1 f2", "", "join: invalid option -- 'q'\nTry 'join --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void errors(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
