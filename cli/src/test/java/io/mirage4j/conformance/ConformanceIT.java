package io.mirage4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case through {@code Workspace.execute}, over in-memory mounts, with the real sidecar. */
class ConformanceIT {
  @TestFactory
  Stream<DynamicTest> throughTheJavaApi() {
    return Cases.tests(Cases.all(), CaseRunner::inMemory);
  }
}
