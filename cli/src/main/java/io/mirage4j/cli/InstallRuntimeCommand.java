package io.mirage4j.cli;

import io.mirage4j.install.Platform;
import io.mirage4j.install.RuntimeDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mirage4j install-runtime DIR}: writes the runtime this jar carries (the js-shim, Pyodide
 * and Node.js) into DIR, for read-only file systems and container images, where the per-user
 * cache cannot be written at run time. The sidecar then uses it when {@code MIRAGE4J_RUNTIME_DIR}
 * is DIR. Installing again is a no-op; a DIR that holds another version is refused.
 */
@Command(
    name = "install-runtime",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    header = "Install the Python runtime into a directory, for MIRAGE4J_RUNTIME_DIR.",
    description = {
      "Writes the js-shim, Pyodide and Node.js this jar carries into DIR/runtime and DIR/node/PLATFORM.",
      "Run it when building a read-only or container image, then set MIRAGE4J_RUNTIME_DIR=DIR when running."
    })
final class InstallRuntimeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to install (created if missing).")
  private Path dir;

  @Option(names = "--platform", paramLabel = "PLATFORM",
      description = "Install Node.js for this platform (repeatable; default: this machine's). One of: linux-x64, linux-arm64.")
  private List<String> platforms = new ArrayList<>();

  @Option(names = "--no-node", description = "Install no Node.js: the image brings its own (set MIRAGE4J_NODE).")
  private boolean noNode;

  @Override
  public Integer call() throws IOException {
    List<Platform> chosen = new ArrayList<>();
    if (!noNode) {
      if (platforms.isEmpty()) {
        Platform here = Platform.current();
        here.requireBundledNode();
        chosen.add(here);
      }
      for (String id : platforms) {
        if (!Platform.BUNDLED.contains(id)) {
          throw new ParameterException(spec.commandLine(),
              "--platform " + id + ": expected one of " + String.join(", ", Platform.BUNDLED));
        }
        chosen.add(Platform.of(id));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (RuntimeDirectory.Installed part : RuntimeDirectory.install(dir, chosen, InstallRuntimeCommand.class.getClassLoader())) {
      out.println((part.extracted() ? "installed " : "already installed ") + part.name() + " " + part.version()
          + " in " + part.directory());
    }
    out.println("run with MIRAGE4J_RUNTIME_DIR=" + dir.toAbsolutePath().normalize());
    return 0;
  }
}
