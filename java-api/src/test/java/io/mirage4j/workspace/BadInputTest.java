package io.mirage4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.shell.Shell;
import io.mirage4j.shell.syntax.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile command lines get one clear error line, and the workspace keeps working afterwards. */
@Timeout(120)
class BadInputTest {
  private static final int DEEP = 100_000;

  private final Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build();

  @AfterEach
  void stillWorks() {
    ExecResult r = ws.execute("echo ok");
    assertThat(r.stdoutText()).isEqualTo("ok\n");
    ws.close();
  }

  private void assertRefused(String line, int status, String stderr) {
    ExecResult r = ws.execute(line);
    assertThat(r.stderrText()).isEqualTo(stderr);
    assertThat(r.exitCode()).isEqualTo(status);
    assertThat(r.stdoutText()).isEmpty();
  }

  private static String nestingError() {
    return "mirage: syntax error: nesting deeper than " + Parser.MAX_NESTING + " levels\n";
  }

  @Test
  void deeplyNestedSubshellsAreASyntaxError() {
    assertRefused("( ".repeat(DEEP) + "echo hi" + " )".repeat(DEEP), 2, nestingError());
  }

  @Test
  void deeplyNestedGroupsAreASyntaxError() {
    assertRefused("{ ".repeat(DEEP) + "echo hi" + "; }".repeat(DEEP), 2, nestingError());
  }

  @Test
  void deeplyNestedCommandSubstitutionsAreASyntaxError() {
    assertRefused("echo " + "$(".repeat(DEEP) + "echo hi" + ")".repeat(DEEP), 2, nestingError());
  }

  @Test
  void deeplyNestedIfAndWhileAreASyntaxError() {
    assertRefused("if true; then ".repeat(DEEP) + "echo hi" + "; fi".repeat(DEEP), 2, nestingError());
    assertRefused("while false; do ".repeat(DEEP) + "echo hi" + "; done".repeat(DEEP), 2, nestingError());
  }

  @Test
  void nestingJustUnderTheLimitRuns() {
    int n = Parser.MAX_NESTING - 1;
    assertThat(ws.execute("( ".repeat(n) + "echo hi" + " )".repeat(n)).stdoutText()).isEqualTo("hi\n");
    int substitutions = n / 2; // each is two levels: the substitution and the command inside it
    assertThat(ws.execute("echo " + "$(echo ".repeat(substitutions) + "hi" + ")".repeat(substitutions)).stdoutText())
        .isEqualTo("hi\n");
    assertThat(ws.execute("if true; then ".repeat(n) + "echo hi" + "; fi".repeat(n)).stdoutText()).isEqualTo("hi\n");
  }

  @Test
  void longAndChainsPipelinesAndListsRun() {
    assertThat(ws.execute("true" + " && true".repeat(DEEP) + " && echo done").stdoutText()).isEqualTo("done\n");
    assertThat(ws.execute("true" + "; true".repeat(DEEP) + "; echo done").stdoutText()).isEqualTo("done\n");
    assertThat(ws.execute("echo hi" + " | cat".repeat(1000)).stdoutText()).isEqualTo("hi\n");
  }

  @Test
  void aOneMegabyteWordRuns() {
    String word = "x".repeat(1 << 20);
    ExecResult r = ws.execute("echo " + word + " | wc -c");
    assertThat(r.stdoutText().trim()).isEqualTo(String.valueOf((1 << 20) + 1));
  }

  @Test
  void deeplyNestedArithmeticIsBashsRecursionError() {
    String parens = "(".repeat(DEEP) + "1" + ")".repeat(DEEP);
    assertRefused("echo $((" + parens + "))", 1, "mirage: " + "(".repeat(100) + "…: expression recursion level exceeded"
        + " (error token is \"" + "(".repeat(20) + "\")\n");
    assertRefused("echo $((" + "- ".repeat(DEEP) + "1))", 1, "mirage: " + "- ".repeat(50) + "…: expression recursion"
        + " level exceeded (error token is \"" + "- ".repeat(10).trim() + "\")\n");
    assertRefused("echo $((1" + "**1".repeat(DEEP) + "))", 1, "mirage: 1" + "**1".repeat(33) + "…: expression recursion"
        + " level exceeded (error token is \"" + "1**".repeat(6) + "1*\")\n");
  }

