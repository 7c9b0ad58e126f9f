package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.CommandContext;
import io.mirage4j.shell.ShellState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One run of a command: buffered stdout (a closed pipe becomes {@link BrokenPipe}), error messages
 * in the coreutils form {@code name: message}, and the workspace's files by operand.
 */
final class Tool {
  private static final int BUFFER = 8192;
  /** The size of the output buffer at the first write; it grows to {@link #BUFFER} for commands that write that much. */
  private static final int FIRST_BUFFER = 128;
  private static final byte[] NO_BUFFER = new byte[0];

  /** The pipe to or from the command was torn down; it ends quietly, as SIGPIPE ends a program. */
  static final class BrokenPipe extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenPipe() {
      super("broken pipe", null, false, false);
    }
  }

  private final CommandContext ctx;
  private byte[] buffer = NO_BUFFER;
  private int buffered;
  private final OutputStream out = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      Tool.this.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Tool.this.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      Tool.this.flush();
    }
  };

  private final InputStream in = new InputStream() {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return ctx.stdin().read(b, off, len);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        throw new BrokenPipe();
      }
    }
  };

  Tool(CommandContext ctx) {
    this.ctx = ctx;
  }

  String name() {
    return ctx.name();
  }

  CommandContext ctx() {
    return ctx;
  }

  ShellState state() {
    return ctx.state();
  }

  WorkspaceFs fs() {
    return ctx.fs();
  }

  /** Stdin; a pipe the shell has already torn down reads as {@link BrokenPipe}. */
  InputStream stdin() {
    return in;
  }

  /** Stdout as a stream, buffered like the rest of this tool's output. */
  OutputStream out() {
    return out;
  }

  /** The absolute workspace path of an operand; an empty operand names nothing. */
  String resolve(String operand) {
    if (operand.isEmpty()) {
      throw new ResourceException(ResourceException.Reason.NOT_FOUND, operand);
    }
    return ctx.resolve(operand);
  }

  void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  void write(byte[] bytes, int off, int len) throws IOException {
    if (len > BUFFER - buffered) {
      flush();
      if (len >= BUFFER) {
        deliver(bytes, off, len);
        return;
      }
    }
    room(len);
    System.arraycopy(bytes, off, buffer, buffered, len);
    buffered += len;
  }

  void write(int b) throws IOException {
    if (buffered == BUFFER) {
      flush();
    }
    room(1);
    buffer[buffered++] = (byte) b;
  }

  /** Grows the buffer, up to {@link #BUFFER}, to take {@code len} more bytes. */
  private void room(int len) {
    if (buffered + len > buffer.length) {
      int size = Math.max(buffered + len, Math.max(FIRST_BUFFER, buffer.length * 2));
      buffer = Arrays.copyOf(buffer, Math.min(BUFFER, size));
    }
  }

  void print(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  void flush() throws IOException {
    if (buffered > 0) {
      int n = buffered;
      buffered = 0;
      deliver(buffer, 0, n);
    }
  }

  private void deliver(byte[] bytes, int off, int len) throws IOException {
    try {
      ctx.stdout().write(bytes, off, len);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new BrokenPipe();
    }
  }

  /** Prints {@code name: message} on stderr, after what stdout holds so far. */
  void error(String message) throws IOException {
    flush();
    ctx.stderr().write((name() + ": " + message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Prints a line on stderr as it is, without the command's name. */
  void note(String line) throws IOException {
    flush();
    ctx.stderr().write((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Prints a usage error and the coreutils hint to run {@code --help}; returns {@code status}. */
  int usage(String message, int status) throws IOException {
    if (message != null) {
      error(message);
    }
    ctx.stderr().write(("Try '" + name() + " --help' for more information.\n").getBytes(StandardCharsets.UTF_8));
    return status;
  }

  /** Prints {@code name: message} for an option error and the hint; returns {@code status}. */
  int usage(Getopt.UsageException e, int status) throws IOException {
    return usage(e.getMessage(), status);
  }

  /** The whole content of the file an operand names; {@code /dev/null} is empty. */
  byte[] read(String operand) {
    String path = resolve(operand);
    if (path.equals("/dev/null") && unmounted(path)) {
      return new byte[0];
    }
    return ctx.fs().read(path);
  }

  /** The file an operand names, as a stream; {@code /dev/null} is empty. */
  InputStream open(String operand) {
    String path = resolve(operand);
    if (path.equals("/dev/null") && unmounted(path)) {
      return InputStream.nullInputStream();
    }
    return ctx.fs().open(path);
  }

  /**
   * Writes (or appends) a whole file through the workspace; {@code /dev/null} discards, {@code
   * /dev/stdout} and {@code /dev/stderr} are the command's streams.
   */
  void writeFile(String operand, byte[] data, boolean append) throws IOException {
    String path = resolve(operand);
    if (unmounted(path)) {
      switch (path) {
        case "/dev/null" -> {
          return;
        }
        case "/dev/stdout" -> {
          write(data);
          return;
        }
        case "/dev/stderr" -> {
          flush();
          ctx.stderr().write(data);
          return;
        }
        default -> {
          // an ordinary path
        }
      }
    }
    if (append) {
      ctx.fs().append(path, data);
    } else {
      ctx.fs().write(path, data);
    }
  }

  private boolean unmounted(String path) {
    return ctx.fs().mounts().owner(path).isEmpty();
  }

  /** What the operand names, or throws {@code NOT_FOUND}. */
  FileStat stat(String operand) {
    return ctx.fs().stat(resolve(operand));
  }

  /** The mode of the mount that owns what the operand names. */
  Mode mode(String operand) {
    return ctx.fs().mode(resolve(operand));
  }

  /** The rest of stdin. */
  byte[] readStdin() throws IOException {
    return in.readAllBytes();
  }

  /** {@code "No such file or directory"} and the like. */
  static String message(ResourceException e) {
    return e.reason().posixMessage();
  }
}
