package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code jq}, against jq 1.6: its output format, options, messages and statuses. */
class JqTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/a.json", "[{\"name\":\"x\",\"n\":1},{\"name\":\"y\",\"n\":2}]\n");
    file("/m.json", "{\"a\":1}\n\n{\"a\":2}\n3");
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("jq .[0] a.json", "{\n  \"name\": \"x\",\n  \"n\": 1\n}\n", "", 0),
        arguments("jq -c '.[0]' a.json", "{\"name\":\"x\",\"n\":1}\n", "", 0),
        arguments("jq --tab -c '.[1]' a.json", "{\"name\":\"y\",\"n\":2}\n", "", 0),
        arguments("jq -c --tab -n '[1]'", "[\n\t1\n]\n", "", 0),
        arguments("jq --tab '[1]'  -n", "[\n\t1\n]\n", "", 0),
        arguments("jq -r '.[].name' a.json", "x\ny\n", "", 0),
        arguments("jq -j '.[].name' a.json", "xy", "", 0),
        arguments("jq -S -c -n '{\"b\":1,\"a\":2}'", "{\"a\":2,\"b\":1}\n", "", 0),
        arguments("jq -n -c '[1e17, 1e-5, 1.0, 1/3, infinite, nan]'",
            "[1e+17,1e-05,1,0.3333333333333333,1.7976931348623157e+308,null]\n", "", 0),
        arguments("jq .a m.json", "1\n2\n", "jq: error (at m.json:3): Cannot index number with string \"a\"\n", 5),
        arguments("jq -n 'error(\"boom\")'", "", "jq: error (at <unknown>): boom\n", 5),
        arguments("jq -e .[0].zz a.json", "null\n", "", 1),
        arguments("jq -e empty a.json", "", "", 4),
        arguments("jq nosuch a.json", "", "jq: error: nosuch/0 is not defined at <top-level>, line 1:\nnosuch\n"
            + "jq: 1 compile error\n", 3),
        arguments("jq . nope", "", "jq: error: Could not open file nope: No such file or directory\n", 2),
        arguments("jq --indent 9 .", "", "jq: --indent takes a number between -1 and 7\n"
            + "Use jq --help for help with command-line options,\n"
            + "or see the jq manpage, or online docs  at https://stedolan.github.io/jq\n", 2),
        arguments("echo '{\"a\":1' | jq .", "", "parse error: Unfinished JSON term at EOF at line 2, column 0\n", 4),
        arguments("jq -n '\"bye\" | halt_error(2)'", "", "bye", 2),
        arguments("jq -n --argjson x '[1]' --arg y z -c '[$x, $y]'", "[[1],\"z\"]\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void printsWhatJqPrints(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void envIsTheSessionsEnvironmentNotTheHosts() {
    String hostPath = System.getenv("PATH");
    assertThat(hostPath).isNotNull();
    assertThat(run("jq -n -r 'env.PATH, $ENV.PATH, (env | keys | join(\",\"))'").stdout())
        .asString().isEqualTo("null\nnull\nHOME\n");
    assertThat(run("export GREETING=hi; jq -n -r 'env.GREETING'").stdout()).asString().isEqualTo("hi\n");
  }

  @Test
  void recursionWithoutEndFailsAndTheWorkspaceAnswersNext() {
    assertThat(run("jq -n 'def f: 1 + f; f'").exitCode()).isEqualTo(5);
    expect("echo ok", "ok\n");
  }

  @Test
  void endlessOutputStopsAtTheReader() {
    expect("jq -n 'range(1e9)' | head -2", "0\n1\n");
    expect("echo '-0' | jq -c '[., -0.5]'", "[-0,-0.5]\n");
  }
}
