package io.mirage4j.sidecar;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Kills sidecars still alive when the JVM exits; one shutdown hook for all of them. */
final class SidecarReaper {
  private static final Set<Process> live = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean hookInstalled = new AtomicBoolean();
  private static volatile boolean exiting;

  private SidecarReaper() {}

  static void track(Process process) {
    if (hookInstalled.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(SidecarReaper::killAll, "mirage4j-sidecar-reaper"));
    }
    live.add(process);
  }

  static void untrack(Process process) {
    live.remove(process);
  }

  /** Whether the JVM is exiting and its sidecars are being killed. */
  static boolean exiting() {
    return exiting;
  }

  private static void killAll() {
    exiting = true;
    for (Process p : live) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
