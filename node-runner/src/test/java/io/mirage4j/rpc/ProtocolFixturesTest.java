package io.mirage4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java constants equal the shared fixtures the JavaScript side is tested against too. */
class ProtocolFixturesTest {
  private static final Path FIXTURES = Path.of(System.getProperty("mirage4j.fixtures.dir", "../test-fixtures"), "protocol");

  private static Map<String, Object> fixture(String name) throws IOException {
    return new TreeMap<>(new ObjectMapper().readValue(FIXTURES.resolve(name).toFile(), new TypeReference<Map<String, Object>>() {}));
  }

  @Test
  void errorCodesMatchTheSharedList() throws IOException {
    Map<String, Object> java = Arrays.stream(RpcErrorCode.values())
        .collect(Collectors.toMap(Enum::name, c -> (Object) c.code(), (a, b) -> a, TreeMap::new));
    assertThat(java).isEqualTo(fixture("error-codes.json"));
  }

  @Test
  void methodNamesMatchTheSharedList() throws IOException, IllegalAccessException {
    Map<String, Object> java = new TreeMap<>();
    for (var field : Methods.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        java.put(field.getName(), field.get(null));
      }
    }
    assertThat(java).isEqualTo(fixture("methods.json"));
  }
}
