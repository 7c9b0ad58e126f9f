package io.mirage4j.shell.builtins;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** cat and head stream a file instead of loading it whole. */
class StreamingReadTest {
  private static final long SIZE = 256L << 20;

  /** One 256 MiB file of numbered lines that can only be streamed: read() refuses. */
  private static final class HugeFile implements Resource {
    final AtomicLong streamed = new AtomicLong();

    @Override
    public FileStat stat(String path) {
      return path.equals("/") ? FileStat.directory("", Instant.EPOCH) : FileStat.file("huge.txt", SIZE, Instant.EPOCH);
    }

    @Override
    public List<FileStat> list(String path) {
      return List.of(stat("/huge.txt"));
    }

    @Override
    public byte[] read(String path) {
      throw new AssertionError("the whole file was loaded");
    }

    @Override
    public InputStream open(String path) {
      return new InputStream() {
        long position;

        @Override
        public int read() {
          if (position >= SIZE) {
            return -1;
          }
          streamed.incrementAndGet();
          return position++ % 10 == 9 ? '\n' : 'a' + (int) (position % 10);
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (position >= SIZE) {
            return -1;
          }
          int n = (int) Math.min(len, SIZE - position);
          for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (position++ % 10 == 9 ? '\n' : 'a');
          }
          streamed.addAndGet(n);
          return n;
        }
      };
    }

    @Override
    public void write(String path, byte[] data) {
      throw new ResourceException(ResourceException.Reason.READ_ONLY, path);
    }

    @Override
    public void append(String path, byte[] data) {
      write(path, data);
    }

    @Override
    public void mkdir(String path) {
      write(path, null);
    }

    @Override
    public void delete(String path) {
      write(path, null);
    }

    @Override
    public void rename(String from, String to) {
      write(from, null);
    }
  }

  @Test
  void headReadsOnlyWhatItPrints() {
    HugeFile huge = new HugeFile();
    try (Workspace ws = Workspace.builder().mount("/big", huge, Mode.READ).build()) {
      assertThat(ws.execute("head -n 2 /big/huge.txt").stdout()).isEqualTo("aaaaaaaaa\naaaaaaaaa\n".getBytes(UTF_8));
    }
    assertThat(huge.streamed.get()).isLessThan(1 << 20);
  }

  @Test
  void catStreamsAFileLargerThanItsOutputCap() {
    HugeFile huge = new HugeFile();
    try (Workspace ws = Workspace.builder().mount("/big", huge, Mode.READ).build()) {
      assertThat(ws.execute("cat /big/huge.txt | wc -l").stdoutText()).isEqualTo(SIZE / 10 + "\n");
    }
    assertThat(huge.streamed.get()).isEqualTo(SIZE);
  }
}
