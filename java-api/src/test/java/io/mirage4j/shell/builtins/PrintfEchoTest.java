package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code echo} and {@code printf}, against what bash 5.2 prints for the same lines. */
class PrintfEchoTest extends BuiltinTestSupport {

  static Stream<Arguments> echo() {
    return Stream.of(
        arguments("echo a   b  c", "a b c\n"),
        arguments("echo", "\n"),
        arguments("echo -n x", "x"),
        arguments("echo -n", ""),
        arguments("echo -e 'a\\tb\\nc'", "a\tb\nc\n"),
        arguments("echo 'a\\nb'", "a\\nb\n"),
        arguments("echo -E 'a\\nb'", "a\\nb\n"),
        arguments("echo -eE 'a\\nb'", "a\\nb\n"),
        arguments("echo -ne 'a\\tb'", "a\tb"),
        arguments("echo -n -e 'a\\tb'", "a\tb"),
        arguments("echo -nx a", "-nx a\n"),
        arguments("echo -x", "-x\n"),
        arguments("echo -- a", "-- a\n"),
        arguments("echo -", "-\n"),
        arguments("echo -e", "\n"),
        arguments("echo -e 'a\\1b\\01c\\0101d\\x41\\x4g\\u00e9\\c zzz'", "a\\1b\u0001cAdA\u0004g\u00e9"),
        arguments("echo -e 'x\\0y'", "x\0y\n"),
        arguments("echo -e '\\e\\E\\q'", "\u001b\u001b\\q\n"),
        arguments("echo -e '\\a\\b\\f\\r\\v\\\\'", "\u0007\b\f\r\u000b\\\n"),
        arguments("echo -e '\\x' '\\u'", "\\x \\u\n"),
        arguments("echo -e '\\777'", "\\777\n"),
        arguments("echo -e '\\08'", "\0" + "8\n"),
        arguments("echo -e 'ab\\\\'", "ab\\\n"),
        arguments("echo -e '\\U1F600'", "\uD83D\uDE00\n"),
        arguments("echo -e 'x\\\"\\?'", "x\\\"\\?\n"),
        arguments("echo -e -n 'a\\cb' c", "a"));
  }

  @ParameterizedTest
  @MethodSource
  void echo(String line, String stdout) {
    expect(line, stdout);
  }

  @Test
  void echoEscapesWriteRawBytes() {
    assertThat(run("echo -e '\\xffz'").stdout()).containsExactly(0xff, 'z', '\n');
    assertThat(run("echo -e '\\ud800'").stdout()).containsExactly(0xed, 0xa0, 0x80, '\n');
    assertThat(run("echo -e '\\UFFFFFFFF'").stdout()).containsExactly('\n');
  }

