package io.mirage4j.shell.builtins;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cut}, against GNU coreutils 9.1. */
class CutTest extends BuiltinTestSupport {
  private static final String TRY = "Try 'cut --help' for more information.\n";

  @BeforeEach
  void files() {
    file("/p.csv", "name,age,city\nann,31,Oslo\n");
    file("/t.tsv", "a\tb\tc\nplain\n");
  }

  static Stream<Arguments> cut() {
    return Stream.of(
        arguments("cut -d, -f2 p.csv", "age\n31\n", "", 0),
        arguments("cut -d, -f3,1 p.csv", "name,city\nann,Oslo\n", "", 0),
        arguments("cut -d, -f2- p.csv", "age,city\n31,Oslo\n", "", 0),
        arguments("cut -f2 t.tsv", "b\nplain\n", "", 0),
        arguments("cut -s -f2 t.tsv", "b\n", "", 0),
        arguments("echo abcdef | cut -b 1,3-4", "acd\n", "", 0),
        arguments("echo abcdef | cut -c -2,5-", "abef\n", "", 0),
        arguments("echo abcdef | cut --complement -c 2-3", "adef\n", "", 0),
        arguments("echo a:b:c | cut -d: --complement -f2", "a:c\n", "", 0),
        arguments("echo a,b,c | cut -d, -f1,3 --output-delimiter=' | '", "a | c\n", "", 0),
        arguments("echo abcdef | cut -b 1-2,3-4 --output-delimiter=:", "ab:cd\n", "", 0),
        arguments("printf 'x:y' | cut -d: -f2", "y\n", "", 0),
        arguments("echo a,b | cut -d, -f5", "\n", "", 0),
        arguments("printf 'ab\\0cd\\0' | cut -z -c1", "a\0c\0", "", 0),
        arguments("cut -c1 nope p.csv", "n\na\n", "cut: nope: No such file or directory\n", 1),
        arguments("cut p.csv", "", "cut: you must specify a list of bytes, characters, or fields\n" + TRY, 1),
        arguments("cut -b1 -f1 p.csv", "", "cut: only one list may be specified\n" + TRY, 1),
        arguments("cut -f0 p.csv", "", "cut: fields are numbered from 1\n" + TRY, 1),
        arguments("cut -c0 p.csv", "", "cut: byte/character positions are numbered from 1\n" + TRY, 1),
        arguments("cut -f3-1 p.csv", "", "cut: invalid decreasing range\n" + TRY, 1),
        arguments("cut -f1,a,2 p.csv", "", "cut: invalid field value ‘a,2’\n" + TRY, 1),
        arguments("cut -f - p.csv", "", "cut: invalid range with no endpoint: -\n" + TRY, 1),
        arguments("cut -d ab -f1 p.csv", "", "cut: the delimiter must be a single character\n" + TRY, 1),
        arguments("cut -d, -b1 p.csv", "",
            "cut: an input delimiter may be specified only when operating on fields\n" + TRY, 1),
        arguments("cut -s -c1 p.csv", "",
            "cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\n" + TRY, 1),
        arguments("cut -f 99999999999999999999 p.csv", "", "cut: field number ‘99999999999999999999’ is too large\n" + TRY, 1));
  }

  @ParameterizedTest
  @MethodSource
  void cut(String line, String stdout, String stderr, int status) {
    expect(line, stdout, stderr, status);
  }

  @Test
  void streamsLinesFromAnEndlessInput() {
    expect("seq 1 1000000 | cut -c1 | head -n 2", "1\n2\n");
  }
}
