package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.shell.syntax.Ast;
import java.util.List;
import org.junit.jupiter.api.Test;

class BraceExpansionTest extends ShellTestSupport {

  @Test
  void alternativesAndSequences() {
    expect("echo x{a,b}y{1,2}z {a,{b,c}}d", "xay1z xay2z xby1z xby2z ad bd cd\n");
    expect("echo {01..10..3} {e..a..2} {-3..3..3}", "01 04 07 10 e c a -3 0 3\n");
  }

  @Test
  void bracesThatAreNotExpansionsStay() {
    expect("echo {a} {} {a,b \"{a,b}\" \\{a,b} {1..a}", "{a} {} {a,b {a,b} {a,b} {1..a}\n");
  }

  @Test
  void bracesComeBeforeParameters() {
    expect("x='a,b'; echo {$x} {$x,c}", "{a,b} a,b c\n");
    expect("x={a,b}; echo $x", "{a,b}\n");
  }

  @Test
  void hugeSequencesAreRefused() {
    assertThatThrownBy(() -> BraceExpansion.expand(new Ast.Word(List.of(new Ast.Literal("{1..99999999}")))))
        .isInstanceOf(Expander.ExpansionException.class)
        .hasMessage("brace expansion: more than 1000000 words");
  }
}
