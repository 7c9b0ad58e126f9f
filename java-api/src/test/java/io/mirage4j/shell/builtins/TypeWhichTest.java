package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code type} as bash 5.2 prints it, and {@code which} as {@code command -v} prints a builtin. */
class TypeWhichTest extends BuiltinTestSupport {

  static Stream<Arguments> type() {
    return Stream.of(
        arguments("type echo cd", "echo is a shell builtin\ncd is a shell builtin\n", "", 0),
        arguments("type cat", "cat is a shell builtin\n", "", 0),
        arguments("type if [[", "if is a shell keyword\n[[ is a shell keyword\n", "", 0),
        arguments("type set shift :", "set is a shell builtin\nshift is a shell builtin\n: is a shell builtin\n", "", 0),
        arguments("f() { echo a; echo b; }; type f", "f is a function\nf () \n{ \n    echo a;\n    echo b\n}\n", "", 0),
        arguments("f() { echo a | wc -c && echo x; }; type f",
            "f is a function\nf () \n{ \n    echo a | wc -c && echo x\n}\n", "", 0),
        arguments("f() { echo 'x'; }; type f", "f is a function\n", "", 0),
        arguments("f() { echo \"a b\" || echo c; }; type f",
            "f is a function\nf () \n{ \n    echo \"a b\" || echo c\n}\n", "", 0),
        arguments("f() { if true; then echo; fi; }; type f", "f is a function\n", "", 0),
        arguments("f() { echo $x; }; type f", "f is a function\n", "", 0),
        arguments("f() { echo a\\ b; }; type f", "f is a function\n", "", 0),
        arguments("f() { :; }; type -t f echo if", "function\nbuiltin\nkeyword\n", "", 0),
        arguments("echo() { :; }; type -a -t echo", "function\nbuiltin\n", "", 0),
        arguments("echo() { :; }; type -f echo", "echo is a shell builtin\n", "", 0),
        arguments("type nope; echo $?", "1\n", "mirage: type: nope: not found\n", 0),
        arguments("type -t nope cd; echo $?", "builtin\n1\n", "", 0),
        arguments("type -p echo; echo $?", "0\n", "", 0),
        arguments("type -P echo; echo $?", "1\n", "", 0),
        arguments("type; echo $?", "0\n", "", 0),
        arguments("type -x", "", "mirage: type: -x: invalid option\ntype: usage: type [-afptP] name [name ...]\n", 2));
  }

  @ParameterizedTest
  @MethodSource
  void type(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> which() {
    return Stream.of(
        arguments("which cat echo", "cat\necho\n", "", 0),
        arguments("which nope; echo $?", "1\n", "", 0),
        arguments("which cat nope; echo $?", "cat\n1\n", "", 0),
        arguments("f() { :; }; which f if; echo $?", "1\n", "", 0),
        arguments("which; echo $?", "1\n", "", 0),
        arguments("which -a grep", "grep\n", "", 0),
        arguments("which -x", "Usage: which [-a] args\n", "Illegal option -x\n", 2));
  }

  @ParameterizedTest
  @MethodSource
  void which(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
