package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code od xxd expr date split}, against GNU coreutils 9.1 and xxd 2022-01-14. */
class DumpAndCalcCommandsTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/b", "hello\tworld\n");
    file("/n", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("od -c b", "0000000   h   e   l   l   o  \\t   w   o   r   l   d  \\n\n0000014\n", "", 0),
        arguments("od -An -tx1 b", " 68 65 6c 6c 6f 09 77 6f 72 6c 64 0a\n", "", 0),
        arguments("od -x b", "0000000 6568 6c6c 096f 6f77 6c72 0a64\n0000014\n", "", 0),
        arguments("printf '%048d' 0 | od -An -c", "   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0   0\n*\n",
            "", 0),
        arguments("od -t q b", "", "od: invalid character 'q' in type string ‘q’\n", 1),
        arguments("xxd b", "00000000: 6865 6c6c 6f09 776f 726c 640a            hello.world.\n", "", 0),
        arguments("xxd -p b | xxd -r -p", "hello\tworld\n", "", 0),
        arguments("xxd -l 2 -s 1 b", "00000001: 656c                                     el\n", "", 0),
        arguments("xxd nope", "", "xxd: nope: No such file or directory\n", 2),
        arguments("expr 1 + 2 \\* 3", "7\n", "", 0),
        arguments("expr file.txt : '\\(.*\\)\\.txt'", "file\n", "", 0),
        arguments("expr 0 \\& 1", "0\n", "", 1),
        arguments("expr 1 / 0", "", "expr: division by zero\n", 2),
        arguments("expr 1 +", "", "expr: syntax error: missing argument after ‘+’\n", 2),
        arguments("date -u -d @1700000000", "Tue Nov 14 22:13:20 UTC 2023\n", "", 0),
        arguments("date -u -d @1700000000 '+%F %T %-d %_H %^a %3N %:z'", "2023-11-14 22:13:20 14 22 TUE 000 +00:00\n",
            "", 0),
        arguments("date -u -d @1700000000 -Iseconds", "2023-11-14T22:13:20+00:00\n", "", 0),
        arguments("date -u -d '2024-01-31 1 month' +%F", "2024-03-02\n", "", 0),
        arguments("date -d nope", "", "date: invalid date ‘nope’\n", 1),
        arguments("split -l 4 -d n p && ls p* && cat p02", "p00\np01\np02\n9\n10\n", "", 0),
        arguments("seq 1 30 | split -a 1 -l 1; ls x* | wc -l", "26\n", "split: output file suffixes exhausted\n", 0),
        arguments("split nope", "", "split: cannot open 'nope' for reading: No such file or directory\n", 1));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void printsWhatGnuPrints(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void dateUsesTheSessionsZoneNotTheHosts() {
    expect("date -d @0 +%Z", "UTC\n");
    expect("export TZ=Asia/Tokyo; date -d @0 '+%H %Z'", "09 JST\n");
    expect("export TZ=No/Such_Zone; date -d @0 '+%H'", "00\n");
  }

  @Test
  void dateRefusesToSetTheClock() {
    expect("date -s @0", "", "date: cannot set date: Operation not permitted\n", 1);
  }

  @Test
  void splitWithoutSuffixLengthGrowsTheSuffix() {
    file("/many", "x\n".repeat(652));
    run("split -l 1 many");
    assertThat(exists("/xyz")).isTrue();
    assertThat(exists("/xzaaa")).isTrue();
    assertThat(exists("/xzaab")).isTrue();
  }
}
