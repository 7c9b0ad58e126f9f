package io.mirage4j.audit;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each event to a file as one line of JSON (JSON Lines), written out at once:
 * <pre>{@code {"time":"2026-12-07T17:40:01.123Z","session":"default","kind":"line","action":"ls /data","paths":[],"status":0,"durationMicros":812,"bytes":6}}</pre>
 * {@code detail} is there when the event has one. Close it when the workspace is closed.
 *
 * <pre>{@code
 * try (JsonLinesAuditSink audit = new JsonLinesAuditSink(Path.of("audit.jsonl"));
 *      Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).audit(audit).build()) {
 *   ws.execute("ls /data");
 * }
 * }</pre>
 */
public final class JsonLinesAuditSink implements AuditSink, Closeable {
  private final BufferedWriter out;

  /**
   * Opens {@code file} for appending, creating it if missing.
   *
   * @throws UncheckedIOException when it cannot be opened
   */
  public JsonLinesAuditSink(Path file) {
    try {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit file " + file, e);
    }
  }

  @Override
  public synchronized void record(AuditEvent event) {
    try {
      out.write(AuditJson.line(event));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit file", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
