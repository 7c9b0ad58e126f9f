package io.mirage4j.snapshot;

import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own: restores the archive {@code args[0]} and compares every file under
 * {@code /data} byte for byte with the tree {@code args[1]}, then prints what the sessions give.
 */
public final class RestoreInAnotherJvm {
  private RestoreInAnotherJvm() {}

  public static void main(String[] args) throws Exception {
    Path expected = Path.of(args[1]);
    try (InputStream in = Files.newInputStream(Path.of(args[0]));
        Workspace ws = Workspace.restore(in, RestoreOptions.defaults()).workspace()) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(expected)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      int equal = 0;
      for (Path f : files) {
        String path = "/data/" + expected.relativize(f).toString().replace('\\', '/');
        if (!Arrays.equals(Files.readAllBytes(f), ws.fs().read(path))) {
          System.out.println("DIFFERENT: " + path);
        } else {
          equal++;
        }
      }
      System.out.println("files equal: " + equal);
      System.out.println("/data/a/b/c/t.txt " + ws.execute("stat -c %a /data/a/b/c/t.txt").stdoutText().strip()
          + " " + ws.execute("paste -sd, /data/a/b/c/t.txt").stdoutText().strip());
      System.out.println("/data/old.txt " + ws.fs().stat("/data/old.txt").modified());
      System.out.println("default: " + ws.execute("echo $(pwd) $GREETING").stdoutText().strip());
      Session agent = ws.session("agent").orElseThrow();
      System.out.println("agent: " + agent.execute("echo \"$(greet you)|$(count)|$TOKEN\"").stdoutText().strip());
      System.out.println("host: " + ws.execute("cat /host/readme.txt").stdoutText().strip());
    }
  }
}
