package io.mirage4j.bench;

import io.mirage4j.fs.Resources;
import io.mirage4j.sidecar.NodeSidecarProvider;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a JVM of its own, so that the Node processes it reads are only those its workspaces
 * started (no leftover from another section, and whatever it starts ends with it): opens 1, 2, ...
 * {@code count} workspaces, each after one {@code python3} call, and after each waits for idle and
 * reads the summed VmRSS of the Node processes below this JVM.
 *
 * <p>Arguments: {@code COUNT [INTERPRETERS_PER_PROCESS]} (without the second, the provider's
 * default). Prints {@code sample N MB PROCESSES} lines on standard output.
 */
public final class RssProbe {
  private RssProbe() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    NodeSidecarProvider.Builder builder = NodeSidecarProvider.builder();
    if (args.length > 1) {
      builder.interpretersPerProcess(Integer.parseInt(args[1]));
    }
    NodeSidecarProvider provider = builder.build();
    List<Workspace> open = new ArrayList<>();
    try {
      for (int n = 1; n <= count; n++) {
        Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).pythonRuntime(provider).build();
        open.add(ws);
        Setup.check(ws.execute(Setup.PRINT1), "1\n");
        Procs.settle(Duration.ofSeconds(15));
        List<ProcessHandle> nodes = Procs.nodeDescendants();
        double mb = Procs.nodeRssBytes(nodes) / 1e6;
        System.out.println("sample " + n + " " + mb + " " + nodes.size());
        System.out.flush();
        System.err.println("bench:   " + n + " workspace(s): " + nodes.size() + " node process(es), "
            + Stats.format(mb) + " MB");
      }
    } finally {
      for (Workspace ws : open) {
        ws.close();
      }
    }
    System.exit(0);
  }
}
