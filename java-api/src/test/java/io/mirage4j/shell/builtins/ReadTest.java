package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code read}'s options and IFS splitting, against GNU bash 5.2. */
class ReadTest extends BuiltinTestSupport {
  private static final String USAGE = "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n";

  static Stream<Arguments> read() {
    return Stream.of(
        arguments("read -r a <<< 'a\\\\b'; echo \"[$a]\"", "[a\\\\b]\n", "", 0),
        arguments("read a <<< 'a\\\\b'; echo \"[$a]\"", "[a\\b]\n", "", 0),
        arguments("read a b <<< 'x\\ y z'; echo \"[$a][$b]\"", "[x y][z]\n", "", 0),
        arguments("read -a arr <<< ' a  b c '; echo \"${#arr[@]} ${arr[2]}\"", "3 c\n", "", 0),
        arguments("read -d , a <<< 'ab,cd'; echo \"$? [$a]\"", "0 [ab]\n", "", 0),
        arguments("read -dx a <<< 'abxcd'; echo \"[$a]\"", "[ab]\n", "", 0),
        arguments("printf 'a\\0b\\0' | { read -d '' x; read -r -d '' y; read -d '' z; echo \"$? [$x][$y][$z]\"; }",
            "1 [a][b][]\n", "", 0),
        arguments("read -p 'P> ' a <<< x; echo \"[$a]\"", "[x]\n", "", 0),
        arguments("read -n 3 a b <<< ' a b c'; echo \"[$a][$b]\"", "[a][]\n", "", 0),
        arguments("printf '\\303\\251t\\303\\251\\n' | { read -n 2 a; echo \"[$a]\"; }", "[\u00e9t]\n", "", 0),
        arguments("read -N 5 a b <<< 'x y z'; echo \"[$a][$b]\"", "[x y z][]\n", "", 0),
        arguments("read -N 4 a <<< ab; echo \"$? [$a]\"", "1 [ab\n]\n", "", 0),
        arguments("read -n 0 a <<< abc; echo \"$? [$a]\"", "0 []\n", "", 0),
        arguments("read -t 0 <<< abc; echo $?", "0\n", "", 0),
        arguments("read -rs -d, a b <<< 'x y,z'; echo \"[$a][$b]\"", "[x][y]\n", "", 0),
        arguments("IFS=, read a b <<< '1,2,3,'; echo \"[$a][$b]\"", "[1][2,3,]\n", "", 0),
        arguments("IFS=, read a b <<< '1,2,'; echo \"[$a][$b]\"", "[1][2]\n", "", 0),
        arguments("IFS=', ' read a b c <<< ' 1 , 2 ,, 3 , '; echo \"[$a][$b][$c]\"", "[1][2][, 3 ,]\n", "", 0),
        arguments("IFS= read a <<< '  x  '; echo \"[$a]\"", "[  x  ]\n", "", 0),
        arguments("printf abc | { read a; echo \"$? [$a]\"; }", "1 [abc]\n", "", 0),
        arguments("{ read a; cat; } <<< $'1\\n2'", "2\n", "", 0),
        arguments("read -z", "", "mirage: read: -z: invalid option\n" + USAGE, 2),
        arguments("read -a", "", "mirage: read: -a: option requires an argument\n" + USAGE, 2),
        arguments("{ read 1a; echo $?; cat; } <<< x", "1\nx\n", "mirage: read: `1a': not a valid identifier\n", 0),
        arguments("read -n x a <<< x; echo $?", "1\n", "mirage: read: x: invalid number\n", 0),
        arguments("read -t x a <<< x; echo $?", "1\n", "mirage: read: x: invalid timeout specification\n", 0),
        arguments("read -u 5 x; echo $?", "1\n", "mirage: read: 5: invalid file descriptor: Bad file descriptor\n", 0));
  }

  @ParameterizedTest
  @MethodSource
  void read(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
