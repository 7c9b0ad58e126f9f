package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code test} and {@code [}, against bash 5.2's builtin. */
class TestBuiltinTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    run("mkdir d; printf 'a\\n' > f; touch e");
  }

  static Stream<Arguments> truth() {
    return Stream.of(
        arguments("test", 1), arguments("test ''", 1), arguments("test x", 0),
        arguments("test -f f", 0), arguments("test -f d", 1), arguments("test -d d", 0), arguments("test -d f", 1),
        arguments("test -e nope", 1), arguments("test -a f", 0), arguments("test -e ''", 1),
        arguments("test -s e", 1), arguments("test -s f", 0), arguments("test -s d", 0),
        arguments("test -z ''", 0), arguments("test -n ''", 1), arguments("test -n x", 0),
        arguments("test x = x", 0), arguments("test x == y", 1), arguments("test x != y", 0),
        arguments("test a '<' b", 0), arguments("test b '>' a", 0), arguments("[ \u00e9 '>' z ]", 0),
        arguments("test 1 -eq 01", 0), arguments("test ' 1 ' -eq 1", 0), arguments("test -1 -lt 2", 0),
        arguments("test +1 -eq 1", 0), arguments("[ 5 -ne 5 ]", 1), arguments("[ 5 -le 5 ]", 0),
        arguments("[ 5 -ge 6 ]", 1), arguments("[ 6 -gt 5 ]", 0),
        arguments("[ 9223372036854775807 -gt -9223372036854775808 ]", 0),
        arguments("test ! x", 1), arguments("test ! -f d", 0), arguments("test ! x = y", 0),
        arguments("test ! ! x", 0), arguments("test ! ! ! a", 1), arguments("test '(' x ')'", 0),
        arguments("test '(' -f f ')'", 0), arguments("test '(' '' ')'", 1),
        arguments("test -f f -a -d d", 0), arguments("test -f f -o -d nope", 0),
        arguments("test x -a '(' y -o '' ')'", 0), arguments("test 1 -gt 2 -o 3 -gt 2", 0),
        arguments("test a = b -o c", 0), arguments("test -n a -a -z ''", 0), arguments("test '' -o ''", 1),
        arguments("[ -n '' -o -z '' ]", 0), arguments("[ '' -a '' -o x ]", 0), arguments("[ x -o '' -a '' ]", 0),
        arguments("[ x ]", 0), arguments("[ ]", 1), arguments("[ -f ]", 0), arguments("test -f", 0),
        arguments("test !", 0), arguments("test -n", 0), arguments("test ! -n", 1), arguments("test -z", 0),
        arguments("test -a x", 1), arguments("test -t", 0), arguments("test -t x", 1), arguments("test -o x", 1),
        arguments("[ ! ]", 0), arguments("[ '(' ]", 0), arguments("[ ! '' ]", 0), arguments("[ ! -z '' ]", 1),
        arguments("[ = = = ]", 0), arguments("[ -a -a -a ]", 0), arguments("[ -e -a -e ]", 0),
        arguments("[ f -ef ./f ]", 0), arguments("[ f -ef d ]", 1), arguments("[ f -nt nope ]", 0),
        arguments("[ nope -ot f ]", 0), arguments("[ -L f ]", 1), arguments("[ -p f ]", 1),
        arguments("[ -v HOME ]", 0), arguments("[ -v NOPE_X ]", 1));
  }

  @ParameterizedTest
  @MethodSource
  void truth(String line, int status) {
    expect(line, "", "", status);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("test a -eq 1", "test: a: integer expression expected\n"),
        arguments("test 1 -eq 1x", "test: 1x: integer expression expected\n"),
        arguments("test '' -eq 0", "test: : integer expression expected\n"),
        arguments("test 99999999999999999999 -eq 1", "test: 99999999999999999999: integer expression expected\n"),
        arguments("test a -eq 1 -o 1", "test: a: integer expression expected\n"),
        arguments("test 1 -lt", "test: 1: unary operator expected\n"),
        arguments("test -q x", "test: -q: unary operator expected\n"),
        arguments("test x y", "test: x: unary operator expected\n"),
        arguments("test a -a", "test: a: unary operator expected\n"),
        arguments("test x -a", "test: x: unary operator expected\n"),
        arguments("test '(' x", "test: (: unary operator expected\n"),
        arguments("test '(' ')'", "test: (: unary operator expected\n"),
        arguments("test ! '(' a", "test: (: unary operator expected\n"),
        arguments("test x y z", "test: y: binary operator expected\n"),
        arguments("test x -foo y", "test: -foo: binary operator expected\n"),
        arguments("test -z a b", "test: a: binary operator expected\n"),
        arguments("test '(' a b", "test: a: binary operator expected\n"),
        arguments("test -t 1 x", "test: 1: binary operator expected\n"),
        arguments("test a b c d", "test: too many arguments\n"),
        arguments("test a -a b c", "test: too many arguments\n"),
        arguments("test a -a b -x", "test: syntax error: `-x' unexpected\n"),
        arguments("test '(' a -a b c", "test: `)' expected, found c\n"),
        arguments("test 1 -ge 1 -a", "test: argument expected\n"),
        arguments("[ a = ]", "[: a: unary operator expected\n"),
        arguments("[ x", "[: missing `]'\n"),
        arguments("[", "[: missing `]'\n"),
        arguments("[ '(' x ]", "[: (: unary operator expected\n"),
        arguments("[ a = a ] ]", "[: too many arguments\n"));
  }

  @ParameterizedTest
  @MethodSource
  void malformed(String line, String stderr) {
    expect(line, "", stderr, 2);
  }

  @Test
  void writeAndExecuteFollowTheMountMode() {
    try (Workspace w = Workspace.builder()
        .mount("/x", Resources.inMemory())
        .mount("/w", Resources.inMemory(), Mode.WRITE)
        .mount("/r", ro, Mode.READ)
        .build()) {
      w.execute("touch /x/f /w/f");
      // A new file is 0644: executable only once chmod sets the bit, and only on an exec mount.
      assertThat(w.execute("[ -w /x/f ] && [ ! -x /x/f ]").exitCode()).isZero();
      assertThat(w.execute("chmod +x /x/f /w/f; [ -x /x/f ]").exitCode()).isZero();
      assertThat(w.execute("[ -w /w/f ]").exitCode()).isZero();
      assertThat(w.execute("[ -x /w/f ]").exitCode()).isOne();
      assertThat(w.execute("[ -x /r/docs ] && [ -r /r/notes.txt ]").exitCode()).isZero();
      assertThat(w.execute("[ -w /r/notes.txt ]").exitCode()).isOne();
      assertThat(w.execute("[ -x /r/notes.txt ]").exitCode()).isOne();
      assertThat(w.execute("[ -w / ]").exitCode()).isOne();
      assertThat(w.execute("[ -d / -a -x / ]").exitCode()).isZero();
    }
  }

  @Test
  void worksInConditions() {
    expect("if [ -f f ]; then echo file; fi; [ -d d ] && echo dir; test -e nope || echo none", "file\ndir\nnone\n");
  }
}
