package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Values and output checked against glibc's {@code printf("%.*Lf")} on x86-64. */
class LongDoubleTest {

  private static LongDouble parse(String s) {
    return LongDouble.parse(s, 0).value();
  }

  @Test
  void roundsToA64BitSignificand() {
    assertThat(parse("0.1").value()).isEqualTo(new BigDecimal("0.1000000000000000000013552527156068805425093160010874271392822265625"));
    assertThat(parse("0.5").value()).isEqualByComparingTo("0.5");
    assertThat(parse("18446744073709551617").value()).isEqualByComparingTo("18446744073709551616");
    assertThat(parse("1e5000").isFinite()).isFalse();
    assertThat(parse("1e-5000").value()).isEqualByComparingTo("0");
  }

  @Test
  void parsesWhatStrtoldParses() {
    assertThat(LongDouble.parse("  -1.5e2x", 0).end()).isEqualTo(8);
    assertThat(parse("  -1.5e2").value()).isEqualByComparingTo("-150");
    assertThat(LongDouble.parse("1e", 0).end()).isEqualTo(1);
    assertThat(LongDouble.parse("abc", 0).end()).isZero();
    assertThat(LongDouble.parse(".", 0).end()).isZero();
    assertThat(parse("0x1.8p1").value()).isEqualByComparingTo("3");
    assertThat(LongDouble.parse("0x", 0).end()).isEqualTo(1);
    assertThat(LongDouble.parse("infinity", 0).end()).isEqualTo(8);
    assertThat(parse("-inf").negative()).isTrue();
    assertThat(parse("nan(0x1)").isNaN()).isTrue();
    assertThat(parse("-0").negative()).isTrue();
  }

  @Test
  void formatsLikeGlibc() {
    assertThat(parse("2.675").format('f', 2, false)).isEqualTo("2.67");
    assertThat(parse("0.5").format('f', 0, false)).isEqualTo("0");
    assertThat(parse("1.5").format('f', 0, false)).isEqualTo("2");
    assertThat(parse("2").format('f', 0, true)).isEqualTo("2.");
    assertThat(parse("-0").format('f', 1, false)).isEqualTo("-0.0");
    assertThat(parse("12345.678").format('e', 3, false)).isEqualTo("1.235e+04");
    assertThat(parse("9.9999999e10").format('e', 6, false)).isEqualTo("1.000000e+11");
    assertThat(parse("0").format('e', 2, false)).isEqualTo("0.00e+00");
    assertThat(parse("1e-400").format('E', 1, false)).isEqualTo("1.0E-400");
    assertThat(parse("0.0001").format('g', 6, false)).isEqualTo("0.0001");
    assertThat(parse("0.00001").format('g', 6, false)).isEqualTo("1e-05");
    assertThat(parse("123456789").format('g', 6, false)).isEqualTo("1.23457e+08");
    assertThat(parse("999999.5").format('g', 6, false)).isEqualTo("1e+06");
    assertThat(parse("1").format('g', 3, true)).isEqualTo("1.00");
    assertThat(parse("-inf").format('F', 2, false)).isEqualTo("-INF");
    assertThat(parse("nan").format('g', 6, false)).isEqualTo("nan");
  }

  @Test
  void arithmeticRoundsEachStep() {
    LongDouble tenth = parse("0.1");
    LongDouble sum = tenth.multiply(LongDouble.of(BigDecimal.TEN));
    assertThat(sum.value()).isEqualByComparingTo("1");
    assertThat(LongDouble.of(BigDecimal.ONE).add(parse("-inf")).format('f', 0, false)).isEqualTo("-inf");
    assertThat(parse("inf").add(parse("-inf")).isNaN()).isTrue();
    assertThat(parse("1").compareTo(parse("inf"))).isNegative();
  }
}
