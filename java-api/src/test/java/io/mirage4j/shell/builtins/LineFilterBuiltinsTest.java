package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rev tac nl paste}, against util-linux 2.38 and GNU coreutils 9.1. */
class LineFilterBuiltinsTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/f", "one\ntwo\n\nfour\n");
    file("/g", "x\ny");
    file("/a", "a\nb\n");
    file("/n", "1\n2\n3\n");
  }

  static Stream<Arguments> rev() {
    return Stream.of(
        arguments("rev f", "eno\nowt\n\nruof\n", "", 0),
        arguments("rev g", "x\ny", "", 0),
        arguments("echo 'héllo' | rev", "olléh\n", "", 0),
        arguments("rev nope g", "x\ny", "rev: cannot open nope: No such file or directory\n", 1),
        arguments("rev -x", "", "rev: invalid option -- 'x'\nTry 'rev --help' for more information.\n", 1));
  }

  static Stream<Arguments> tac() {
    return Stream.of(
        arguments("tac f", "four\n\ntwo\none\n", "", 0),
        arguments("tac g", "yx\n", "", 0),
        arguments("printf 'a,b,c,' | tac -s ,", "c,b,a,", "", 0),
        arguments("printf 'a\\nb\\n' | tac -b", "\n\nba", "", 0),
        arguments("tac nope g", "yx\n", "tac: failed to open 'nope' for reading: No such file or directory\n", 1));
  }

  static Stream<Arguments> nl() {
    return Stream.of(
        arguments("nl f", "     1\tone\n     2\ttwo\n       \n     3\tfour\n", "", 0),
        arguments("nl -ba -w2 -s: g", " 1:x\n 2:y\n", "", 0),
        arguments("nl -n rz -w3 -v 9 -i 2 a", "009\ta\n011\tb\n", "", 0),
        arguments("nl -n ln -bp^t f", "       one\n1     \ttwo\n       \n       four\n", "", 0),
        arguments("nl a g", "     1\ta\n     2\tb\n     3\tx\n     4\ty\n", "", 0),
        arguments("nl -b x f", "", "nl: invalid body numbering style: ‘x’\nTry 'nl --help' for more information.\n", 1),
        arguments("nl -w 0 f", "", "nl: invalid line number field width: ‘0’: Numerical result out of range\n", 1));
  }

  static Stream<Arguments> paste() {
    return Stream.of(
        arguments("paste a n", "a\t1\nb\t2\n\t3\n", "", 0),
        arguments("paste -d ':;' n a n", "1:a;1\n2:b;2\n3:;3\n", "", 0),
        arguments("paste -s a n", "a\tb\n1\t2\t3\n", "", 0),
        arguments("seq 1 5 | paste - -", "1\t2\n3\t4\n5\t\n", "", 0),
        arguments("paste -d '' a n", "a1\nb2\n3\n", "", 0),
        arguments("paste a nope", "", "paste: nope: No such file or directory\n", 1),
        arguments("paste -d 'x\\' a", "", "paste: delimiter list ends with an unescaped backslash: x\\\n", 1));
  }

  @ParameterizedTest
  @MethodSource({"rev", "tac", "nl", "paste"})
  void filters(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void revStreamsAnEndlessInput() {
    expect("seq 1 100000000 | rev | head -n 2", "1\n2\n");
  }
}
