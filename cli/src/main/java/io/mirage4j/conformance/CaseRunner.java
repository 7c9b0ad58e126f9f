package io.mirage4j.conformance;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Sets up a case's workspace and runs its command line: over in-memory mounts, or over host
 * directories (as the {@code --host-dirs} option of {@code mirage4j conformance} does). Each run
 * gets a fresh workspace, closed after it.
 *
 * <pre>{@code
 * CaseOutcome inMemory = CaseRunner.inMemory(c);
 * CaseOutcome onDisk = CaseRunner.inHostDirectories(c, Files.createTempDirectory("case"));
 * }</pre>
 */
public final class CaseRunner {
  /** No case may run longer than this; a runaway case fails instead of hanging the suite. */
  public static final Duration CASE_TIME_LIMIT = Duration.ofSeconds(60);

  private CaseRunner() {}

  /** Runs the case in a workspace of in-memory mounts. */
  public static CaseOutcome inMemory(ConformanceCase c) {
    return run(c, prefix -> Resources.inMemory());
  }

  /**
   * Runs the case in a workspace whose mounts are host directories under {@code root} (the mount
   * {@code /data} is {@code root/data}), after writing the case's files there.
   */
  public static CaseOutcome inHostDirectories(ConformanceCase c, Path root) throws IOException {
    materialize(c, root);
    return run(c, prefix -> Resources.localDir(hostDir(root, prefix)));
  }

  /** Writes the case's mounts, directories and files under {@code root}. */
  public static void materialize(ConformanceCase c, Path root) throws IOException {
    for (String prefix : c.mounts().keySet()) {
      Files.createDirectories(hostDir(root, prefix));
    }
    for (String dir : c.dirs()) {
      Files.createDirectories(hostDir(root, dir));
    }
    for (Map.Entry<String, String> f : c.files().entrySet()) {
      Path file = hostDir(root, f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The host path for a workspace path, under {@code root}. */
  public static Path hostDir(Path root, String workspacePath) {
    return root.resolve(PathNames.normalize(workspacePath).substring(1));
  }

  /** The mode a case gives a mount. */
  public static Mode mode(String name) {
    return Mode.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static CaseOutcome run(ConformanceCase c, Function<String, Resource> resources) {
    Workspace.Builder builder = Workspace.builder();
    for (Map.Entry<String, String> m : c.mounts().entrySet()) {
      Resource resource = resources.apply(m.getKey());
      populate(c, m.getKey(), resource);
      builder.mount(m.getKey(), resource, mode(m.getValue()));
    }
    c.env().forEach(builder::env);
    builder.cwd(c.cwd());
    try (Workspace ws = builder.build()) {
      ExecResult r = ws.execute(c.cmd(), ExecOptions.defaults().withStdin(c.stdin()).withTimeout(CASE_TIME_LIMIT));
      return new CaseOutcome(r.stdoutText(), r.stderrText(), r.exitCode());
    }
  }

  /** Writes the case's files that belong to this mount straight into its resource. */
  private static void populate(ConformanceCase c, String prefix, Resource resource) {
    for (String dir : c.dirs()) {
      if (PathNames.isWithin(dir, prefix)) {
        mkdirs(resource, relative(prefix, dir));
      }
    }
    for (Map.Entry<String, String> f : c.files().entrySet()) {
      if (PathNames.isWithin(f.getKey(), prefix)) {
        String rel = relative(prefix, f.getKey());
        mkdirs(resource, PathNames.parent(rel));
        resource.write(rel, f.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String relative(String prefix, String path) {
    String p = PathNames.normalize(path);
    return p.equals(prefix) ? "/" : prefix.equals("/") ? p : p.substring(prefix.length());
  }

  private static void mkdirs(Resource resource, String dir) {
    if (dir.equals("/")) {
      return;
    }
    mkdirs(resource, PathNames.parent(dir));
    try {
      resource.mkdir(dir);
    } catch (ResourceException e) {
      if (e.reason() != ResourceException.Reason.ALREADY_EXISTS) {
        throw e;
      }
    }
  }
}
