package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code find -perm}, {@code -executable}, {@code -readable} and {@code -writable} over the modes an
 * in-memory mount keeps (0644 files, 0755 directories, what {@code chmod} set), and a read-only mount.
 */
class FindPermTest extends BuiltinTestSupport {
  private static final String SETUP = "touch a b c; chmod 755 a; chmod 600 b; chmod 2711 c; mkdir d; chmod 700 d; ";

  static Stream<Arguments> perm() {
    return Stream.of(
        arguments("find . -perm 600", "./b\n"),
        arguments("find . -perm 2711", "./c\n"),
        arguments("find . -perm -2000", "./c\n"),
        arguments("find . -perm -0100", ".\n./a\n./c\n./d\n"),
        arguments("find . -perm /066", ".\n./a\n"),
        arguments("find . -perm -g+s,u+x", "./c\n"),
        arguments("find . -perm /+r -type f", "./a\n./b\n./c\n"),
        arguments("find . -perm -a+r", ".\n./a\n"),
        arguments("find . -perm u=rw", "./b\n"),
        arguments("find . -type f -executable", "./a\n./c\n"),
        arguments("find . ! -executable", "./b\n"),
        arguments("find . -readable | wc -l", "5\n"),
        arguments("find . -writable | wc -l", "5\n"),
        arguments("find /ro -writable; find /ro -readable", "/ro\n/ro/docs\n/ro/notes.txt\n"),
        arguments("find /ro -executable", "/ro\n/ro/docs\n"));
  }

  @ParameterizedTest
  @MethodSource
  void perm(String line, String stdout) {
    expect(SETUP + line, stdout);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("find . -perm xyz", "", "find: invalid mode ‘xyz’\n", 1),
        arguments("find . -perm -8", "", "find: invalid mode ‘-8’\n", 1),
        arguments("find . -perm 17777", "", "find: invalid mode ‘17777’\n", 1),
        arguments("find . -perm", "", "find: missing argument to `-perm'\n", 1),
        arguments("find . -perm /000 -name a", "./a\n", "find: warning: you have specified a mode pattern /000 (which is"
            + " equivalent to /000). The meaning of -perm /000 has now been changed to be consistent with -perm -000;"
            + " that is, while it used to match no files, it now matches all files.\n", 0));
  }

  @ParameterizedTest
  @MethodSource
  void errors(String line, String stdout, String stderr, int status) {
    expect("touch a; " + line, stdout, stderr, status);
  }
}