  static Stream<Arguments> printf() {
    return Stream.of(
        arguments("printf '%s-%d|' a 1 b", "a-1|b-0|", "", 0),
        arguments("printf '%d %i %x %X %o %c %%\\n' 42 -7 255 255 8 hello", "42 -7 ff FF 10 h %\n", "", 0),
        arguments("printf '%5s|%-5s|%05d|%.2f|%f\\n' ab cd 42 3.14159 2", "   ab|cd   |00042|3.14|2.000000\n", "", 0),
        arguments("printf '%s %s %s\\n' a b", "a b \n", "", 0),
        arguments("printf '%s\\n' a b c", "a\nb\nc\n", "", 0),
        arguments("printf 'x\\n' a b", "x\n", "", 0),
        arguments("printf '%d %d\\n' 1 2 3", "1 2\n3 0\n", "", 0),
        arguments("printf '%s\\n'", "\n", "", 0),
        arguments("printf '%d%s\\n'", "0\n", "", 0),
        arguments("printf %s", "", "", 0),
        arguments("printf -- '%s\\n' x", "x\n", "", 0),
        arguments("printf -- -5", "-5", "", 0),
        arguments("printf '%s' '\\n'", "\\n", "", 0),
        arguments("printf 'abc\\c def'", "abc\\c def", "", 0),
        arguments("printf '%b\\n' 'a\\tb\\1c\\01d\\0101\\c gone' x", "a\tb\u0001c\u0001dA", "", 0),
        arguments("printf 'x%bz%s\\n' '\\c' y", "x", "", 0),
        arguments("printf '%b|' '\\0101' '\\101' '\\x41' '\\u00e9' '\\q' '\\\\'", "A|A|A|\u00e9|\\q|\\|", "", 0),
        arguments("printf 'a\\1b\\101c\\x41\\n'", "a\u0001bAcA\n", "", 0),
        arguments("printf '\\\"\\?\\x41\\u00e9\\U0001F600\\a'", "\"?A\u00e9\uD83D\uDE00\u0007", "", 0),
        arguments("printf '\\q\\x\\n'", "\\q\\x\n", "printf: missing hex digit for \\x\n", 0),
        arguments("printf '%b' '\\u'", "\\u", "printf: missing unicode digit for \\u\n", 0),
        arguments("printf '%.3s|%10.2f|%-8.3e|%g|%g|%g\\n' abcdef 3.14159 12345.678 0.0001 1e10 100000",
            "abc|      3.14|1.235e+04|0.0001|1e+10|100000\n", "", 0),
        arguments("printf '%.2f %.0f %.0f %.20f\\n' 2.675 0.5 1.5 0.1", "2.67 0 2 0.10000000000000000000\n", "", 0),
        arguments("printf '%.15g %.20g %.21g %.22g\\n' 0.1 0.1 0.1 0.1",
            "0.1 0.1 0.100000000000000000001 0.1000000000000000000014\n", "", 0),
        arguments("printf '%#g %g %g %g\\n' 1 1e-5 123456789 0.00001234", "1.00000 1e-05 1.23457e+08 1.234e-05\n", "", 0),
        arguments("printf '%.3g|%.10g|%#.3g\\n' 3.14159 1.5 1", "3.14|1.5|1.00\n", "", 0),
        arguments("printf '%.0e %#.0e %#.0f\\n' 15000 15000 2", "2e+04 2.e+04 2.\n", "", 0),
        arguments("printf '%e %G %E\\n' 0 1e-10 5", "0.000000e+00 1E-10 5.000000E+00\n", "", 0),
        arguments("printf '%f %f %f\\n' inf -inf nan", "inf -inf nan\n", "", 0),
        arguments("printf '%f %e\\n' -0 -0", "-0.000000 -0.000000e+00\n", "", 0),
        arguments("printf '%e\\n' 1e-400", "1.000000e-400\n", "", 0),
        arguments("printf '%.3f %f\\n' 0x1.8p1 0x1p-2", "3.000 0.250000\n", "", 0),
        arguments("printf '%a %a %A %.2a\\n' 1 0.1 255 1", "0x8p-3 0xc.ccccccccccccccdp-7 0XF.FP+4 0x8.00p-3\n", "", 0),
        arguments("printf '%08.3f|%-08.3f|%+08d|% 05d\\n' 3.14159 2.5 42 42", "0003.142|2.500   |+0000042| 0042\n", "", 0),
        arguments("printf '%+d % d %#x %#o\\n' 5 5 255 8", "+5  5 0xff 010\n", "", 0),
        arguments("printf '%#o %#x %#X %#o\\n' 0 0 0 8", "0 0 0 010\n", "", 0),
        arguments("printf '%.3d|%8.3d|%08.3d|%#010x\\n' 5 5 5 255", "005|     005|     005|0x000000ff\n", "", 0),
        arguments("printf '%.0d|%.d|%5.0d|\\n' 0 0 0", "||     |\n", "", 0),
        arguments("printf '%-05d|%0-5d|%5d|%-5d|%05s|\\n' 3 3 -3 -3 x", "3    |3    |   -3|-3   |    x|\n", "", 0),
        arguments("printf '%*d|%-*d|%*s|%.*f|\\n' 5 1 4 2 -5 a 2 3.14159", "    1|2   |a    |3.14|\n", "", 0),
        arguments("printf '%5.2s|%.s|%5c|%0s|\\n' abc abc x x", "   ab||    x|x|\n", "", 0),
        arguments("printf '%10s|\\n' \u00e9", "        \u00e9|\n", "", 0),
        arguments("printf '%u %u %x %o\\n' 5 -1 -1 -1",
            "5 18446744073709551615 ffffffffffffffff 1777777777777777777777\n", "", 0),
        arguments("printf '%d\\n' abc 12x '' \"'A\" 0x1f 010 ' 5' +3", "0\n12\n0\n65\n31\n8\n5\n3\n",
            "printf: abc: invalid number\nprintf: 12x: invalid number\n", 1),
        arguments("printf '%d\\n' -0x10 ' -5 ' 0x 08", "-16\n-5\n0\n0\n",
            "printf:  -5 : invalid number\nprintf: 0x: invalid hex number\nprintf: 08: invalid octal number\n", 1),
        arguments("printf '%d %d %x\\n' \"'\" '\"x' \"'\u00e9\"", "0 120 e9\n", "", 0),
        arguments("printf '%d\\n' 99999999999999999999", "9223372036854775807\n",
            "printf: warning: 99999999999999999999: Numerical result out of range\n", 0),
        arguments("printf '%u\\n' 18446744073709551616", "18446744073709551615\n",
            "printf: warning: 18446744073709551616: Numerical result out of range\n", 0),
        arguments("printf '%i' 1.5", "1", "printf: 1.5: invalid number\n", 1),
        arguments("printf '%f\\n' abc 1.5x 1,5", "0.000000\n1.500000\n1.000000\n",
            "printf: abc: invalid number\nprintf: 1.5x: invalid number\nprintf: 1,5: invalid number\n", 1),
        arguments("printf '%c\\n' 65", "6\n", "", 0),
        arguments("printf '%s %s\\n' %d 5", "%d 5\n", "", 0),
        arguments("printf '%lld %hd %Lf %jd %zd\\n' 1 2 3 4 5", "1 2 3.000000 4 5\n", "", 0),
        arguments("printf 'a%zb\\n'", "a\n", "", 0),
        arguments("printf 'a%yb\\n' 1", "a", "printf: `y': invalid format character\n", 1),
        arguments("printf '%5%|\\n'", "", "printf: `%': invalid format character\n", 1),
        arguments("printf '%z'", "", "printf: `%z': missing format character\n", 1),
        arguments("printf", "", "printf: usage: printf [-v var] format [arguments]\n", 2),
        arguments("printf -x", "", "printf: -x: invalid option\nprintf: usage: printf [-v var] format [arguments]\n", 2),
        arguments("printf -v", "", "printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n", 2),
        arguments("printf -v 1x a", "", "printf: `1x': not a valid identifier\n", 2),
        arguments("printf -vx '%s-%s' 5 6; echo $x", "5-6\n", "", 0));
  }

