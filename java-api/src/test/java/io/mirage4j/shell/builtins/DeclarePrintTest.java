package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code declare -p} and {@code ${!prefix*}} / {@code ${!prefix@}}, against GNU bash 5.2. */
class DeclarePrintTest extends BuiltinTestSupport {

  static Stream<Arguments> declare() {
    return Stream.of(
        arguments("x=1; declare -p x", "declare -- x=\"1\"\n", "", 0),
        arguments("y='a \"q\" $b `c` \\d'; declare -p y", "declare -- y=\"a \\\"q\\\" \\$b \\`c\\` \\\\d\"\n", "", 0),
        arguments("export y=2; export q; declare -p y q", "declare -x y=\"2\"\ndeclare -x q\n", "", 0),
        arguments("x=$'a\\nb'; declare -p x", "declare -- x=$'a\\nb'\n", "", 0),
        arguments("a=(1 '2 3'); a[7]=x; declare -p a", "declare -a a=([0]=\"1\" [1]=\"2 3\" [7]=\"x\")\n", "", 0),
        arguments("declare -a z=(); declare -p z", "declare -a z=()\n", "", 0),
        arguments("declare -A m=([k]=v); declare -p m", "declare -A m=([k]=\"v\" )\n", "", 0),
        arguments("declare -A s=([\"a b\"]=1); declare -p s", "declare -A s=([\"a b\"]=\"1\" )\n", "", 0),
        arguments("declare -ax e=(1); declare -p e", "declare -ax e=([0]=\"1\")\n", "", 0),
        arguments("x=$'a b\\n\"c\"'; s=$(declare -p x); unset x; eval \"$s\"; printf '[%s]' \"$x\"", "[a b\n\"c\"]", "", 0),
        arguments("x=1; declare -p nope x; echo $?", "declare -- x=\"1\"\n1\n", "mirage: declare: nope: not found\n", 0),
        arguments("x=1; xy=2; xz=3; y=4; echo ${!x*}", "x xy xz\n", "", 0),
        arguments("x=1; xy=2; for v in \"${!x@}\"; do echo \"<$v>\"; done", "<x>\n<xy>\n", "", 0),
        arguments("x=1; xy=2; IFS=,; echo \"${!x*}\"", "x,xy\n", "", 0),
        arguments("my_b=(1 2); declare -A my_a=([k]=v); my_c=3; echo ${!my_*}", "my_a my_b my_c\n", "", 0),
        arguments("set -- \"${!zzq@}\"; echo $#", "0\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void declare(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }
}