  @Test
  void aVariableThatNamesItselfIsBashsRecursionError() {
    assertRefused("a=a; echo $((a))", 1, "mirage: a: expression recursion level exceeded (error token is \"a\")\n");
  }

  @Test
  void arithmeticNestedWellUnderTheLimitRuns() {
    int n = 150;
    assertThat(ws.execute("echo $((" + "(".repeat(n) + "2" + ")".repeat(n) + " * 3))").stdoutText()).isEqualTo("6\n");
    assertThat(ws.execute("b=1; a=b; echo $((a + 1))").stdoutText()).isEqualTo("2\n");
  }

  @Test
  void unboundedFunctionRecursionEndsTheLineAsBashDoesWithFuncnest() {
    String error = "mirage: f: maximum function nesting level exceeded (" + Shell.MAX_FUNCTION_NESTING + ")\n";
    assertRefused("f() { f; echo inside; }; f; echo after", 1, error);
    assertRefused("f() { echo x | f; }; f", 1, error);
    ExecResult substitution = ws.execute("f() { echo $(f); }; f");
    assertThat(substitution.stdoutText()).isEqualTo("\n");
    assertThat(substitution.stderrText()).isEqualTo(error);
    ExecResult subshell = ws.execute("f() { f; }; (f); echo after $?");
    assertThat(subshell.stdoutText()).isEqualTo("after 1\n");
    assertThat(subshell.stderrText()).isEqualTo(error);
  }

  @Test
  void functionsRecurseUpToTheLimit() {
    ExecResult r = ws.execute("f() { if [ $1 -lt 100 ]; then f $(($1 + 1)); else echo deep $1; fi; }; f 1");
    assertThat(r.stdoutText()).isEqualTo("deep 100\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void deepBodiesCalledDeepRunOutOfStackWithOneClearLine() throws InterruptedException {
    String line = "f() { " + "( ".repeat(150) + "f" + " )".repeat(150) + "; }; f; echo after";
    ExecResult[] result = new ExecResult[1];
    Thread oneMebibyte = new Thread(null, () -> result[0] = ws.execute(line), "small-stack", 1 << 20);
    oneMebibyte.start();
    oneMebibyte.join();
    assertThat(result[0].exitCode()).isEqualTo(2);
    assertThat(result[0].stderrText()).isEqualTo("mirage: nesting too deep for the thread's stack\n");
    assertThat(result[0].stdoutText()).isEmpty();
  }

  @Test
  void aCommandLineOverTheLimitIsRefusedWhole() {
    int length = 100 << 20;
    String line = "echo start > /data/f; true " + "x".repeat(length - 27);
    assertRefused(line, 2, "mirage: command line too long: " + length + " characters (the limit is "
        + Shell.MAX_LINE_LENGTH + ")\n");
    assertThat(ws.execute("cat /data/f").stderrText()).isEqualTo("cat: /data/f: No such file or directory\n");
  }

  @Test
  void aCommandLineAtTheLimitRuns() {
    String line = "x=" + "y".repeat(Shell.MAX_LINE_LENGTH - 14) + "; echo ${#x}";
    assertThat(line).hasSize(Shell.MAX_LINE_LENGTH);
    assertThat(ws.execute(line).stdoutText()).isEqualTo((Shell.MAX_LINE_LENGTH - 14) + "\n");
  }

  @Test
  void builtinsTakeAHugeArgumentList() {
    ExecResult r = ws.execute("set_args() { echo $#; }; set_args $(seq 1 1000000)");
    assertThat(r.stdoutText()).isEqualTo("1000000\n");
  }
}
