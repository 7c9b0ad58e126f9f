package io.mirage4j.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of the mount and a file of the mount are swapped, by rename, with symbolic links to
 * a directory and a file outside it, as fast as the host can, while other threads read, list,
 * write, append, make directories and rename through the resource. No operation may ever see the
 * outside content or change anything outside, and no temporary file may be left anywhere.
 */
class LocalDirRaceTest {
  private static final Duration RACE = Duration.ofSeconds(3);
  private static final String SECRET = "outside secret\n";

  @TempDir Path temp;

  @Test
  @Timeout(30)
  void swappingLinksAndRealEntriesByRenameNeverLeadsAnOperationOutside() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("f.txt"), SECRET);
    Files.writeString(outside.resolve("only-outside.txt"), SECRET);
    Files.writeString(outside.resolve("secret-file.txt"), SECRET);
    Path target = Files.createDirectories(root.resolve("target"));
    Files.writeString(target.resolve("f.txt"), "inside\n");
    Files.writeString(root.resolve("tfile"), "inside\n");
    Files.createSymbolicLink(root.resolve("spare-link"), outside);
    Map<String, String> outsideBefore = LocalDirConfinementTest.snapshot(outside);
    Resource r = Resources.localDir(root);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong swaps = new AtomicLong();
    AtomicLong operations = new AtomicLong();
    ConcurrentLinkedQueue<String> escapes = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(5);
    List<Future<?>> running = new ArrayList<>();
    running.add(threads.submit(() -> swapDirectory(root, stop, swaps)));
    running.add(threads.submit(() -> swapFile(root, outside.resolve("secret-file.txt"), stop)));
    for (int i = 0; i < 2; i++) {
      running.add(threads.submit(() -> {
        while (!stop.get()) {
          attempt(operations, () -> seen(escapes, "read", text(r.read("/target/f.txt"))));
          attempt(operations, () -> seen(escapes, "open", read(r.open("/target/f.txt"))));
          attempt(operations, () -> seen(escapes, "read file", text(r.read("/tfile"))));
          attempt(operations, () -> {
            if (r.list("/target").stream().anyMatch(s -> s.name().equals("only-outside.txt"))) {
              escapes.add("list showed the outside directory");
            }
          });
          attempt(operations, () -> {
            r.stat("/target/only-outside.txt");
            escapes.add("stat reached the outside directory");
          });
        }
      }));
    }
    running.add(threads.submit(() -> {
      long i = 0;
      while (!stop.get()) {
        long n = i++;
        attempt(operations, () -> r.write("/target/w.txt", ("w" + n).getBytes(UTF_8)));
        attempt(operations, () -> r.append("/target/a.txt", "a".getBytes(UTF_8)));
        attempt(operations, () -> r.write("/tfile", "inside\n".getBytes(UTF_8)));
        attempt(operations, () -> r.append("/tfile", new byte[0]));
        attempt(operations, () -> r.mkdir("/target/d" + n));
        attempt(operations, () -> r.delete("/target/d" + n));
        attempt(operations, () -> r.rename("/target/w.txt", "/target/renamed.txt"));
        attempt(operations, () -> r.delete("/target/renamed.txt"));
      }
    }));
    Thread.sleep(RACE.toMillis());
    stop.set(true);
    for (Future<?> f : running) {
      f.get(10, TimeUnit.SECONDS);
    }
    threads.shutdown();

    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(swaps.get()).as("swaps").isGreaterThan(100);
      softly.assertThat(operations.get()).as("operations").isGreaterThan(100);
      softly.assertThat(escapes).as("operations that reached outside").isEmpty();
      softly.assertThat(LocalDirConfinementTest.snapshot(outside)).as("the outside directory").isEqualTo(outsideBefore);
      softly.assertThat(LocalDirConfinementTest.debris(temp)).as("temporary files left anywhere").isEmpty();
    });
    r.write("/target/after.txt", "still works".getBytes(UTF_8));
    assertThat(text(r.read("/target/after.txt"))).isEqualTo("still works");
  }

  /** Renames {@code /target} away, the outside link into its place, and back, over and over. */
  private static void swapDirectory(Path root, AtomicBoolean stop, AtomicLong swaps) {
    Path slot = root.resolve("target");
    Path parked = root.resolve("parked");
    Path spare = root.resolve("spare-link");
    while (!stop.get()) {
      try {
        Files.move(slot, parked, StandardCopyOption.ATOMIC_MOVE);
        Files.move(spare, slot, StandardCopyOption.ATOMIC_MOVE);
        Files.move(slot, spare, StandardCopyOption.ATOMIC_MOVE);
        Files.move(parked, slot, StandardCopyOption.ATOMIC_MOVE);
        swaps.incrementAndGet();
      } catch (IOException e) {
        throw new IllegalStateException("the swap itself failed", e);
      }
    }
  }

  /** Replaces {@code /tfile} by rename with a link to {@code secret}, then with a real file. */
  private static void swapFile(Path root, Path secret, AtomicBoolean stop) {
    Path slot = root.resolve("tfile");
    long n = 0;
    while (!stop.get()) {
      try {
        Path link = Files.createSymbolicLink(root.resolve("swap-link-" + n), secret);
        Files.move(link, slot, StandardCopyOption.ATOMIC_MOVE);
        Path real = Files.writeString(root.resolve("swap-real-" + n++), "inside\n");
        Files.move(real, slot, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IllegalStateException("the swap itself failed", e);
      }
    }
  }

  private static void attempt(AtomicLong operations, Runnable op) {
    try {
      op.run();
      operations.incrementAndGet();
    } catch (ResourceException e) {
      // refused or raced away: what an operation during a swap may do
    }
  }

  private static void seen(ConcurrentLinkedQueue<String> escapes, String how, String content) {
    if (content.equals(SECRET)) {
      escapes.add(how + " returned the outside secret");
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  private static String read(InputStream in) {
    try (in) {
      return text(in.readAllBytes());
    } catch (IOException e) {
      throw new ResourceException(ResourceException.Reason.IO_ERROR, "/target/f.txt", e);
    }
  }
}
