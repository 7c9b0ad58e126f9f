package io.mirage4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The standard input of the interactive shell's commands: the terminal, a line at a time, read with
 * the line editor, so that {@code read}, {@code cat} and {@code python3}'s {@code input()} get what
 * the user types. Ctrl-D on an empty line is the end of input (for that read: the next one waits
 * for more, as a terminal does); Ctrl-C stops the running command.
 *
 * <p>Lines are read on a thread of its own, so that a command that stops waiting (it was
 * cancelled, or its time limit passed) leaves nothing blocked on the terminal: {@link #close()}
 * ends a read in progress before the shell reads its next command line. Nothing is read ahead of
 * what a command asks for, so the shell's own line reader never misses a key.
 */
final class TerminalInput extends InputStream {
  private final Terminal terminal;
  private final LineReader reader;
  private final TerminalLine line;
  private final Runnable interrupted;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
    Thread t = new Thread(task, "mirage4j-terminal-input");
    t.setDaemon(true);
    return t;
  });
  private final Object readLock = new Object();
  private final Object state = new Object();
  private byte[] pending = new byte[0];
  private int position;
  private Future<String> inFlight;
  private boolean open;

  /**
   * @param reader the line editor commands read with (not the shell's own: its history stays apart)
   * @param line the terminal's current line, whose text becomes the line editor's prompt
   * @param interrupted what Ctrl-C while a command reads does: stop the command
   */
  TerminalInput(Terminal terminal, LineReader reader, TerminalLine line, Runnable interrupted) {
    this.terminal = terminal;
    this.reader = reader;
    this.line = line;
    this.interrupted = interrupted;
  }

  /** A command starts: it may read the terminal. */
  void open() {
    synchronized (state) {
      open = true;
      pending = new byte[0];
      position = 0;
    }
  }

  /** The command ended: a line read in progress stops; what was read and not consumed is dropped. */
  @Override
  public void close() {
    Future<String> reading;
    synchronized (state) {
      open = false;
      reading = inFlight;
      inFlight = null;
      pending = new byte[0];
      position = 0;
    }
    if (reading != null) {
      reading.cancel(true);
      try {
        // The one thread runs tasks in order: this one runs once the line read has let go of the terminal.
        thread.submit(() -> {}).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // nothing ran that could fail
      }
    }
  }

  /** Whether a command is waiting for the user to type a line. */
  boolean reading() {
    synchronized (state) {
      return inFlight != null;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    synchronized (readLock) {
      int n = fromPending(b, off, len);
      if (n > 0) {
        return n;
      }
      Future<String> reading = start();
      String text;
      try {
        text = reading.get();
      } catch (InterruptedException e) {
        // The reader stopped waiting; the line read goes on for the next one, or close() ends it.
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the read was interrupted");
      } catch (CancellationException e) {
        throw new InterruptedIOException("the command ended");
      } catch (ExecutionException e) {
        finished(reading);
        if (e.getCause() instanceof EndOfFileException) {
          return -1;
        }
        if (e.getCause() instanceof UserInterruptException) {
          interrupted.run();
          throw new InterruptedIOException("interrupted by Ctrl-C");
        }
        throw new IOException("cannot read the terminal: " + e.getCause().getMessage(), e.getCause());
      }
      synchronized (state) {
        if (inFlight == reading) {
          inFlight = null;
          pending = (text + "\n").getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
      }
      return Math.max(0, fromPending(b, off, len));
    }
  }

  private int fromPending(byte[] b, int off, int len) {
    synchronized (state) {
      int n = Math.min(len, pending.length - position);
      System.arraycopy(pending, position, b, off, n);
      position += n;
      return n;
    }
  }

  private Future<String> start() throws InterruptedIOException {
    synchronized (state) {
      if (!open) {
        throw new InterruptedIOException("the command ended");
      }
      if (inFlight == null) {
        inFlight = thread.submit(this::readLine);
      }
      return inFlight;
    }
  }

  private void finished(Future<String> reading) {
    synchronized (state) {
      if (inFlight == reading) {
        inFlight = null;
      }
    }
  }

  /** One line from the user, the terminal's current line (a prompt) redrawn as the editor's prompt. */
  private String readLine() {
    String prompt = line.text();
    if (!prompt.isEmpty()) {
      terminal.writer().print('\r');
      terminal.puts(Capability.clr_eol);
      terminal.flush();
    }
    String text;
    try {
      text = reader.readLine(prompt.replace("%", "%%"));
    } catch (EndOfFileException e) {
      backToPrompt(prompt);
      throw e;
    }
    line.reset();
    return text;
  }

  /**
   * Ctrl-D: the line editor moved to a new line, where a terminal's own end of input leaves the
   * cursor after the prompt, so what the program prints next ({@code EOFError}) follows it there.
   */
  private void backToPrompt(String prompt) {
    if (terminal.getStringCapability(Capability.cursor_up) == null) {
      return;
    }
    terminal.puts(Capability.cursor_up);
    terminal.writer().print('\r');
    terminal.writer().print(prompt);
    terminal.flush();
  }
}
