package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tr}, against GNU coreutils 9.1. */
class TrTest extends BuiltinTestSupport {
  private static final String TRY = "Try 'tr --help' for more information.\n";

  static Stream<Arguments> tr() {
    return Stream.of(
        arguments("echo hello | tr a-z A-Z", "HELLO\n", "", 0),
        arguments("echo hello | tr '[:lower:]' '[:upper:]'", "HELLO\n", "", 0),
        arguments("echo aBcD | tr '[:upper:][:lower:]' '[:lower:][:upper:]'", "AbCd\n", "", 0),
        arguments("echo hello | tr -d l", "heo\n", "", 0),
        arguments("echo 'a  b   c' | tr -s ' '", "a b c\n", "", 0),
        arguments("echo 'tel: 555-01' | tr -cd '0-9\\n'", "55501\n", "", 0),
        arguments("echo 'a-b c' | tr -c 'a-z\\n' _", "a_b_c\n", "", 0),
        arguments("echo aabbcc | tr -s a-c x", "x\n", "", 0),
        arguments("echo 'hello  wooorld' | tr -ds l 'o '", "heo word\n", "", 0),
        arguments("echo abcdef | tr a-f xy", "xyyyyy\n", "", 0),
        arguments("echo abcdef | tr -t a-f xy", "xycdef\n", "", 0),
        arguments("echo abcdef | tr a-f 'p[q*2]r'", "pqqrrr\n", "", 0),
        arguments("echo abcdef | tr a-f '[x*]yz'", "xxxxyz\n", "", 0),
        arguments("printf 'a\\0b' | tr '\\0' '\\n'", "a\nb", "", 0),
        arguments("echo abc | tr '\\141' X", "Xbc\n", "", 0),
        arguments("echo banana | tr '[=a=]' o", "bonono\n", "", 0),
        arguments("tr", "", "tr: missing operand\n" + TRY, 1),
        arguments("tr a", "", "tr: missing operand after ‘a’\nTwo strings must be given when translating.\n" + TRY, 1),
        arguments("tr -d a b", "",
            "tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\n" + TRY, 1),
        arguments("tr z-a x", "", "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", 1),
        arguments("tr '[:foo:]' x", "", "tr: invalid character class ‘foo’\n", 1),
        arguments("tr a ''", "", "tr: when not truncating set1, string2 must be non-empty\n", 1),
        arguments("tr ab '[:lower:]'", "", "tr: misaligned [:upper:] and/or [:lower:] construct\n", 1),
        arguments("tr '[a*]' x", "", "tr: the [c*] repeat construct may not appear in string1\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void tr(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void streamsAnEndlessInput() {
    expect("seq 1 100000000 | tr 0-9 a-j | head -n 2", "b\nc\n");
  }
}
