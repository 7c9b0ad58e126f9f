package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code head -c} and {@code tail -c}, against GNU coreutils 9.1. */
class HeadTailBytesTest extends BuiltinTestSupport {

  @BeforeEach
  void writeFile() {
    data.write("/a.txt", bytes("hello\nworld\n"));
  }

  static Stream<Arguments> head() {
    return Stream.of(
        arguments("head -c 3 a.txt", "hel", "", 0),
        arguments("head -c -4 a.txt", "hello\nwo", "", 0),
        arguments("head -c -100 a.txt", "", "", 0),
        arguments("head --bytes=7 a.txt", "hello\nw", "", 0),
        arguments("head -c 0 a.txt", "", "", 0),
        arguments("head -3c a.txt", "hel", "", 0),
        arguments("head -c 2 -n 1 a.txt", "hello\n", "", 0),
        arguments("head -n 1 -c 2 a.txt", "he", "", 0),
        arguments("printf abcdef | head -c 2", "ab", "", 0),
        arguments("{ head -c 2; echo '|'; cat; } < a.txt", "he|\nllo\nworld\n", "", 0),
        arguments("yes | head -c 4", "y\ny\n", "", 0),
        arguments("head -c x a.txt", "", "head: invalid number of bytes: ‘x’\n", 1),
        arguments("head -c", "", "head: option requires an argument -- 'c'\nTry 'head --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void head(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> tail() {
    return Stream.of(
        arguments("tail -c 3 a.txt", "ld\n", "", 0),
        arguments("tail -c +3 a.txt", "llo\nworld\n", "", 0),
        arguments("tail -c +100 a.txt", "", "", 0),
        arguments("tail -c 100 a.txt", "hello\nworld\n", "", 0),
        arguments("tail --bytes=+1 a.txt", "hello\nworld\n", "", 0),
        arguments("tail -4c a.txt", "rld\n", "", 0),
        arguments("tail -c 0 a.txt", "", "", 0),
        arguments("printf abcdef | tail -c 2", "ef", "", 0),
        arguments("printf abcdef | tail -c +5", "ef", "", 0),
        arguments("tail -c x a.txt", "", "tail: invalid number of bytes: ‘x’\n", 1),
        arguments("tail -c 2 nope.txt", "", "tail: cannot open 'nope.txt' for reading: No such file or directory\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void tail(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
