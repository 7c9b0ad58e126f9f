package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interactive shell's pure parts: where the history goes, what the prompt shows. */
class ReplTest {
  private static final Map<String, String> HOME = Map.of("user.home", "/home/me");

  @Test
  void theHistoryFileIsThePropertyElseTheVariableElseOneAtHome() {
    assertThat(Repl.historyFile(HOME::get, Map.<String, String>of()::get)).isEqualTo(Path.of("/home/me/.mirage4j_history"));
    assertThat(Repl.historyFile(HOME::get, Map.of(Repl.HISTORY_ENV, "/tmp/env")::get)).isEqualTo(Path.of("/tmp/env"));
    Map<String, String> both = Map.of("user.home", "/home/me", Repl.HISTORY_PROPERTY, "/tmp/property");
    assertThat(Repl.historyFile(both::get, Map.of(Repl.HISTORY_ENV, "/tmp/env")::get)).isEqualTo(Path.of("/tmp/property"));
    Map<String, String> blank = Map.of("user.home", "/home/me", Repl.HISTORY_PROPERTY, " ");
    assertThat(Repl.historyFile(blank::get, Map.of(Repl.HISTORY_ENV, "")::get)).isEqualTo(Path.of("/home/me/.mirage4j_history"));
  }

  @Test
  void thePromptIsTheWorkingDirectoryWithItsControlCharactersShownAndPercentSignsKept() {
    assertThat(Repl.prompt("/data")).isEqualTo("/data$ ");
    assertThat(Repl.prompt("/data/100%")).isEqualTo("/data/100%%$ ");
    assertThat(Repl.prompt("/data/a\u001b[31mb\nc")).isEqualTo("/data/a?[31mb?c$ ");
  }
}
