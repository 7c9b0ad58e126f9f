package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code command -v} and {@code -V} as bash prints them, with every command of this shell a builtin
 * ({@code command -v ls} is {@code ls}, as {@code type ls} says {@code ls is a shell builtin}).
 */
class CommandTest extends BuiltinTestSupport {

  static Stream<Arguments> describe() {
    return Stream.of(
        arguments("command -v ls cat echo", "ls\ncat\necho\n", "", 0),
        arguments("f() { :; }; command -v f if set", "f\nif\nset\n", "", 0),
        arguments("command -v nope; echo $?", "1\n", "", 0),
        arguments("command -v nope ls; echo $?", "ls\n0\n", "", 0),
        arguments("command -V ls if", "ls is a shell builtin\nif is a shell keyword\n", "", 0),
        arguments("f() { echo a; }; command -V f", "f is a function\nf () \n{ \n    echo a\n}\n", "", 0),
        arguments("command -V nope", "", "mirage: command: nope: not found\n", 1),
        arguments("command -V ''", "", "mirage: command: : not found\n", 1),
        arguments("command -vV echo; command -Vv echo", "echo is a shell builtin\necho\n", "", 0),
        arguments("command -v -- echo", "echo\n", "", 0),
        arguments("command -v; echo $?", "0\n", "", 0),
        arguments("command -x", "", "mirage: command: -x: invalid option\n"
            + "command: usage: command [-pVv] command [arg ...]\n", 2),
        arguments("echo() { printf 'fn\\n'; }; command -p echo hi; command -- echo ho", "hi\nho\n", "", 0),
        arguments("command -p cd /ro; pwd", "/ro\n", "", 0),
        arguments("command -p nope", "", "nope: command not found\n", 127),
        arguments("env command -v grep", "grep\n", "", 0),
        arguments("command echo plain", "plain\n", "", 0),
        arguments("which command; echo $?; type -t command", "1\nbuiltin\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void describe(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
