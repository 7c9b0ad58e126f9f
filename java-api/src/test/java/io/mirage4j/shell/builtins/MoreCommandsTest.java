package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fold comm yes md5sum sha256sum base64 realpath readlink}, against GNU coreutils 9.1. */
class MoreCommandsTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/c1", "a\nb\nd\n");
    file("/c2", "b\nc\nd\ne\n");
    file("/x", "x");
    data.mkdir("/sub");
    file("/sub/g", "y\n");
  }

  static Stream<Arguments> fold() {
    return Stream.of(
        arguments("echo 'aaaa bbbb cccc' | fold -w 6", "aaaa b\nbbb cc\ncc\n", "", 0),
        arguments("echo 'aaaa bbbb cccc' | fold -s -w 6", "aaaa \nbbbb \ncccc\n", "", 0),
        arguments("printf 'a\\tb\\n' | fold -w 4", "a\n\t\nb\n", "", 0),
        arguments("echo abcdefg | fold -b -3", "abc\ndef\ng\n", "", 0),
        arguments("fold -w 0 x", "", "fold: invalid number of columns: ‘0’: Numerical result out of range\n", 1));
  }

  static Stream<Arguments> comm() {
    return Stream.of(
        arguments("comm c1 c2", "a\n\t\tb\n\tc\n\t\td\n\te\n", "", 0),
        arguments("comm -12 c1 c2", "b\nd\n", "", 0),
        arguments("comm -3 --output-delimiter=, c1 c2", "a\n,c\n,e\n", "", 0),
        arguments("comm --total -123 c1 c2", "1\t2\t2\ttotal\n", "", 0),
        arguments("printf 'b\\na\\n' | comm - c2", "\t\tb\na\n\tc\n\td\n\te\n",
            "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n", 1),
        arguments("printf 'b\\na\\n' | comm --check-order - c2", "\t\tb\n", "comm: file 1 is not in sorted order\n", 1),
        arguments("comm c1", "", "comm: missing operand after ‘c1’\nTry 'comm --help' for more information.\n", 1));
  }

  static Stream<Arguments> checksums() {
    return Stream.of(
        arguments("md5sum x", "9dd4e461268c8034f5c8564e155c67a6  x\n", "", 0),
        arguments("echo hi | md5sum", "764efa883dda1e11db47671c4a3bbd9e  -\n", "", 0),
        arguments("md5sum --tag x", "MD5 (x) = 9dd4e461268c8034f5c8564e155c67a6\n", "", 0),
        arguments("printf abc | sha256sum", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n", "", 0),
        arguments("md5sum x > s; md5sum -c s", "x: OK\n", "", 0),
        arguments("md5sum x > s; echo changed > x; md5sum -c s", "x: FAILED\n",
            "md5sum: WARNING: 1 computed checksum did NOT match\n", 1),
        arguments("echo junk | md5sum -c", "", "md5sum: 'standard input': no properly formatted checksum lines found\n", 1),
        arguments("md5sum nope", "", "md5sum: nope: No such file or directory\n", 1));
  }

  static Stream<Arguments> base64() {
    return Stream.of(
        arguments("printf 'hello world' | base64", "aGVsbG8gd29ybGQ=\n", "", 0),
        arguments("seq 1 12 | base64 -w 10", "MQoyCjMKNA\no1CjYKNwo4\nCjkKMTAKMT\nEKMTIK\n", "", 0),
        arguments("printf ab | base64 -w 0", "YWI=", "", 0),
        arguments("echo 'aGVs\nbG8=' | base64 -d", "hello", "", 0),
        arguments("echo 'aGVs!bG8=' | base64 -d", "hel", "base64: invalid input\n", 1),
        arguments("echo 'aGVs!bG8=' | base64 -di", "hello", "", 0),
        arguments("seq 1 1000 | base64 | base64 -d | tail -n 1", "1000\n", "", 0),
        arguments("base64 -w x", "", "base64: invalid wrap size: ‘x’\n", 1));
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        arguments("realpath x sub/../sub/g nope", "/data/x\n/data/sub/g\n/data/nope\n", "", 0),
        arguments("realpath --relative-to=sub x", "../x\n", "", 0),
        arguments("realpath nope/x", "", "realpath: nope/x: No such file or directory\n", 1),
        arguments("realpath x/", "", "realpath: x/: Not a directory\n", 1),
        arguments("realpath -m nope/a/../b", "/data/nope/b\n", "", 0),
        arguments("readlink x", "", "", 1),
        arguments("readlink -v x", "", "readlink: x: Invalid argument\n", 1),
        arguments("readlink -f sub/./g", "/data/sub/g\n", "", 0),
        arguments("readlink -e nope", "", "", 1),
        arguments("readlink", "", "readlink: missing operand\nTry 'readlink --help' for more information.\n", 1));
  }

  @ParameterizedTest
  @MethodSource({"fold", "comm", "checksums", "base64", "paths"})
  void commands(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void yesEndsWithItsReader() {
    expect("yes | head -n 2", "y\ny\n");
    expect("yes a b | head -n 1", "a b\n");
    expect("yes -x", "", "yes: invalid option -- 'x'\nTry 'yes --help' for more information.\n", 1);
  }

  @Test
  void yesAloneStopsAtTheOutputLimit() {
    try (Workspace small = Workspace.builder().mount("/data", Resources.inMemory()).outputLimit(100_000).build()) {
      ExecResult r = small.execute("yes");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stdout().length).isLessThanOrEqualTo(100_000);
      assertThat(small.execute("echo next").stdoutText()).isEqualTo("next\n");
    }
  }

  @Test
  void yesStopsAtTheLineTimeLimit() {
    try (Workspace timed = Workspace.builder().mount("/data", Resources.inMemory())
        .lineTimeout(Duration.ofMillis(300)).build()) {
      ExecResult r = timed.execute("yes > /dev/null");
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(timed.execute("echo next").stdoutText()).isEqualTo("next\n");
    }
  }

  @Test
  void streamingCommandsEndWithTheirReader() {
    expect("yes abcdefghij | fold -w 3 | head -n 2", "abc\ndef\n");
    expect("yes | base64 | head -n 1", "eQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5CnkKeQp5\n");
    expect("yes | tr y n | head -n 1", "n\n");
  }
}
