package io.mirage4j.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
  private final Mount data = new Mount("/data", Resources.inMemory(), Mode.EXEC);
  private final Mount inner = new Mount("/data/inner", Resources.inMemory(), Mode.READ);
  private final Mount ram = new Mount("/ram", Resources.inMemory(), Mode.WRITE);
  private final MountTable table = new MountTable(List.of(data, inner, ram));

  @Test
  void theDeepestPrefixOwnsAPath() {
    assertThat(table.owner("/data/inner/x")).contains(inner);
    assertThat(table.owner("/data/inner")).contains(inner);
    assertThat(table.owner("/data/innerx")).contains(data);
    assertThat(table.owner("/data")).contains(data);
  }

  @Test
  void normalisesBeforeDecidingTheOwner() {
    assertThat(table.owner("/ram/../etc/x")).isEmpty();
    assertThat(table.owner("/etc/../ram/x")).contains(ram);
  }

  @Test
  void givesTheResourceItsOwnPath() {
    assertThat(data.relative("/data")).isEqualTo("/");
    assertThat(data.relative("/data/a/b")).isEqualTo("/a/b");
    assertThat(new Mount("/", Resources.inMemory(), Mode.READ).relative("/a")).isEqualTo("/a");
  }

  @Test
  void refusesBadPrefixes() {
    assertThatThrownBy(() -> new Mount("data", Resources.inMemory(), Mode.READ))
        .hasMessageContaining("not absolute: data");
    assertThatThrownBy(() -> new Mount("/data/", Resources.inMemory(), Mode.READ))
        .hasMessageContaining("use /data");
    assertThatThrownBy(() -> new MountTable(List.of(data, new Mount("/data", Resources.inMemory(), Mode.READ))))
        .hasMessageContaining("two mounts at /data");
  }

  @Test
  void modesAreOrdered() {
    assertThat(Mode.EXEC.allows(Mode.WRITE)).isTrue();
    assertThat(Mode.WRITE.allows(Mode.READ)).isTrue();
    assertThat(Mode.READ.allows(Mode.WRITE)).isFalse();
    assertThat(Mode.WRITE.allows(Mode.EXEC)).isFalse();
  }
}
