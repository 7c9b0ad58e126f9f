package io.mirage4j.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running tool's output sent to the client as it is written: as progress notifications when the
 * request carries a progress token (the progress is the bytes written so far, the message the new
 * text), as logging notifications ({@code info}, logger {@code <tool>.stdout} or {@code
 * <tool>.stderr}) otherwise. Text goes out a line at a time, or in pieces of at most {@link
 * #MAX_PENDING} bytes when a line is longer. When a notification cannot be sent (the client went
 * away), the rest of the output is not sent; the tool's result still holds all of it.
 */
final class LiveNotifications implements AutoCloseable {
  static final int MAX_PENDING = 8192;

  private final McpSyncServerExchange exchange;
  private final String tool;
  private final Object progressToken;
  private final AtomicLong written = new AtomicLong();
  private final AtomicBoolean broken = new AtomicBoolean();
  private final Stream stdout = new Stream("stdout");
  private final Stream stderr = new Stream("stderr");

  LiveNotifications(McpSyncServerExchange exchange, String tool, Object progressToken) {
    this.exchange = exchange;
    this.tool = tool;
    this.progressToken = progressToken;
  }

  OutputStream stdout() {
    return stdout;
  }

  OutputStream stderr() {
    return stderr;
  }

  /** Sends what is still pending (a last line with no newline). */
  @Override
  public void close() {
    stdout.close();
    stderr.close();
  }

  /**
   * Sends one piece. Both streams' writers call this: it is synchronized so that a progress value
   * and the notification carrying it go out together, and progress only ever increases, as the
   * protocol requires.
   */
  private synchronized void send(String stream, String text) {
    if (text.isEmpty() || broken.get()) {
      return;
    }
    try {
      if (progressToken != null) {
        long progress = written.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
        exchange.progressNotification(McpSchema.ProgressNotification.builder(progressToken, progress).message(text).build());
      } else {
        log(McpSchema.LoggingMessageNotification.builder(McpSchema.LoggingLevel.INFO, text).logger(tool + "." + stream).build());
      }
    } catch (RuntimeException e) {
      broken.set(true);
    }
  }

  /** Logging notifications are deprecated in the SDK's newest API, and still what clients show. */
  @SuppressWarnings("deprecation")
  private void log(McpSchema.LoggingMessageNotification notification) {
    exchange.loggingNotification(notification);
  }

  /** One of the two streams: bytes wait here until a line (or a long piece) is complete. */
  private final class Stream extends OutputStream {
    private final String name;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Stream(String name) {
      this.name = name;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      String ready;
      synchronized (this) {
        pending.write(b, off, len);
        byte[] bytes = pending.toByteArray();
        int end = lastNewline(bytes) + 1;
        if (end == 0 && bytes.length >= MAX_PENDING) {
          end = characterStart(bytes, bytes.length);
        }
        if (end == 0) {
          return;
        }
        ready = new String(bytes, 0, end, StandardCharsets.UTF_8);
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
      }
      send(name, ready);
    }

    @Override
    public void close() {
      String rest;
      synchronized (this) {
        rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
      }
      send(name, rest);
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** {@code end}, or where the UTF-8 character that byte {@code end - 1} belongs to starts when it is not whole. */
    private static int characterStart(byte[] bytes, int end) {
      int start = end - 1;
      while (start > 0 && start > end - 4 && (bytes[start] & 0xC0) == 0x80) {
        start--;
      }
      int lead = bytes[start] & 0xFF;
      int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      return end - start < length ? start : end;
    }
  }
}
