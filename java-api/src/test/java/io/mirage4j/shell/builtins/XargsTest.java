package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code xargs}, against GNU findutils 4.9. */
class XargsTest extends BuiltinTestSupport {
  private static final String TRY = "Try 'xargs --help' for more information.\n";

  static Stream<Arguments> xargs() {
    return Stream.of(
        arguments("printf 'a b\\nc\\n' | xargs", "a b c\n", "", 0),
        arguments("seq 1 7 | xargs -n 3 echo", "1 2 3\n4 5 6\n7\n", "", 0),
        arguments("echo \"x 'y z' a\\\\ b\" | xargs -n1", "x\ny z\na b\n", "", 0),
        arguments("printf 'a b\\0c\\0' | xargs -0 -n1 echo", "a b\nc\n", "", 0),
        arguments("printf 'x,y z' | xargs -d, -n1 echo", "x\ny z\n", "", 0),
        arguments("printf 'a b\\nc\\n' | xargs -I{} echo '[{}]'", "[a b]\n[c]\n", "", 0),
        arguments("printf 'a b\\nc\\nd\\n' | xargs -L 2 echo", "a b c\nd\n", "", 0),
        arguments("xargs -r echo ran < /dev/null", "", "", 0),
        arguments("xargs echo ran < /dev/null", "ran\n", "", 0),
        arguments("printf 'a\\nb\\n' | xargs -t echo", "a b\n", "echo a b\n", 0),
        arguments("echo a b STOP c | xargs -E STOP", "a b\n", "", 0),
        arguments("printf '1\\n2\\n' | xargs -n1 test 1 =", "", "", 123),
        arguments("echo a | xargs nope", "", "xargs: nope: No such file or directory\n", 127),
        arguments("f() { echo f; }; echo a | xargs f", "", "xargs: f: No such file or directory\n", 127),
        arguments("echo \"a 'b\" | xargs echo", "a\n",
            "xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n", 1),
        arguments("xargs -n 0", "", "xargs: value 0 for -n option should be >= 1\n" + TRY, 1),
        arguments("xargs -P x", "", "xargs: invalid number \"x\" for -P option\n" + TRY, 1),
        arguments("xargs -Q", "", "xargs: invalid option -- 'Q'\n" + TRY, 1),
        arguments("echo a | xargs -s 5 echo", "", "xargs: argument line too long\n", 1),
        arguments("echo x | xargs cat", "", "cat: x: No such file or directory\n", 123));
  }

  @ParameterizedTest
  @MethodSource
  void xargs(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void splitsALargeInputAt128KiB() {
    expect("seq 1 100000 | xargs echo | wc -l", "5\n");
  }

  @Test
  void runsAsItReadsSoAnEndlessInputEndsWithTheReader() {
    expect("seq 1 100000000 | xargs -n 2 echo | head -n 2", "1 2\n3 4\n", "xargs: echo: terminated by signal 13\n", 0);
  }

  @Test
  void parallelRunsStayWithinTheShellThreadBudget() {
    // xargs is the last stage of its pipeline, so seq's thread is taken before xargs asks for
    // any: of a budget of two, xargs -P 16 gets at most one and runs its commands with it.
    try (Workspace small = Workspace.builder().mount("/data", Resources.inMemory()).shellThreadLimit(2).build()) {
      ExecResult r = small.execute("x=$(seq 1 40 | xargs -n 1 -P 16 echo); echo \"$x\" | sort -n | tail -n 1");
      assertThat(r.stdoutText()).isEqualTo("40\n");
      assertThat(r.exitCode()).isZero();
      assertThat(small.execute("seq 1 3 | xargs -P 0 -n 1 echo | wc -l").stdoutText()).isEqualTo("3\n");
    }
  }

  @Test
  void parallelRunsOverlap() {
    long start = System.nanoTime();
    ExecResult r = run("seq 1 4 | xargs -I{} -P 4 sleep 0.5; echo done");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.stdoutText()).isEqualTo("done\n");
    assertThat(millis).isLessThan(1500);
  }
}
