package io.mirage4j.shell.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IndexSort} against a sort of boxed indexes, and {@link LineIndex}'s split and order. */
class IndexSortTest {

  /** Sizes around the insertion-sort threshold and a few merge levels beyond it. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 15, 16, 17, 33, 1000, 4099})
  void sortsAsAStableSortOfTheKeys(int n) {
    Random random = new Random(n);
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = random.nextInt(Math.max(1, n / 4));
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(i);
    }
    expected.sort(Comparator.comparingInt(i -> keys[i]));

    int[] sorted = IndexSort.sorted(n, (a, b) -> Integer.compare(keys[a], keys[b]));

    assertThat(sorted).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void reversedOrderKeepsEqualKeysInInputOrder() {
    int[] keys = {2, 1, 2, 3, 1, 3, 2};

    int[] sorted = IndexSort.sorted(keys.length, (a, b) -> Integer.compare(keys[b], keys[a]));

    assertThat(sorted).containsExactly(3, 5, 0, 2, 6, 1, 4);
  }

  @Test
  void linesAreSplitAtNewlinesAndTheLastNeedsNone() {
    LineIndex lines = LineIndex.of("b\n\na\nc".getBytes(StandardCharsets.UTF_8));

    assertThat(lines.size()).isEqualTo(4);
    assertThat(lines.start(3)).isEqualTo(5);
    assertThat(lines.end(3)).isEqualTo(6);
    assertThat(lines.compare(1, 2)).isNegative();
    assertThat(lines.compare(0, 2)).isPositive();
    assertThat(LineIndex.of(new byte[0]).size()).isZero();
    assertThat(LineIndex.of("x\n".getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(1);
  }

  @Test
  void bytesCompareUnsigned() {
    LineIndex lines = LineIndex.of("\u00e9\nz\n".getBytes(StandardCharsets.UTF_8));

    assertThat(lines.compare(0, 1)).isPositive();
  }
}
