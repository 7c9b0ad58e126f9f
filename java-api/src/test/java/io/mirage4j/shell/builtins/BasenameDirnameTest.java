package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code basename} and {@code dirname}, against GNU coreutils 9.1. */
class BasenameDirnameTest extends BuiltinTestSupport {

  static Stream<Arguments> basename() {
    return Stream.of(
        arguments("basename /usr/lib/x.txt", "x.txt\n", "", 0),
        arguments("basename dir/report.csv .csv", "report\n", "", 0),
        arguments("basename .csv .csv", ".csv\n", "", 0),
        arguments("basename a/b//; basename /; basename //", "b\n/\n/\n", "", 0),
        arguments("basename ''", "\n", "", 0),
        arguments("basename -a a/x b/y c/", "x\ny\nc\n", "", 0),
        arguments("basename -s .c src/a.c b.c c.h", "a\nb\nc.h\n", "", 0),
        arguments("basename --suffix=.txt a.txt b.txt", "a\nb\n", "", 0),
        arguments("basename -z a/b c", "b\0", "", 0),
        arguments("basename -- -a", "-a\n", "", 0),
        arguments("basename", "", "basename: missing operand\nTry 'basename --help' for more information.\n", 1),
        arguments("basename a b c", "", "basename: extra operand ‘c’\nTry 'basename --help' for more information.\n", 1),
        arguments("basename -x a", "", "basename: invalid option -- 'x'\nTry 'basename --help' for more information.\n", 1),
        arguments("basename -s", "",
            "basename: option requires an argument -- 's'\nTry 'basename --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void basename(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> dirname() {
    return Stream.of(
        arguments("dirname a/b/ /a //a a / /x/y//z//", "a\n/\n/\n.\n/\n/x/y\n", "", 0),
        arguments("dirname file.txt ''", ".\n.\n", "", 0),
        arguments("dirname ../a ./b .. .", "..\n.\n.\n.\n", "", 0),
        arguments("dirname -z a/b c/d", "a\0c\0", "", 0),
        arguments("dirname -- -x/y", "-x\n", "", 0),
        arguments("dirname", "", "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1),
        arguments("dirname --nope a", "",
            "dirname: unrecognized option '--nope'\nTry 'dirname --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void dirname(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
