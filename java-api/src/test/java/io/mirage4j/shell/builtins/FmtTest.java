package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fmt}: GNU fmt 9.1's line breaks, spacing, and limits, for the same input. */
class FmtTest extends BuiltinTestSupport {

  static Stream<Arguments> fills() {
    return Stream.of(
        arguments("printf 'aaa bbb ccc ddd eee fff ggg hhh\\n' | fmt -w 12", "aaa bbb ccc\nddd eee fff\nggg hhh\n"),
        arguments("printf 'x. y\\n' | fmt -u", "x. y\n"),
        arguments("printf 'Hi there.  New sentence here. Not end\\n' | fmt -w 20", "Hi there.\nNew sentence\nhere. Not end\n"),
        arguments("seq 1 1200 | tr '\\n' ' ' | fmt -w 50 | tail -2",
            "1181 1182 1183 1184 1185 1186 1187 1188 1189 1190\n1191 1192 1193 1194 1195 1196 1197 1198 1199 1200\n"),
        arguments("printf '%06000d' 0 | tr 0 w | fmt | wc -c", "6001\n"),
        arguments("printf 'a\\n\\n  \\nb\\n' | fmt", "a\n\n\nb\n"),
        arguments("printf 'a b\\n' | fmt -w 0", "a\nb\n"),
        arguments("printf 'one\\ntwo\\n' > f; fmt f - f < f", "one two\none two\none two\n"));
  }

  @ParameterizedTest
  @MethodSource
  void fills(String line, String stdout) {
    expect(line, stdout);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("fmt -w x", "", "fmt: invalid width: ‘x’\n", 1),
        arguments("fmt -w 2501", "", "fmt: invalid width: ‘2501’: Numerical result out of range\n", 1),
        arguments("fmt -g 76", "", "fmt: invalid width: ‘76’: Numerical result out of range\n", 1),
        arguments("fmt nope", "", "fmt: cannot open 'nope' for reading: No such file or directory\n", 1),
        arguments("fmt -z", "", "fmt: invalid option -- 'z'\nTry 'fmt --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void errors(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
