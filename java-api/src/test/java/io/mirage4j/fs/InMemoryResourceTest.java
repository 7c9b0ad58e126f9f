package io.mirage4j.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryResourceTest extends ResourceContract {
  @Override
  Resource resource() {
    return Resources.inMemory();
  }

  @Test
  void keepsItsOwnCopyOfWrittenBytes() {
    Resource r = resource();
    byte[] data = {1, 2, 3};
    r.write("/x", data);
    data[0] = 9;
    r.read("/x")[1] = 9;
    assertThat(r.read("/x")).containsExactly(1, 2, 3);
  }
}
