package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code grep}, against GNU grep 3.8 in a UTF-8 locale. */
class GrepTest extends BuiltinTestSupport {

  @BeforeEach
  void files() {
    file("/a", "foo\nbar\nFoo bar\nfoobar\n");
    file("/b", "x foo\n");
    file("/p", "a.b\na+b\nq\n/x\n-\nd1\n*x\nab ab\nab ac\na{1\n");
    run("mkdir -p d/e; printf 'foo\\nbar\\n' > d/a; echo 'x foo' > d/e/b");
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        arguments("grep foo a", "foo\nfoobar\n", "", 0),
        arguments("grep -i foo a b", "a:foo\na:Foo bar\na:foobar\nb:x foo\n", "", 0),
        arguments("grep -n -v foo a", "2:bar\n3:Foo bar\n", "", 0),
        arguments("grep -c foo a b", "a:2\nb:1\n", "", 0),
        arguments("grep -ch foo a b", "2\n1\n", "", 0),
        arguments("grep -H foo a", "a:foo\na:foobar\n", "", 0),
        arguments("grep -w foo a", "foo\n", "", 0),
        arguments("grep -x foo a", "foo\n", "", 0),
        arguments("grep -e foo -e bar a", "foo\nbar\nFoo bar\nfoobar\n", "", 0),
        arguments("grep 'foo\nbar' a", "foo\nbar\nFoo bar\nfoobar\n", "", 0),
        arguments("grep xyz a", "", "", 1),
        arguments("grep -vc '' a", "0\n", "", 1),
        arguments("grep '' a | wc -l", "4\n", "", 0),
        arguments("cat b | grep -n foo - a", "(standard input):1:x foo\na:1:foo\na:4:foobar\n", "", 0),
        arguments("grep -H foo < b", "(standard input):x foo\n", "", 0),
        arguments("printf 'x\\ny' | grep -n ''", "1:x\n2:y\n", "", 0),
        arguments("printf 'foo\\r\\nbar\\n' | grep -c 'foo$'", "0\n", "", 1),
        arguments("printf 'a-b\\na_b\\n' | grep -w a", "a-b\n", "", 0),
        arguments("printf 'foo\\n\\nbar\\n' | grep -w ''", "\n", "", 0),
        arguments("printf 'p\\n' > pats; grep -f pats a", "", "", 1),
        arguments("printf 'bar\\n' > pats; grep -f pats a", "bar\nFoo bar\nfoobar\n", "", 0),
        arguments("printf '' > pats; grep -f pats a", "", "", 1),
        arguments("grep --count --ignore-case foo a", "3\n", "", 0),
        arguments("grep --color=auto foo b", "x foo\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void matching(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  /** Patterns that are plain text are matched on the line's bytes; the lines selected stay GNU grep's. */
  static Stream<Arguments> plainTextPatterns() {
    return Stream.of(
        arguments("grep -F 'a.b' p", "a.b\n", "", 0),
        arguments("grep -c 'a.b' p", "2\n", "", 0),
        arguments("grep -F -c '*x' p", "1\n", "", 0),
        arguments("grep 'ab a' p", "ab ab\nab ac\n", "", 0),
        arguments("printf '\\377\\067\\nx\\n7\\342\\202\\n' | grep -c 7", "2\n", "", 0),
        arguments("printf 'x7\\n\\n77\\n' | grep -n 7", "1:x7\n3:77\n", "", 0),
        arguments("printf 'x7\\n\\n77\\n' | grep -vn 7", "2:\n", "", 0),
        arguments("printf 'b\\nab\\n' | grep -e a -e b", "b\nab\n", "", 0),
        arguments("grep -c -F '' p", "10\n", "", 0),
        arguments("seq 1 20000 | grep -c 7", "6878\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void plainTextPatterns(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> regularExpressions() {
    return Stream.of(
        arguments("grep -E 'fo+|bar$' a", "foo\nbar\nFoo bar\nfoobar\n", "", 0),
        arguments("grep 'fo\\+' a", "foo\nfoobar\n", "", 0),
        arguments("grep 'fo+' a", "", "", 1),
        arguments("grep -F 'a+b' p", "a+b\n", "", 0),
        arguments("grep -F '.' p", "a.b\n", "", 0),
        arguments("grep '\\(foo\\)bar' a", "foobar\n", "", 0),
        arguments("grep '\\(ab\\) \\1' p", "ab ab\n", "", 0),
        arguments("grep -E '(ab) \\1' p", "ab ab\n", "", 0),
        arguments("grep '*x' p", "*x\n", "", 0),
        arguments("grep '^*' p", "*x\n", "", 0),
        arguments("grep -E '*foo' a", "foo\nfoobar\n", "grep: warning: * at start of expression\n", 0),
        arguments("grep -E 'q|+b' p", "a.b\na+b\nq\nab ab\nab ac\n", "grep: warning: + at start of expression\n", 0),
        arguments("grep -E '{1}x' p", "/x\n*x\n", "grep: warning: {...} at start of expression\n", 0),
        arguments("grep -E 'a{1' p", "a{1\n", "", 0),
        arguments("grep 'a{1' p", "a{1\n", "", 0),
        arguments("grep '\\{1\\}x' p", "", "", 1),
        arguments("grep -E 'a{,2}c' p", "ab ac\n", "", 0),
        arguments("echo aaa | grep -E 'a{1,2}{3}'", "aaa\n", "", 0),
        arguments("echo a | grep -E 'a{1,2}{3}'", "", "", 1),
        arguments("grep -E 'b++' p", "a.b\na+b\nab ab\nab ac\n", "", 0),
        arguments("grep '\\.' p", "a.b\n", "", 0),
        arguments("grep '\\q' p", "q\n", "", 0),
        arguments("grep '\\d' p", "d1\n", "", 0),
        arguments("grep '[\\d]' p", "d1\n", "", 0),
        arguments("grep '[]x]' p", "/x\n*x\n", "", 0),
        arguments("grep '^[^]a-z*/+-]' p", "", "", 1),
        arguments("grep '[[:upper:]]' a", "Foo bar\n", "", 0),
        arguments("grep '[[:digit:]]' p", "d1\na{1\n", "", 0),
        arguments("grep '[[=q=]]' p", "q\n", "", 0),
        arguments("grep '\\<bar' a", "bar\nFoo bar\n", "", 0),
        arguments("grep 'o\\b' a", "foo\nFoo bar\n", "", 0),
        arguments("grep '\\w\\W\\w' a", "Foo bar\n", "", 0),
        arguments("grep -E 'a\\S+' p", "a.b\na+b\nab ab\nab ac\na{1\n", "", 0),
        arguments("grep 'a^b' p", "", "", 1),
        arguments("grep -E ')' p", "", "", 1),
        arguments("printf '\u00c9cole\\nStra\u00dfe\\n' | grep -i '\u00e9cole'", "\u00c9cole\n", "", 0),
        arguments("printf '\u00c9cole\\nStra\u00dfe\\n' | grep '^.cole$'", "\u00c9cole\n", "", 0),
        arguments("printf '\u00c9cole\\nStra\u00dfe\\n' | grep -w 'Stra'", "", "", 1),
        arguments("printf '\u00c9cole\\nStra\u00dfe\\n' | grep '[[:alpha:]]e$'", "\u00c9cole\nStra\u00dfe\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void regularExpressions(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  static Stream<Arguments> malformedExpressions() {
    return Stream.of(
        arguments("grep -E '(' a", "grep: Unmatched ( or \\(\n"),
        arguments("grep '\\(' a", "grep: Unmatched ( or \\(\n"),
        arguments("grep '\\)' a", "grep: Unmatched ) or \\)\n"),
        arguments("grep '[' a", "grep: Invalid regular expression\n"),
        arguments("grep '[a' a", "grep: Unmatched [, [^, [:, [., or [=\n"),
        arguments("grep 'a\\{1' a", "grep: Unmatched \\{\n"),
        arguments("grep 'x\\{2,1\\}' a", "grep: Invalid content of \\{\\}\n"),
        arguments("grep -E 'a{1,2,3}b' a", "grep: Invalid content of \\{\\}\n"),
        arguments("grep -E 'a{65536}' a", "grep: Regular expression too big\n"),
        arguments("grep '\\(a\\)\\2' a", "grep: Invalid back reference\n"),
        arguments("grep '[[:foo:]]' a", "grep: Invalid character class name\n"),
        arguments("grep '[:alpha:]' a", "grep: character class syntax is [[:space:]], not [:space:]\n"),
        arguments("grep '[z-a]' a", "grep: Invalid range end\n"),
        arguments("grep '[[.ab.]]' a", "grep: Invalid collation character\n"),
        arguments("grep 'a\\' a", "grep: Trailing backslash\n"));
  }

  @ParameterizedTest
  @MethodSource
  void malformedExpressions(String line, String stderr) {
    expect(line, "", stderr, 2);
  }

  static Stream<Arguments> onlyMatching() {
    return Stream.of(
        arguments("echo 'a+b aab' | grep -o 'a+b'", "a+b\n"),
        arguments("echo 'abcd abc' | grep -oE 'ab|abcd'", "abcd\nab\n"),
        arguments("echo abcd | grep -o -e ab -e abcd", "abcd\n"),
        arguments("echo xyz | grep -oE 'x|xy|xyz|y'", "xyz\n"),
        arguments("echo 'foo bar foo' | grep -on foo", "1:foo\n1:foo\n"),
        arguments("printf 'x1y22z\\nq\\n' | grep -o '[0-9]*'", "1\n22\n"),
        arguments("printf 'x1y22z\\nq\\n' | grep -oc '[0-9]'", "1\n"),
        arguments("echo aaa | grep -o '^a'", "a\n"),
        arguments("echo 'ab abc' | grep -ow ab", "ab\n"),
        arguments("echo 'h\u00e9llo w\u00f6rld' | grep -o '[[:alpha:]]*'", "h\u00e9llo\nw\u00f6rld\n"),
        arguments("grep -o oo a b", "a:oo\na:oo\na:oo\nb:oo\n"),
        arguments("echo abc | grep -ov x", ""));
  }

  @ParameterizedTest
  @MethodSource
  void onlyMatching(String line, String stdout) {
    expect(line, stdout);
  }

  @Test
  void recursiveSearchNamesFilesInNameOrder() {
    expect("grep -r foo d", "d/a:foo\nd/e/b:x foo\n");
    expect("grep -r foo d/", "d/a:foo\nd/e/b:x foo\n");
    expect("grep -rh foo d", "foo\nx foo\n");
    expect("grep -rc foo d", "d/a:1\nd/e/b:1\n");
    expect("grep -r foo d/a", "foo\n");
    expect("(cd d && grep -r foo)", "a:foo\ne/b:x foo\n");
    expect("(cd d && grep -R foo .)", "./a:foo\n./e/b:x foo\n");
  }

  @Test
  void filesAndErrors() {
    expect("grep -l foo a b nope", "a\nb\n", "grep: nope: No such file or directory\n", 2);
    expect("grep -q foo nope a; echo $?", "0\n", "grep: nope: No such file or directory\n", 0);
    expect("grep -q foo a nope; echo $?", "0\n");
    expect("grep -c x a nope", "a:0\n", "grep: nope: No such file or directory\n", 2);
    expect("grep x a -e foo", "a:foo\na:foobar\n", "grep: x: No such file or directory\n", 2);
    expect("grep foo d a", "a:foo\na:foobar\n", "grep: d: Is a directory\n", 2);
    expect("grep -s foo nope; echo $?", "2\n");
    expect("grep x ''", "", "grep: : No such file or directory\n", 2);
    expect("grep", "", "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    expect("grep -e", "", "grep: option requires an argument -- 'e'\n"
        + "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    expect("grep -Z x a", "", "grep: invalid option -- 'Z'\n"
        + "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    expect("grep -f nope a", "", "grep: nope: No such file or directory\n", 2);
    expect("grep one /ro/notes.txt", "one\n");
  }

  @Test
  void binaryFilesAreReportedNotPrinted() {
    file("/bin", new byte[] {'b', 'i', 'n', 0, 'f', 'o', 'o', '\n'});
    file("/inv", new byte[] {'a', (byte) 0xff, 'b', '\n'});
    expect("grep foo bin", "", "grep: bin: binary file matches\n", 0);
    expect("grep -n foo bin", "", "grep: bin: binary file matches\n", 0);
    expect("grep -c foo bin", "1\n");
    expect("grep -l foo bin", "bin\n");
    expect("grep a inv", "", "grep: inv: binary file matches\n", 0);
    expect("grep -c a inv", "1\n");
  }
}
