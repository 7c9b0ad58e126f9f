package io.mirage4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.shell.Shell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One short command line must not take the JVM down or hang it: threads, memory and time of a
 * line are bounded; past a bound the line fails with one clear message and the same workspace
 * answers the next line.
 */
@Timeout(60)
class LineBudgetTest {
  private static final String FORK = "mirage: fork: Resource temporarily unavailable\n";
  private static final int CAP = (int) Workspace.DEFAULT_OUTPUT_LIMIT;
  private static final String TRUNCATED =
      "mirage: output truncated: the command line wrote more than " + CAP + " bytes\n";

  private final InMemoryResource ram = Resources.inMemory();
  private final Workspace ws = Workspace.builder().mount("/ram", ram).build();

  @AfterEach
  void theSameWorkspaceAnswersAndNoShellThreadIsLeft() throws InterruptedException {
    assertThat(ws.execute("echo ok").stdoutText()).isEqualTo("ok\n");
    ws.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pipeThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(pipeThreads()).as("pipeline stage threads still alive").isZero();
  }

  private static long pipeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("mirage4j-pipe-") && t.isAlive())
        .count();
  }

  private static ExecResult result(String stdout, String stderr, int status) {
    return new ExecResult(stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8), status);
  }

  // --- threads

  @Test
  @Timeout(30)
  void aPipelineForkBombFailsAsBashDoesWhenForkFails() {
    ExecResult r = ws.execute("f(){ f|f; }; f; echo never");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stdoutText()).isEmpty();
    assertThat(r.stderrText()).endsWith(FORK);
    String nesting = "mirage: f: maximum function nesting level exceeded (" + Shell.MAX_FUNCTION_NESTING + ")";
    assertThat(r.stderrText().lines()).allMatch(l -> l.equals(FORK.strip()) || l.equals(nesting));
    assertThat(ws.execute("echo $?").stdoutText()).isEqualTo("126\n");
  }

  @Test
  @Timeout(30)
  void underASmallThreadLimitTheForkBombFailsWithExactlyOneLine() {
    try (Workspace small = Workspace.builder().mount("/ram", ram).shellThreadLimit(16).build()) {
      assertThat(small.execute("f(){ f|f; }; f; echo never")).isEqualTo(result("", FORK, 126));
      assertThat(small.execute("echo ok").stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void thePipelineThreadLimitIsConfigurable() {
    try (Workspace small = Workspace.builder().shellThreadLimit(3).build()) {
      String three = "sleep 0.2 | sleep 0.2 | sleep 0.2 | echo three";
      assertThat(small.execute(three)).isEqualTo(result("three\n", "", 0));
      assertThat(small.execute("sleep 5 | sleep 5 | sleep 5 | sleep 5 | echo four; echo never"))
          .isEqualTo(result("", FORK, 126));
      assertThat(small.execute(three)).isEqualTo(result("three\n", "", 0));
    }
    assertThatThrownBy(() -> Workspace.builder().shellThreadLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shellThreadLimit must be at least 1: 0");
  }

  @Test
  void deepFunctionRecursionEndsWithBashsNestingError() {
    assertThat(ws.execute("f(){ f; }; f; echo never")).isEqualTo(
        result("", "mirage: f: maximum function nesting level exceeded (" + Shell.MAX_FUNCTION_NESTING + ")\n", 1));
  }

  // --- memory

  @Test
  void aHugePrintfWidthIsStreamedUpToTheOutputCap() {
    ExecResult r = ws.execute("printf '%*d' 2147483647 1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).isEqualTo(TRUNCATED);
    byte[] spaces = new byte[CAP];
    Arrays.fill(spaces, (byte) ' ');
    assertThat(r.stdout()).isEqualTo(spaces);
  }

  @Test
  void hugePrintfPrecisionsAreStreamedUpToTheOutputCap() {
    for (String format : new String[] {"%.2000000000f", "%.2000000000d", "%.2000000000e", "%#.2000000000g", "%-2000000000s"}) {
      ExecResult r = ws.execute("printf '" + format + "' 1");
      assertThat(r.exitCode()).as(format).isEqualTo(1);
      assertThat(r.stderrText()).as(format).isEqualTo(TRUNCATED);
      assertThat(r.stdout()).as(format).hasSize(CAP);
    }
    String f = ws.execute("printf '%.2000000000f' 1").stdoutText();
    assertThat(f).startsWith("1.000").matches("1\\.0+");
    assertThat(ws.execute("printf '%.2000000000d' 7").stdoutText()).matches("0+");
  }

  @Test
  void largePrecisionsPastTheExactDigitsPadWithZerosAsGlibcDoes() {
    assertThat(ws.execute("printf '%.100000f' 0.5").stdoutText()).isEqualTo("0.5" + "0".repeat(99_999));
    assertThat(ws.execute("printf '%.100000e' 1").stdoutText()).isEqualTo("1." + "0".repeat(100_000) + "e+00");
    assertThat(ws.execute("printf '%#.100000g' 1").stdoutText()).isEqualTo("1." + "0".repeat(99_999));
    assertThat(ws.execute("printf '%.100000g' 1").stdoutText()).isEqualTo("1");
    assertThat(ws.execute("printf '%.100000d' -3").stdoutText()).isEqualTo("-" + "0".repeat(99_999) + "3");
    assertThat(ws.execute("printf '%#.100000x' 255").stdoutText()).isEqualTo("0x" + "0".repeat(99_998) + "ff");
    assertThat(ws.execute("printf '%0100000.3f' -1").stdoutText()).isEqualTo("-" + "0".repeat(99_994) + "1.000");
    assertThat(ws.execute("printf '%.100000a' 1").stdoutText()).isEqualTo("0x8." + "0".repeat(100_000) + "p-3");
  }

  @Test
  void printfIntoAVariablePastTheCapIsRefused() {
    assertThat(ws.execute("printf -v x '%*d' 2147483647 1; echo \"$? ${#x}\"")).isEqualTo(
        result("1 0\n", "printf: -v x: output longer than " + CAP + " bytes\n", 0));
  }

  @Test
  void aCommandSubstitutionIsCappedLikeTheLinesOutput() {
    assertThat(ws.execute("x=$(seq 1 300000000); echo \"$? ${#x}\"")).isEqualTo(
        result("1 0\n", "mirage: command substitution: output longer than " + CAP + " bytes\n", 0));
    assertThat(ws.execute("echo $(seq 1 300000000 | cat) never; echo $?")).isEqualTo(
        result("1\n", "mirage: command substitution: output longer than " + CAP + " bytes\n", 0));
  }

  @Test
  void aCommandSubstitutionUnderTheCapIsWhole() {
    assertThat(ws.execute("x=$(seq 1 1000000); echo ${#x}").stdoutText()).isEqualTo("6888895\n");
  }

  // --- time

  private static final String STARS = "*a*a*a*a*a*a*a*a*a*a*a*a*a";

  @Test
  @Timeout(10)
  void globMatchingIsLinear() {
    ram.write("/" + "a".repeat(40), new byte[0]);
    assertThat(ws.execute("echo /ram/" + STARS + "*b")).isEqualTo(result("/ram/" + STARS + "*b\n", "", 0));
    assertThat(ws.execute("echo /ram/" + STARS)).isEqualTo(result("/ram/" + "a".repeat(40) + "\n", "", 0));
  }

  @Test
  @Timeout(10)
  void parameterTrimmingIsLinear() {
    String x = "x=" + "a".repeat(40) + "; ";
    for (String op : new String[] {"%", "%%", "#", "##"}) {
      assertThat(ws.execute(x + "echo \"${x" + op + STARS + "*b}\"").stdoutText()).as(op).isEqualTo("a".repeat(40) + "\n");
    }
    assertThat(ws.execute(x + "echo \"${x%%" + STARS + "}\"").stdoutText()).isEqualTo("\n");
    assertThat(ws.execute(x + "echo \"${x%" + STARS + "}\"").stdoutText()).isEqualTo("a".repeat(27) + "\n");
    assertThat(ws.execute(x + "echo \"${x#" + STARS + "}\"").stdoutText()).isEqualTo("a".repeat(27) + "\n");
  }

  @Test
  @Timeout(20)
  void trimmingALongValueIsNotQuadratic() {
    String line = "x=$(printf '%0300000d' 0); y=${x%%*1}; z=${x##*1}; w=${x%0}; echo ${#y} ${#z} ${#w}";
    assertThat(ws.execute(line).stdoutText()).isEqualTo("300000 300000 299999\n");
  }

  @Test
  void patternsHonourQuotesEscapesAndBracketExpressions() {
    ram.write("/A1", new byte[0]);
    ram.write("/b]", new byte[0]);
    ram.write("/x*y", new byte[0]);
    ram.write("/xzy", new byte[0]);
    assertThat(ws.execute("cd /ram; echo [[:upper:]][[:digit:]] []b]] [!a-z]? x\\*y x*y 'x*'y").stdoutText())
        .isEqualTo("A1 b] A1 x*y x*y xzy x*y\n");
    assertThat(ws.execute("x='a*b?c'; echo \"${x%\"*b?c\"}\" \"${x%\\?c}\" \"${x#*[*]}\" \"${x%[[:alpha:]]}\"").stdoutText())
        .isEqualTo("a a*b b?c a*b?\n");
  }

  @Test
  @Timeout(20)
  void theLineTimeLimitStopsTheShellsOwnCommands() throws InterruptedException {
    Duration half = Duration.ofMillis(500);
    String timedOut = "mirage: timed out after 0.5s\n";
    for (String line : new String[] {
        "while true; do :; done",
        "seq 1 100000000000 > /ram/big",
        "seq 1 100000000000 | cat > /ram/big",
        "printf '%*d' 2147483647 1 > /ram/big",
        "seq 1 100000000000 | while read l; do :; done"}) {
      long start = System.nanoTime();
      ExecResult r = ws.execute(line, ExecOptions.defaults().withTimeout(half));
      assertThat(r).as(line).isEqualTo(result("", timedOut, 124));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(line).isLessThan(Duration.ofSeconds(5));
      if (ws.fs().exists("/ram/big")) {
        long size = ws.fs().stat("/ram/big").size();
        Thread.sleep(300);
        assertThat(ws.fs().stat("/ram/big").size()).as("%s: still writing after the time limit", line).isEqualTo(size);
      }
      assertThat(ws.execute("echo ok").stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  @Timeout(20)
  void aWorkspaceWideLineTimeLimitAppliesToEveryLine() {
    try (Workspace limited = Workspace.builder().lineTimeout(Duration.ofMillis(300)).build()) {
      assertThat(limited.execute("while true; do true; done")).isEqualTo(result("", "mirage: timed out after 0.3s\n", 124));
      assertThat(limited.execute("echo quick")).isEqualTo(result("quick\n", "", 0));
      ExecResult longer = limited.execute("sleep 0.6; echo slept", ExecOptions.defaults().withTimeout(Duration.ofSeconds(5)));
      assertThat(longer).isEqualTo(result("slept\n", "", 0));
    }
  }

  // --- errors of the JVM

  @Test
  void anOutOfMemoryErrorIsAResultNotAThrow() {
    ws.command("hog", (ctx, args) -> {
      throw new OutOfMemoryError("Java heap space");
    });
    assertThat(ws.execute("hog; echo never")).isEqualTo(result("", "mirage: out of memory (Java heap space)\n", 2));
    assertThat(ws.execute("echo a | hog | cat; echo never")).isEqualTo(
        result("", "mirage: out of memory (Java heap space)\n", 2));
  }

  @Test
  void aStackOverflowErrorIsAResultNotAThrow() {
    ws.command("deep", (ctx, args) -> {
      throw new StackOverflowError();
    });
    String message = "mirage: nesting too deep for the thread's stack\n";
    assertThat(ws.execute("deep; echo never")).isEqualTo(result("", message, 2));
    assertThat(ws.execute("deep | cat; echo after")).isEqualTo(result("", message, 2));
  }
}
