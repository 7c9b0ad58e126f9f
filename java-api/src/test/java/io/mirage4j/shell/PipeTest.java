package io.mirage4j.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipeTest {

  @Test
  void theReaderWaitsForTheCloseNotForTheThreadsThatWrote() throws Exception {
    Pipe pipe = new Pipe(16);
    Thread writer = new Thread(() -> write(pipe.sink(), "a"));
    writer.start();
    writer.join();
    byte[] b = new byte[8];
    assertThat(pipe.source().read(b)).isEqualTo(1);
    CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> read(pipe.source(), b));
    Thread.sleep(100);
    assertThat(next).isNotDone();
    pipe.sink().close();
    assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
  }

  @Test
  void theWriterKeepsWritingAfterAThreadThatReadEnds() throws Exception {
    Pipe pipe = new Pipe(4);
    pipe.sink().write("abcd".getBytes(StandardCharsets.US_ASCII));
    Thread reader = new Thread(() -> read(pipe.source(), new byte[2]));
    reader.start();
    reader.join();
    pipe.sink().write("ef".getBytes(StandardCharsets.US_ASCII));
    pipe.sink().close();
    assertThat(pipe.source().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("cdef");
  }

  @Test
  void bytesArriveInOrderThroughAWrappingBuffer() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    Pipe pipe = new Pipe(1000);
    Thread writer = new Thread(() -> {
      try (OutputStream out = pipe.sink()) {
        for (int off = 0; off < data.length; off += 777) {
          out.write(data, off, Math.min(777, data.length - off));
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] b = new byte[333];
    for (int n; (n = pipe.source().read(b)) >= 0; ) {
      got.write(b, 0, n);
    }
    writer.join();
    assertThat(got.toByteArray()).isEqualTo(data);
  }

  @Test
  void aWriteAfterTheReaderClosedFailsAndSoDoesAWaitingOne() throws Exception {
    Pipe pipe = new Pipe(2);
    pipe.sink().write('x');
    pipe.sink().write('y');
    CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> write(pipe.sink(), "z"));
    Thread.sleep(100);
    assertThat(blocked).isNotDone();
    pipe.source().close();
    assertThat(blocked).failsWithin(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> pipe.sink().write('w')).isInstanceOf(IOException.class).hasMessage("Broken pipe");
  }

  @Test
  void anInterruptedReaderGetsInterruptedIoAndKeepsItsStatus() throws Exception {
    Pipe pipe = new Pipe(8);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        pipe.source().read();
        failure.complete(null);
      } catch (IOException e) {
        failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("status lost"));
      }
    });
    reader.start();
    Thread.sleep(100);
    reader.interrupt();
    assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
  }

  private static void write(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  private static int read(InputStream in, byte[] b) {
    try {
      return in.read(b);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
