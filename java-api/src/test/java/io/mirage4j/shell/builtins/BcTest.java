package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bc}, against GNU bc 1.07.1. */
class BcTest extends BuiltinTestSupport {

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("echo 'scale=2; 10/3' | bc", "3.33\n", "", 0),
        arguments("echo '1.5*1.25; scale=2; 1.5*1.25; -1/4' | bc", "1.87\n1.87\n-.25\n", "", 0),
        arguments("echo '-2^2; 2^-1' | bc", "4\n0\n", "", 0),
        arguments("echo 'sqrt(2)' | bc -l", "1.41421356237309504880\n", "", 0),
        arguments("echo 'e(1); l(10); 4*a(1)' | bc -l",
            "2.71828182845904523536\n2.30258509299404568401\n3.14159265358979323844\n", "", 0),
        arguments("echo 'obase=16; 255' | bc", "FF\n", "", 0),
        arguments("printf '1 +\\n7\\n' | bc", "7\n", "(standard_in) 2: syntax error\n", 0),
        arguments("echo '1/0; 2' | bc", "", "Runtime error: Divide by zero\n", 0),
        arguments("bc nope", "", "File nope is unavailable.\n", 1),
        arguments("echo '10^99999999' | bc", "", "Runtime error: exponent too large in raise\n", 0));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void printsWhatGnuBcPrints(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void longNumbersWrapAsGnuBcWrapsThem() {
    expect("echo '2^228' | bc", "43135914667441023671467224139231409077819431076064915969765776398745\\\n6\n");
    expect("echo '2^228' | BC_LINE_LENGTH=0 bc", "431359146674410236714672241392314090778194310760649159697657763987456\n");
  }

  @Test
  void endlessRecursionIsAnErrorAndTheWorkspaceAnswersNext() {
    ExecResult r = run("echo 'define f(x) { return (f(x+1)); }; f(1); 5' | bc");
    assertThat(r.stderrText()).isEqualTo("Runtime error: function call nesting too deep\n");
    expect("echo next", "next\n");
  }

  @Test
  void anEndlessLoopStopsAtTheLineTimeLimit() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (Workspace timed = Workspace.builder().mount("/data", Resources.inMemory())
          .lineTimeout(Duration.ofMillis(300)).build()) {
        ExecResult r = timed.execute("echo 'while (1) { x = x + 1 }' | bc");
        assertThat(r.exitCode()).isEqualTo(124);
        assertThat(timed.execute("echo next").stdoutText()).isEqualTo("next\n");
      }
    });
  }
}
