package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names quoted as coreutils 9.1 quotes them in messages (checked with {@code rm} and {@code cat}). */
class QuoteTest {

  @Test
  void alwaysQuotesInShellSyntax() {
    assertThat(Quote.always("x")).isEqualTo("'x'");
    assertThat(Quote.always("a b")).isEqualTo("'a b'");
    assertThat(Quote.always("a'b c")).isEqualTo("\"a'b c\"");
    assertThat(Quote.always("a'$b")).isEqualTo("'a'\\''$b'");
    assertThat(Quote.always("a\nb")).isEqualTo("'a'$'\\n''b'");
    assertThat(Quote.always("a\tb")).isEqualTo("'a'$'\\t''b'");
    assertThat(Quote.always("a\u0001b")).isEqualTo("'a'$'\\001''b'");
    assertThat(Quote.always("\u0085")).isEqualTo("''$'\\302\\205'");
    assertThat(Quote.always("\u00e9")).isEqualTo("'\u00e9'");
    assertThat(Quote.always("")).isEqualTo("''");
  }

  @Test
  void nameQuotesOnlyWhenTheShellWouldNeedIt() {
    assertThat(Quote.name("a.b,c@d%e+f-g_h]")).isEqualTo("a.b,c@d%e+f-g_h]");
    assertThat(Quote.name("a{")).isEqualTo("a{");
    assertThat(Quote.name("{}")).isEqualTo("{}");
    assertThat(Quote.name("\u00e9")).isEqualTo("\u00e9");
    assertThat(Quote.name("a:b")).isEqualTo("'a:b'");
    assertThat(Quote.name("a=b")).isEqualTo("'a=b'");
    assertThat(Quote.name("#a")).isEqualTo("'#a'");
    assertThat(Quote.name("a#")).isEqualTo("a#");
    assertThat(Quote.name("~a")).isEqualTo("'~a'");
    assertThat(Quote.name("{")).isEqualTo("'{'");
    assertThat(Quote.name("a^b")).isEqualTo("'a^b'");
    assertThat(Quote.name("a!")).isEqualTo("'a!'");
    assertThat(Quote.name("a?")).isEqualTo("'a?'");
    assertThat(Quote.name("a*")).isEqualTo("'a*'");
    assertThat(Quote.name("")).isEqualTo("''");
  }

  @Test
  void plainUsesQuotationMarksAndEscapesBackslashes() {
    assertThat(Quote.plain("x")).isEqualTo("\u2018x\u2019");
    assertThat(Quote.plain("a'b\\c\nd")).isEqualTo("\u2018a'b\\\\c\\nd\u2019");
  }
}
