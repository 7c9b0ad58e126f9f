package io.mirage4j.sidecar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sidecar's stderr line by line into the logger {@code io.mirage4j.sidecar.node} and
 * keeps the last lines for error messages.
 */
final class StderrPump {
  private static final Logger nodeLog = LoggerFactory.getLogger("io.mirage4j.sidecar.node");
  private static final int KEPT_LINES = 50;

  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread thread;

  StderrPump(InputStream stderr, String threadName) {
    thread = new Thread(() -> pump(stderr), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** The last lines the sidecar wrote, oldest first, after waiting briefly for the stream's end. */
  String tail() {
    try {
      thread.join(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  private void pump(InputStream stderr) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        nodeLog.debug("{}", line);
        synchronized (tail) {
          if (tail.size() == KEPT_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
      }
    } catch (IOException e) {
      nodeLog.debug("sidecar stderr closed: {}", e.getMessage());
    }
  }
}
