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
}
