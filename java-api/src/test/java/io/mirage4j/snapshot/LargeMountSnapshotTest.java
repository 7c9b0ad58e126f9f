package io.mirage4j.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB in-memory mount is snapshotted and restored by JVMs whose heap (1 GiB + 256 MiB) has no
 * room for a second copy: the archive streams both ways.
 */
@Timeout(180)
class LargeMountSnapshotTest {
  private static final long GIB = 1L << 30;
  private static final String HEAP = "-Xmx1280m";

  @TempDir Path tmp;

  @Test
  void aOneGibMountIsSnapshottedAndRestoredWithBoundedExtraMemory() throws Exception {
    Path archive = tmp.resolve("big.tar");
    String wrote = run("write", archive);
    assertThat(wrote).startsWith("wrote 65 entries, " + GIB + " bytes\n");
    assertThat(Files.size(archive)).isBetween(GIB, GIB + (1 << 20));
    String read = run("read", archive);
    assertThat(read).startsWith("read 64 files, " + GIB + " bytes\n");
    for (String output : List.of(wrote, read)) {
      Matcher peak = Pattern.compile("peak heap MiB (\\d+)").matcher(output);
      assertThat(peak.find()).isTrue();
      assertThat(Long.parseLong(peak.group(1))).as("peak heap in MiB").isLessThan(1024 + 200);
    }
  }

  private String run(String mode, Path archive) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path err = tmp.resolve(mode + ".err");
    Process p = new ProcessBuilder(java, HEAP, "-Xmn32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        LargeMountMain.class.getName(), mode, archive.toString()).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(mode + " finished").isTrue();
    assertThat(p.exitValue()).as(mode + ": " + out + Files.readString(err)).isZero();
    return out;
  }
}
