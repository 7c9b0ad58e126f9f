package io.mirage4j.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A workspace with one of each thing a snapshot keeps: an in-memory mount with nested directories,
 * an empty one, a binary file, a long and a non-ASCII name, modes and exact times; a host
 * directory; a second session with functions, arrays, options, a trap and history.
 */
final class SampleWorkspace {
  static final Instant OLD = Instant.parse("2001-02-03T04:05:06.123456789Z");

  private SampleWorkspace() {}

  static Workspace build(Path host) throws IOException {
    Files.writeString(host.resolve("readme.txt"), "host file\n");
    Files.createDirectories(host.resolve("sub"));
    Files.writeString(host.resolve("sub/b.txt"), "b\n");
    InMemoryResource ram = Resources.inMemory();
    Workspace ws = Workspace.builder()
        .mount("/data", ram)
        .mount("/scratch", Resources.inMemory(), Mode.WRITE)
        .mount("/host", Resources.localDir(host), Mode.READ)
        .env("LANG", "C.UTF-8")
        .cwd("/data")
        .build();
    ws.execute("mkdir -p /data/a/b/c /data/empty && printf 'one\\ntwo\\n' > /data/a/b/c/t.txt && chmod 755 /data/a/b/c/t.txt");
    byte[] binary = new byte[70_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31 + 7);
    }
    ram.write("/bin.dat", binary);
    ram.write("/" + "n".repeat(120) + ".txt", "long name\n".getBytes(UTF_8));
    ram.write("/été ☃.txt", "non-ascii\n".getBytes(UTF_8));
    ram.loadFile("/old.txt", "old\n".getBytes(UTF_8), OLD, 0600);
    ws.execute("echo scratch > /scratch/s.txt");
    ws.execute("export GREETING=hello; cd /data/a");
    Session agent = ws.newSession("agent", null);
    agent.execute("cd /data/empty");
    agent.execute("export TOKEN=t1; LOCAL=not-exported; arr=(x 'y z'); declare -A m=([k]=v)");
    agent.execute("greet() { echo \"hi $1 from $(pwd)\"; }");
    agent.execute("count() {\n  for i in 1 2 3; do\n    echo $i\n  done | wc -l\n}");
    agent.execute("set -o pipefail; trap 'echo bye' EXIT");
    return ws;
  }
}
