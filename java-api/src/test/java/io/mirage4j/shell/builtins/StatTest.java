package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.workspace.ExecResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code stat}: GNU's formats and messages, and the values a mount without inodes or owners gets. */
class StatTest extends BuiltinTestSupport {

  static Stream<Arguments> formats() {
    return Stream.of(
        arguments("printf hello > a; stat -c '%n %s %a %A %F %f %h' a", "a 5 644 -rw-r--r-- regular file 81a4 1\n"),
        arguments("touch e; stat -c '%F|%s|%b' e", "regular empty file|0|0\n"),
        arguments("mkdir -p d/x d/y; touch d/f; stat -c '%F %s %b %a %f %h' d", "directory 4096 8 755 41ed 4\n"),
        arguments("touch a; stat -c '%U %G %u %g %d %D %t %T %W %w' a", "user user 1000 1000 0 0 0 0 0 -\n"),
        arguments("touch a; stat -c %m a /ro/notes.txt", "/data\n/ro\n"),
        arguments("touch 'a b'; stat -c '%N|%n' 'a b'", "'a b'|a b\n"),
        arguments("printf '%04097d' 0 > big; stat -c '%s %b %B %o' big", "4097 16 512 4096\n"),
        arguments("touch a; stat -c '[%-6n][%6n][%.1n]' a", "[a     ][     a][a]\n"),
        arguments("touch a; stat -c '%#f %#a %+s %05a' a", "0x81a4 0644 +0 00644\n"),
        arguments("touch a; stat -c '%q%%' a", "?%\n"),
        arguments("touch a; stat --printf '%n\\101\\x42\\t\\\\' a", "aAB\t\\"),
        arguments("touch a; chmod 4755 a; stat -c '%a %A' a", "4755 -rwsr-xr-x\n"),
        arguments("stat -c '%n %a %F' /ro/docs /", "/ro/docs 755 directory\n/ 755 directory\n"),
        arguments("touch a; stat -L -c %n a", "a\n"));
  }

  @ParameterizedTest
  @MethodSource
  void formats(String line, String stdout) {
    expect(line, stdout);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("stat nope", "", "stat: cannot statx 'nope': No such file or directory\n", 1),
        arguments("stat ''", "", "stat: cannot statx '': No such file or directory\n", 1),
        arguments("touch a; stat -c %n nope a", "a\n", "stat: cannot statx 'nope': No such file or directory\n", 1),
        arguments("stat", "", "stat: missing operand\nTry 'stat --help' for more information.\n", 1),
        arguments("stat -z a", "", "stat: invalid option -- 'z'\nTry 'stat --help' for more information.\n", 1),
        arguments("stat -c", "", "stat: option requires an argument -- 'c'\nTry 'stat --help' for more information.\n", 1),
        arguments("touch a; stat -c 'x%5%y' a", "x", "stat: ‘%5%’: invalid directive\n", 1),
        arguments("touch a; stat --printf '\\q' a", "q", "stat: warning: unrecognized escape '\\q'\n", 0),
        arguments("touch a; stat --printf 'x\\' a", "x\\", "stat: warning: backslash at end of format\n", 0));
  }

  @ParameterizedTest
  @MethodSource
  void errors(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void defaultLayoutIsGnus() {
    String out = run("printf hello > a; stat a").stdoutText();
    assertThat(out).matches("  File: a\n"
        + "  Size: 5         \tBlocks: 8          IO Block: 4096   regular file\n"
        + "Device: 0,0\tInode: [0-9]+ +Links: 1\n"
        + "Access: \\(0644/-rw-r--r--\\)  Uid: \\( 1000/    user\\)   Gid: \\( 1000/    user\\)\n"
        + "Access: ([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\\.[0-9]{9} \\+0000)\nModify: \\1\nChange: \\1\n"
        + " Birth: -\n");
  }

  @Test
  void terseLineHasGnusSixteenFields() {
    String out = run("printf hello > a; stat -t a").stdoutText();
    assertThat(out).matches("a 5 8 81a4 1000 1000 0 [0-9]+ 1 0 0 ([0-9]+) \\1 \\1 0 4096\n");
  }

  @Test
  void inodeNumbersAreStableAndDiffer() {
    ExecResult r = run("touch a b; stat -c %i a b a");
    String[] inodes = r.stdoutText().split("\n");
    assertThat(inodes[0]).isEqualTo(inodes[2]).isNotEqualTo(inodes[1]);
  }

  @Test
  void timesAreTheModificationTimeInTz() {
    ExecResult r = run("touch a; stat -c '%Y|%X|%Z' a; date -r a +%s; stat -c %y a; TZ=Asia/Tokyo stat -c %y a");
    String[] lines = r.stdoutText().split("\n");
    assertThat(lines[0]).isEqualTo(lines[1] + "|" + lines[1] + "|" + lines[1]);
    assertThat(lines[2]).endsWith(" +0000");
    assertThat(lines[3]).endsWith(" +0900");
  }
}
