package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirage4j.workspace.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sed}, against GNU sed 4.9. */
class SedTest extends BuiltinTestSupport {

  static Stream<Arguments> sed() {
    return Stream.of(
        arguments("echo hello | sed 's/l/L/2'", "helLo\n", "", 0),
        arguments("echo 'a.b.c' | sed 's/\\./-/g'", "a-b-c\n", "", 0),
        arguments("echo abc | sed -E 's/(b|c)+/[&]/'", "a[bc]\n", "", 0),
        arguments("echo 'one two' | sed 's/\\w\\+/\\u&/g'", "One Two\n", "", 0),
        arguments("echo ab | sed 's/\\(a\\)\\(b\\)/\\2\\1/'", "ba\n", "", 0),
        arguments("seq 3 | sed -n '2{p;=}'", "2\n2\n", "", 0),
        arguments("seq 5 | sed -n '2,+1p'", "2\n3\n", "", 0),
        arguments("seq 3 | sed '1!G;h;$!d'", "3\n2\n1\n", "", 0),
        arguments("seq 3 | sed 'N;N;s/\\n/+/g'", "1+2+3\n", "", 0),
        arguments("echo x | sed 'y/x/\\n/' | wc -l", "2\n", "", 0),
        arguments("echo 'a b' | sed 's/ /\\\n/'", "a\nb\n", "", 0),
        arguments("seq 2 | sed 'w /dev/stdout'", "1\n1\n2\n2\n", "", 0),
        arguments("seq 3 | sed 's/x/y/;tend;s/$/./;:end'", "1.\n2.\n3.\n", "", 0),
        arguments("sed 'b x'", "", "sed: can't find label for jump to `x'\n", 4),
        arguments("sed -n", "", null, 1),
        arguments("sed --bogus p", "", null, 1),
        arguments("sed -e 's/a/b/' -e 's/c'", "", "sed: -e expression #2, char 3: unterminated `s' command\n", 1));
  }

  @ParameterizedTest
  @MethodSource
  void sed(String line, String stdout, String stderr, int status) {
    ExecResult r = run(line);
    assertThat(r.stdoutText()).isEqualTo(stdout);
    if (stderr != null) {
      assertThat(r.stderrText()).isEqualTo(stderr);
    } else {
      assertThat(r.stderrText()).contains("Usage: sed [OPTION]...");
    }
    assertThat(r.exitCode()).isEqualTo(status);
  }

  @Test
  void scriptFileErrorsNameTheFileAndLine() {
    file("/s.sed", "p\ns/a\n");
    expect("sed -f s.sed", "", "sed: file s.sed line 2: unterminated `s' command\n", 1);
  }

  @Test
  void endlessInputEndsAtQuit() {
    expect("yes | sed 3q", "y\ny\ny\n");
    expect("yes abc | sed -n '/b/{p;q}'", "abc\n");
  }

  @Test
  void streamsLongInputs() {
    expect("seq 200000 | sed -n '$p;100000p'", "100000\n200000\n");
  }

  @Test
  void inPlaceOnAReadOnlyMountChangesNothing() {
    ExecResult r = run("sed -i s/one/1/ /ro/notes.txt");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stderrText()).matches("sed: couldn't open temporary file /ro/sed[A-Za-z0-9]{6}: Read-only file system\n");
    assertThat(new String(ro.read("/notes.txt"), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    expect("sed -n 1p /ro/notes.txt", "one\n");
  }

  @Test
  void inPlaceLeavesNoTemporaryFile() {
    file("/a.txt", "x\ny\n");
    expect("sed -i -e 1d -e 's/y/Y/' a.txt && cat a.txt && ls", "Y\na.txt\n");
  }

  @Test
  void inPlaceBackupWithAStar() {
    file("/a.txt", "x\n");
    expect("sed -i'old_*' s/x/z/ a.txt && cat a.txt old_a.txt", "z\nx\n");
  }

  @Test
  void writeFilesAreEmptiedEvenWhenNothingIsWritten() {
    file("/w.txt", "old\n");
    expect("echo a | sed '/zzz/w w.txt' && cat w.txt", "a\n");
  }

  @Test
  void nulDataKeepsNewlinesInRecords() {
    ExecResult r = run("printf 'a\\nb\\0c\\0' | sed -z 's/\\n/+/;s/^/>/'");
    assertThat(r.stdoutText()).isEqualTo(">a+b\0>c\0");
  }
}
