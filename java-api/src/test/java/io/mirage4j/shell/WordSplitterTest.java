package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordSplitterTest {

  @Test
  void splitsOnBlanksAndHonoursQuotes() {
    assertThat(WordSplitter.split("python3 -c 'print(\"a  b\")'  x\ty"))
        .containsExactly("python3", "-c", "print(\"a  b\")", "x", "y");
    assertThat(WordSplitter.split("echo \"it's \\\"quoted\\\" \\$HOME \\n\"")).containsExactly("echo", "it's \"quoted\" $HOME \\n");
    assertThat(WordSplitter.split("echo a\\ b 'c'\"d\"e")).containsExactly("echo", "a b", "cde");
    assertThat(WordSplitter.split("echo ''")).containsExactly("echo", "");
  }

  @Test
  void keepsNewlinesInsideQuotes() {
    assertThat(WordSplitter.split("python3 -c \"a=1\nprint(a)\"")).containsExactly("python3", "-c", "a=1\nprint(a)");
  }

  @Test
  void ignoresComments() {
    assertThat(WordSplitter.split("  # nothing")).isEmpty();
    assertThat(WordSplitter.split("echo a # b")).containsExactly("echo", "a");
    assertThat(WordSplitter.split("echo a#b")).containsExactly("echo", "a#b");
  }

  @Test
  void reportsUnterminatedQuotes() {
    assertThatThrownBy(() -> WordSplitter.split("echo \"abc")).hasMessage("syntax error near '\"abc'");
    assertThatThrownBy(() -> WordSplitter.split("echo 'abc")).hasMessage("syntax error near ''abc'");
  }
}
