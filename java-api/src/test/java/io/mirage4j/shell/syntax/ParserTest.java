package io.mirage4j.shell.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.shell.ShellSyntaxException;
import io.mirage4j.shell.syntax.Ast.Simple;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static Simple onlySimple(String line) {
    return (Simple) Parser.parse(line).items().get(0).first().commands().get(0);
  }

  @Test
  void parsesListsPipelinesAndAndOr() {
    Ast.Script s = Parser.parse("a | b | c && d || e; f\ng");
    assertThat(s.items()).hasSize(3);
    assertThat(s.items().get(0).first().commands()).hasSize(3);
    assertThat(s.items().get(0).rest()).extracting(Ast.Link::and).containsExactly(true, false);
  }

  @Test
  void separatesAssignmentsWordsAndRedirections() {
    Simple s = onlySimple("A=1 B=\"x y\" cmd arg >out 2>&1 <in");
    assertThat(s.assignments()).extracting(Ast.Assignment::name).containsExactly("A", "B");
    assertThat(s.words()).hasSize(2);
    assertThat(s.redirects()).extracting(Ast.Redirect::op)
        .containsExactly(Ast.RedirectOp.WRITE, Ast.RedirectOp.DUPLICATE, Ast.RedirectOp.READ);
    assertThat(s.redirects()).extracting(Ast.Redirect::fd).containsExactly(1, 2, 0);
  }

  @Test
  void aCommandNameThatIsNotAPlainWordTakesArguments() {
    for (String line : List.of("$c a b", "\"rm\" x", "'r'm x", "\\rm x", "${c}m x", "$(echo) x")) {
      assertThat(onlySimple(line).words()).as(line).hasSize(line.split(" ").length);
    }
  }

  @Test
  void anAssignmentAfterTheCommandNameIsAnArgument() {
    Simple s = onlySimple("echo A=1");
    assertThat(s.assignments()).isEmpty();
    assertThat(s.words()).hasSize(2);
  }

  @Test
  void readsHeredocBodiesAfterTheirLine() {
    Ast.Script s = Parser.parse("cat <<EOF | cat <<'RAW'\nhello $X\nEOF\nliteral $Y\nRAW\necho after");
    assertThat(s.items()).hasSize(2);
    Ast.Redirect first = s.items().get(0).first().commands().get(0).redirects().get(0);
    Ast.Redirect second = s.items().get(0).first().commands().get(1).redirects().get(0);
    assertThat(first.heredoc().literal()).isFalse();
    assertThat(first.heredoc().body().parts()).anyMatch(p -> p instanceof Ast.Param param && param.name().equals("X"));
    assertThat(second.heredoc().literal()).isTrue();
    assertThat(second.heredoc().body().parts()).containsExactly(new Ast.Quoted("literal $Y\n"));
  }

  @Test
  void stripsLeadingTabsWithDash() {
    Ast.Script s = Parser.parse("cat <<-EOF\n\t\tindented\n\tEOF\n");
    Ast.Redirect r = s.items().get(0).first().commands().get(0).redirects().get(0);
    assertThat(r.heredoc().body().parts()).containsExactly(new Ast.Quoted("indented\n"));
  }

  @Test
  void keepsNewlinesInsideDoubleQuotes() {
    Simple s = onlySimple("python3 -c \"a = 1\nprint(a)\"");
    assertThat(s.words().get(2).parts()).containsExactly(new Ast.DoubleQuoted(List.of(new Ast.Quoted("a = 1\nprint(a)"))));
  }

  @Test
  void parsesCompoundCommands() {
    assertThat(Parser.parse("for x in a b; do echo $x; done").items().get(0).first().commands().get(0)).isInstanceOf(Ast.For.class);
    assertThat(Parser.parse("if a; then b; elif c; then d; else e; fi").items().get(0).first().commands().get(0))
        .isInstanceOfSatisfying(Ast.If.class, i -> assertThat(i.branches()).hasSize(2));
    assertThat(Parser.parse("while a; do b; done").items().get(0).first().commands().get(0)).isInstanceOf(Ast.While.class);
    assertThat(Parser.parse("f() { echo hi; }").items().get(0).first().commands().get(0)).isInstanceOf(Ast.FunctionDef.class);
    assertThat(Parser.parse("( cd /; ls ) > out").items().get(0).first().commands().get(0).redirects()).hasSize(1);
    assertThat(Parser.parse("! true").items().get(0).first().negated()).isTrue();
  }

  @Test
  void keywordsAreOnlyKeywordsInCommandPosition() {
    assertThat(onlySimple("echo if then fi done }").words()).hasSize(6);
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("echo )", ")"),
        Arguments.of("if true; then fi", "fi"),
        Arguments.of("| echo", "|"),
        Arguments.of("echo a ;; echo", ";;"),
        Arguments.of("echo a &&", "newline"),
        Arguments.of("echo 'open", "'open"),
        Arguments.of("echo \"open", "\"open"),
        Arguments.of("echo $(date", "$(date"),
        Arguments.of("( echo", "newline"),
        Arguments.of("done", "done"),
        Arguments.of("echo >", "newline"),
        Arguments.of("then echo", "then"),
        Arguments.of("f() echo", "echo"));
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void reportsTheTokenNearASyntaxError(String line, String near) {
    assertThatThrownBy(() -> Parser.parse(line))
        .isInstanceOfSatisfying(ShellSyntaxException.class, e -> assertThat(e.near()).isEqualTo(near));
  }

  @Test
  void parsesParameterOperators() {
    Simple s = onlySimple("echo ${A:-x y} ${#B} ${C%%.*} ${D#*/} $1 $? \"$@\"");
    assertThat(s.words().get(1).parts().get(0)).isInstanceOfSatisfying(Ast.Param.class, p -> assertThat(p.op()).isEqualTo(":-"));
    assertThat(s.words().get(2).parts().get(0)).isEqualTo(new Ast.Param("B", "#", null));
    assertThat(s.words().get(3).parts().get(0)).isInstanceOfSatisfying(Ast.Param.class, p -> assertThat(p.op()).isEqualTo("%%"));
    assertThat(s.words().get(4).parts().get(0)).isInstanceOfSatisfying(Ast.Param.class, p -> assertThat(p.op()).isEqualTo("#p"));
  }

  static Stream<Arguments> deeplyNested() {
    int n = 100_000;
    return Stream.of(
        Arguments.of("subshells", "( ".repeat(n) + "true" + " )".repeat(n)),
        Arguments.of("groups", "{ ".repeat(n) + "true" + "; }".repeat(n)),
        Arguments.of("if", "if true; then ".repeat(n) + "true" + "; fi".repeat(n)),
        Arguments.of("while", "while true; do ".repeat(n) + "true" + "; done".repeat(n)),
        Arguments.of("for", "for x in a; do ".repeat(n) + "true" + "; done".repeat(n)),
        Arguments.of("command substitutions", "echo " + "$(".repeat(n) + "echo" + ")".repeat(n)),
        Arguments.of("parameter defaults", "echo " + "${x:-".repeat(n) + "y" + "}".repeat(n)),
        Arguments.of("arithmetic in arithmetic", "echo " + "$((1+".repeat(n) + "1" + "))".repeat(n)),
        Arguments.of("function bodies", "f() { ".repeat(n) + "true" + "; }".repeat(n)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deeplyNested")
  void refusesNestingDeeperThanTheLimit(String what, String line) {
    assertThatThrownBy(() -> Parser.parse(line))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessage("syntax error: nesting deeper than " + Parser.MAX_NESTING + " levels");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    int levels = Parser.MAX_NESTING - 1;
    Ast.Command outer = Parser.parse("( ".repeat(levels) + "true" + " )".repeat(levels)).items().get(0).first().commands().get(0);
    int depth = 1;
    while (outer instanceof Ast.Subshell s) {
      outer = s.body().items().get(0).first().commands().get(0);
      depth++;
    }
    assertThat(depth).isEqualTo(Parser.MAX_NESTING);
    assertThat(outer).isInstanceOf(Simple.class);
  }

  @Test
  void longListsAndPipelinesAreNotNesting() {
    int n = 100_000;
    assertThat(Parser.parse("a" + " && a".repeat(n)).items().get(0).rest()).hasSize(n);
    assertThat(Parser.parse("a" + " | a".repeat(n)).items().get(0).first().commands()).hasSize(n + 1);
    assertThat(Parser.parse("a" + "; a".repeat(n)).items()).hasSize(n + 1);
    assertThat(Parser.parse("a" + "\na".repeat(n)).items()).hasSize(n + 1);
  }

  @Test
  void parsesAOneMegabyteWordInOnePiece() {
    String big = "ab".repeat(1 << 19);
    assertThat(onlySimple("echo " + big).words().get(1).parts()).containsExactly(new Ast.Literal(big));
    assertThat(onlySimple("echo \"" + big + "\"").words().get(1).parts())
        .containsExactly(new Ast.DoubleQuoted(List.of(new Ast.Quoted(big))));
    assertThat(onlySimple("echo ''x''").words().get(1).parts())
        .containsExactly(new Ast.Quoted(""), new Ast.Literal("x"), new Ast.Quoted(""));
  }
}