  @ParameterizedTest
  @MethodSource
  void printf(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void printfWritesBytesAsBashDoes() {
    assertThat(run("printf '%c|%c|' ''").stdout()).containsExactly(0, '|', 0, '|');
    assertThat(run("printf '%c%c\\n' \u00e9 ''").stdout()).containsExactly(0xc3, 0, '\n');
    assertThat(run("printf '%5.1s|' \u00e9\u00e9").stdout()).containsExactly(' ', ' ', ' ', ' ', 0xc3, '|');
    assertThat(run("printf '\\xe9\\400'").stdout()).containsExactly(0xe9, 0);
    assertThat(run("printf '\\ud800'").stdout()).containsExactly(0xed, 0xa0, 0x80);
    assertThat(run("printf '\\U110000'").stdout()).containsExactly(0xf4, 0x90, 0x80, 0x80);
    assertThat(run("printf '%b' '\\1|\\01|\\001|\\0001|\\00001|\\18|\\400'").stdout())
        .containsExactly(1, '|', 1, '|', 1, '|', 1, '|', 0, '1', '|', 1, '8', '|', 0);
    assertThat(run("printf '\\1|\\01|\\001|\\0001|\\400|\\18'").stdout())
        .containsExactly(1, '|', 1, '|', 1, '|', 0, '1', '|', 0, '|', 1, '8');
  }

  @Test
  void printfComputesInLongDouble() {
    assertThat(run("printf '%f\\n' 1e400").stdoutText()).startsWith("10000000000000000000281880683947586514586453433629052038625910")
        .endsWith("946880.000000\n");
    expect("printf '%.0f %.0f %.0f %.0f\\n' 2.5 3.5 -0.5 0.49999999999999999999", "2 4 -0 0\n");
    expect("printf '%.30f\\n' 1e-20", "0.000000000000000000010000000000\n");
    expect("printf '%d %d\\n' -9223372036854775808 -9223372036854775809",
        "-9223372036854775808 -9223372036854775808\n",
        "printf: warning: -9223372036854775809: Numerical result out of range\n", 0);
  }

  @Test
  void printfDashVAssignsInsteadOfPrinting() {
    assertThat(run("printf -v out '%05.1f' 3.14159").stdoutText()).isEmpty();
    expect("echo \"[$out]\"", "[003.1]\n");
  }
}
