package consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks that Python ran from the artifacts, extracted into the given cache, not from a build tree. */
final class Bundled {
  private Bundled() {}

  /** Fails when the environment points mirage4j at a runtime of its own. */
  static void requireNoRuntimeSettings() {
    for (String name : List.of("MIRAGE4J_SHIM_DIR", "MIRAGE4J_RUNTIME_DIR", "MIRAGE4J_NODE")) {
      if (System.getenv(name) != null) {
        fail(name + " is set: this check runs the runtime from the artifacts; unset it");
      }
    }
  }

  /** Fails unless the cache holds exactly the runtime and one Node, extracted. */
  static void requireExtractedInto(Path cache) throws IOException {
    List<String> names;
    try (Stream<Path> list = Files.list(cache.resolve("runtime"))) {
      names = list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .collect(Collectors.toList());
    }
    if (names.size() != 2 || !names.get(0).startsWith("mirage4j-node-linux-") || !names.get(1).startsWith("mirage4j-runtime-")) {
      fail("expected the runtime and one Node.js extracted in " + cache + "/runtime, found " + names);
    }
    System.out.println("extracted: " + names);
  }

  static void fail(String message) {
    System.err.println("consumer: " + message);
    System.exit(1);
  }
}
