package io.mirage4j.sidecar;

import java.util.List;
import java.util.stream.Collectors;

/** Finds this JVM's sidecar processes, to check that none is left behind. */
final class Sidecars {
  private Sidecars() {}

  static List<ProcessHandle> running() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("index.js"))
        .collect(Collectors.toList());
  }
}
