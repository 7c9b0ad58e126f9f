package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetoptTest {

  @Test
  void combinedFlagsAndPermutedOperands() throws Exception {
    Getopt.Parsed p = Getopt.parse(List.of("a", "-rn", "b", "-f"), "rnf");
    assertThat(p.options()).extracting(Getopt.Option::name).containsExactly('r', 'n', 'f');
    assertThat(p.operands()).containsExactly("a", "b");
    assertThat(p.has('n')).isTrue();
    assertThat(p.has('x')).isFalse();
  }

  @Test
  void argumentsAttachedOrNext() throws Exception {
    Getopt.Parsed p = Getopt.parse(List.of("-n5", "-vn", "7", "-", "--", "-x"), "n:v");
    assertThat(p.options()).containsExactly(new Getopt.Option('n', "5"), new Getopt.Option('v', null), new Getopt.Option('n', "7"));
    assertThat(p.operands()).containsExactly("-", "-x");
  }

  @Test
  void inOrderStopsAtTheFirstOperand() throws Exception {
    Getopt.Parsed p = Getopt.parse(List.of("-i", "A=1", "-u", "x"), "+iu:");
    assertThat(p.options()).extracting(Getopt.Option::name).containsExactly('i');
    assertThat(p.operands()).containsExactly("A=1", "-u", "x");
  }

  @Test
  void longOptionsAndPrefixes() throws Exception {
    Map<String, Character> longs = Map.of("recursive", 'r', "regexp", 'e', "count", 'c');
    Getopt.Parsed p = Getopt.parse(List.of("--rec", "--regexp=a", "--regexp", "b", "--count"), "rce:", longs);
    assertThat(p.options()).containsExactly(new Getopt.Option('r', null), new Getopt.Option('e', "a"),
        new Getopt.Option('e', "b"), new Getopt.Option('c', null));
    assertThatThrownBy(() -> Getopt.parse(List.of("--re"), "rce:", longs))
        .hasMessage("option '--re' is ambiguous; possibilities: '--recursive' '--regexp'");
    assertThatThrownBy(() -> Getopt.parse(List.of("--nope"), "rce:", longs)).hasMessage("unrecognized option '--nope'");
    assertThatThrownBy(() -> Getopt.parse(List.of("--count=2"), "rce:", longs))
        .hasMessage("option '--count' doesn't allow an argument");
    assertThatThrownBy(() -> Getopt.parse(List.of("--regexp"), "rce:", longs))
        .hasMessage("option '--regexp' requires an argument");
  }

  @Test
  void errorsUseGetoptWording() {
    assertThatThrownBy(() -> Getopt.parse(List.of("-rz"), "r")).hasMessage("invalid option -- 'z'");
    assertThatThrownBy(() -> Getopt.parse(List.of("-n"), "n:")).hasMessage("option requires an argument -- 'n'");
  }
}
