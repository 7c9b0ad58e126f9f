package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Python's file access costs the mounts: nothing it does not touch, bytes without inflation. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MountAccessIT {

  /** A user-implemented resource that counts every call and every byte it hands out. */
  private static final class CountingResource implements Resource {
    final InMemoryResource files = Resources.inMemory();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();

    @Override
    public FileStat stat(String path) {
      calls.incrementAndGet();
      if (path.equals("/huge.bin")) {
        return FileStat.file("huge.bin", 2L << 30, Instant.EPOCH);
      }
      return files.stat(path);
    }

    @Override
    public List<FileStat> list(String path) {
      calls.incrementAndGet();
      return files.list(path);
    }

    @Override
    public byte[] read(String path) {
      calls.incrementAndGet();
      byte[] data = files.read(path);
      bytesOut.addAndGet(data.length);
      return data;
    }

    @Override
    public InputStream open(String path) {
      return new java.io.ByteArrayInputStream(read(path));
    }

    @Override
    public void write(String path, byte[] data) {
      calls.incrementAndGet();
      files.write(path, data);
    }

    @Override
    public void append(String path, byte[] data) {
      calls.incrementAndGet();
      files.append(path, data);
    }

    @Override
    public void mkdir(String path) {
      calls.incrementAndGet();
      files.mkdir(path);
    }

    @Override
    public void delete(String path) {
      calls.incrementAndGet();
      files.delete(path);
    }

    @Override
    public void rename(String from, String to) {
      calls.incrementAndGet();
      files.rename(from, to);
    }
  }

  @Test
  void aProgramThatOnlyPrintsTouchesNoFileAndOneReadCostsOneFile() {
    CountingResource big = new CountingResource();
    big.files.write("/small.txt", "x".repeat(1024).getBytes(UTF_8));
    try (Workspace ws = Workspace.builder().mount("/big", big).build()) {
      assertThat(ws.execute("python3 -c 'print(\"only printing\")'").stdoutText()).isEqualTo("only printing\n");
      assertThat(big.calls.get()).as("resource calls for a print-only program").isZero();

      ExecResult r = ws.execute("python3 -c 'print(len(open(\"/big/small.txt\").read()))'");
      assertThat(r.stdoutText()).isEqualTo("1024\n");
      assertThat(big.bytesOut.get()).as("bytes handed out to read one 1 KiB file beside a 2 GiB one").isEqualTo(1024);
    }
  }

  @Test
  void aHundredMegabyteFileMovesAsRawBytes() {
    Resource data = Resources.inMemory();
    byte[] content = new byte[100 << 20];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    data.write("/blob.bin", content);
    try (Workspace ws = Workspace.builder().mount("/data", data).build()) {
      ws.execute("python3 -c pass");
      long started = System.nanoTime();
      ExecResult timed = ws.execute("python3 -c 'print(len(open(\"/data/blob.bin\", \"rb\").read()))'");
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(timed.stdoutText()).isEqualTo((100 << 20) + "\n");
      System.out.printf("read 100 MiB from a mount in Python: %.2f s, %.0f MB/s%n", seconds, 104.8576 / seconds);

      ExecResult r = ws.execute("python3 -c 'import hashlib; b = open(\"/data/blob.bin\", \"rb\").read(); "
          + "print(len(b), hashlib.sha256(b).hexdigest()[:16])'");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo((100 << 20) + " " + sha256Prefix(content) + "\n");

      started = System.nanoTime();
      ExecResult w = ws.execute("python3 -c 'open(\"/data/copy.bin\", \"wb\").write(open(\"/data/blob.bin\", \"rb\").read())'");
      seconds = (System.nanoTime() - started) / 1e9;
      assertThat(w.exitCode()).isZero();
      assertThat(data.read("/copy.bin")).isEqualTo(content);
      System.out.printf("copy 100 MiB through Python (read + write back): %.2f s%n", seconds);
    }
  }

  private static String sha256Prefix(byte[] content) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
