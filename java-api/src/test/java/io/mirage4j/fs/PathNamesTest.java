package io.mirage4j.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathNamesTest {

  @ParameterizedTest
  @CsvSource({
      "/data, x, /data/x",
      "/data, ./a/../b, /data/b",
      "/data, ../etc/./x, /etc/x",
      "/, ../../.., /",
      "/data, /abs//path/, /abs/path",
      "/ram, ../ram/../etc/x, /etc/x",
  })
  void resolvesAgainstTheWorkingDirectory(String cwd, String path, String expected) {
    assertThat(PathNames.resolve(cwd, path)).isEqualTo(expected);
  }

  @Test
  void splitsParentAndName() {
    assertThat(PathNames.parent("/a/b/c")).isEqualTo("/a/b");
    assertThat(PathNames.parent("/a")).isEqualTo("/");
    assertThat(PathNames.parent("/")).isEqualTo("/");
    assertThat(PathNames.name("/a/b.txt")).isEqualTo("b.txt");
    assertThat(PathNames.name("/")).isEmpty();
  }

  @Test
  void knowsWhatLiesWithin() {
    assertThat(PathNames.isWithin("/data/x", "/data")).isTrue();
    assertThat(PathNames.isWithin("/data", "/data")).isTrue();
    assertThat(PathNames.isWithin("/database", "/data")).isFalse();
    assertThat(PathNames.isWithin("/anything", "/")).isTrue();
  }

  @Test
  void refusesRelativePathsWhereAbsoluteOnesAreNeeded() {
    assertThatThrownBy(() -> PathNames.normalize("data/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
