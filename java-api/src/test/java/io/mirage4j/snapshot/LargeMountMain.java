package io.mirage4j.snapshot;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Run in a JVM of its own with a heap too small for two copies of 1 GiB: {@code write ARCHIVE}
 * fills an in-memory mount with 1 GiB and snapshots it; {@code read ARCHIVE} restores it and checks
 * every byte. Each prints what it did and the peak heap use in MiB.
 */
public final class LargeMountMain {
  static final int FILES = 64;
  static final int SIZE = 16 << 20;

  private LargeMountMain() {}

  public static void main(String[] args) throws Exception {
    Path archive = Path.of(args[1]);
    if (args[0].equals("write")) {
      InMemoryResource ram = Resources.inMemory();
      for (int i = 0; i < FILES; i++) {
        byte[] content = new byte[SIZE];
        Arrays.fill(content, (byte) i);
        content[SIZE - 1] = (byte) ~i;
        ram.loadFile("/f" + i, content, Instant.EPOCH, 0644);
      }
      try (Workspace ws = Workspace.builder().mount("/big", ram).build();
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
        SnapshotResult r = ws.snapshot(out);
        System.out.println("wrote " + r.files() + " entries, " + r.bytes() + " bytes");
      }
    } else {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
          Workspace ws = Workspace.restore(in, RestoreOptions.defaults()).workspace()) {
        long bytes = 0;
        for (int i = 0; i < FILES; i++) {
          ByteBuffer content = ws.fs().readBuffer("/big/f" + i);
          for (int k = 0; k < SIZE - 1; k++) {
            if (content.get(k) != (byte) i) {
              throw new AssertionError("/big/f" + i + " differs at " + k);
            }
          }
          if (content.get(SIZE - 1) != (byte) ~i || content.remaining() != SIZE) {
            throw new AssertionError("/big/f" + i + " differs at its end");
          }
          bytes += content.remaining();
        }
        System.out.println("read " + FILES + " files, " + bytes + " bytes");
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("peak heap MiB " + (peak >> 20));
  }
}
