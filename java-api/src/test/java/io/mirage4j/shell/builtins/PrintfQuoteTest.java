package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code printf %q}, {@code %b} and {@code -v}, against GNU bash 5.2. */
class PrintfQuoteTest extends BuiltinTestSupport {

  static Stream<Arguments> printf() {
    return Stream.of(
        arguments("printf '%q\\n' 'a b' \"it's\" '' 'a$b' '$(x)'", "a\\ b\nit\\'s\n''\na\\$b\n\\$\\(x\\)\n", "", 0),
        arguments("printf '%q\\n' '~a' 'a~' '#x' 'a#' a=b a:b -x '!x' x,y '{a}' 'x]' '*'",
            "\\~a\na~\n\\#x\na#\na=b\na:b\n-x\n\\!x\nx\\,y\n\\{a\\}\nx\\]\n\\*\n", "", 0),
        arguments("printf '%q\\n' $'tab\\tx' $'a\\nb' $'a\\x01b\\x7f\\x1b\\a\\b\\f\\r\\v\\\\c' $'a\\'b\\t'",
            "$'tab\\tx'\n$'a\\nb'\n$'a\\001b\\177\\E\\a\\b\\f\\r\\v\\\\c'\n$'a\\'b\\t'\n", "", 0),
        arguments("printf '%q\\n' \u00e9 'a b\"c'", "\u00e9\na\\ b\\\"c\n", "", 0),
        arguments("printf '[%8q][%-6q]\\n' 'a b' x", "[    a\\ b][x     ]\n", "", 0),
        arguments("printf '%q\\n'", "''\n", "", 0),
        arguments("v=$'a \\'b\\n'; eval \"x=$(printf '%q' \"$v\")\"; printf '[%s]' \"$x\"", "[a 'b\n]", "", 0),
        arguments("printf '%b|' 'a\\tb' 'x\\cy' 'z'", "a\tb|x", "", 0),
        arguments("printf -v out '%q' 'a b'; echo \"$out\"", "a\\ b\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void printf(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
