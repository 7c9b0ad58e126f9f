package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PosixRegexTest {

  private static boolean matches(String posix, boolean extended, String line) throws Exception {
    return Pattern.compile(PosixRegex.translate(posix, extended).regex(), Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS)
        .matcher(line).find();
  }

  @Test
  void basicSyntaxTakesGnuExtensionsAfterBackslash() throws Exception {
    assertThat(matches("a\\+b", false, "aab")).isTrue();
    assertThat(matches("a+b", false, "a+b")).isTrue();
    assertThat(matches("a+b", false, "aab")).isFalse();
    assertThat(matches("x\\|y", false, "y")).isTrue();
    assertThat(matches("\\(ab\\)\\{2\\}", false, "abab")).isTrue();
    assertThat(matches("a{1}", false, "a{1}")).isTrue();
    assertThat(matches("(a)", false, "(a)")).isTrue();
    assertThat(matches("*a", false, "*a")).isTrue();
    assertThat(matches("\\(*a\\)", false, "*a")).isTrue();
    assertThat(matches("a^b$c", false, "a^b$c")).isTrue();
    assertThat(matches("^ab$", false, "ab")).isTrue();
  }

  @Test
  void extendedSyntax() throws Exception {
    assertThat(matches("(ab)+$", true, "xabab")).isTrue();
    assertThat(matches("a|b", true, "b")).isTrue();
    assertThat(matches("a{1", true, "a{1")).isTrue();
    assertThat(matches("a{,2}c", true, "c")).isTrue();
    assertThat(matches("a**", true, "")).isTrue();
    assertThat(matches("a+?b", true, "b")).isTrue();
    assertThat(matches("a*+a", true, "aa")).isTrue();
    assertThat(matches(")", true, ")")).isTrue();
    assertThat(PosixRegex.translate("*a", true).warnings()).containsExactly("* at start of expression");
    assertThat(PosixRegex.translate("a|{2}b", true).warnings()).containsExactly("{...} at start of expression");
  }

  @Test
  void bracketExpressions() throws Exception {
    assertThat(matches("[]a]", false, "]")).isTrue();
    assertThat(matches("[^]a]", false, "]a")).isFalse();
    assertThat(matches("[a-c]", false, "b")).isTrue();
    assertThat(matches("[\\d]", false, "\\")).isTrue();
    assertThat(matches("[[:digit:]x-]", false, "-")).isTrue();
    assertThat(matches("[[:alpha:]]", false, "\u00e9")).isTrue();
    assertThat(matches("[[:punct:]]", false, "$")).isTrue();
    assertThat(matches("[[.-.]]", false, "-")).isTrue();
    assertThat(matches("[&&[]", false, "&")).isTrue();
  }

  @Test
  void wordAnchorsAndBackReferences() throws Exception {
    assertThat(matches("\\<foo\\>", false, "a foo b")).isTrue();
    assertThat(matches("\\<foo\\>", false, "afoo")).isFalse();
    assertThat(matches("\\bx\\B", false, "xy")).isTrue();
    assertThat(matches("\\(a\\)\\11", false, "aa1")).isTrue();
    assertThat(matches("\\w\\s\\W", true, "a !")).isTrue();
  }

  @Test
  void malformedExpressionsFailWithGnuMessages() {
    assertThatThrownBy(() -> PosixRegex.translate("\\(a", false)).hasMessage("Unmatched ( or \\(");
    assertThatThrownBy(() -> PosixRegex.translate("a\\)", false)).hasMessage("Unmatched ) or \\)");
    assertThatThrownBy(() -> PosixRegex.translate("[a", true)).hasMessage("Unmatched [, [^, [:, [., or [=");
    assertThatThrownBy(() -> PosixRegex.translate("[", true)).hasMessage("Invalid regular expression");
    assertThatThrownBy(() -> PosixRegex.translate("a\\{1", false)).hasMessage("Unmatched \\{");
    assertThatThrownBy(() -> PosixRegex.translate("a{2,1}", true)).hasMessage("Invalid content of \\{\\}");
    assertThatThrownBy(() -> PosixRegex.translate("a{99999}", true)).hasMessage("Regular expression too big");
    assertThatThrownBy(() -> PosixRegex.translate("\\1", false)).hasMessage("Invalid back reference");
    assertThatThrownBy(() -> PosixRegex.translate("[[:nope:]]", false)).hasMessage("Invalid character class name");
    assertThatThrownBy(() -> PosixRegex.translate("a\\", false)).hasMessage("Trailing backslash");
  }
}
