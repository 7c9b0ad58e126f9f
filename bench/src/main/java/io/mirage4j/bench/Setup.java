package io.mirage4j.bench;

import io.mirage4j.fs.Resources;
import io.mirage4j.sidecar.NodeRuntimeLocator;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where things are, and the few helpers every measurement shares. */
final class Setup {
  static final String PRINT1 = "python3 -c 'print(1)'";

  final Path root;
  final Path shimDir;
  final Path node;
  final Path pyodideDir;
  final Path scripts;
  final Path referenceDir;
  final Path python;
  final Path java;
  final String classPath;
  final boolean quick;

  Setup(Path root, boolean quick) {
    this.root = root.toAbsolutePath().normalize();
    this.shimDir = Path.of(System.getProperty("mirage4j.shim.dir", this.root.resolve("js-shim").toString()));
    this.node = Path.of(System.getProperty("bench.node", NodeRuntimeLocator.bundledNode(shimDir).toString()));
    this.pyodideDir = shimDir.resolve("node_modules/pyodide");
    this.scripts = this.root.resolve("bench/scripts");
    this.referenceDir = this.root.resolve("bench/reference");
    this.python = Path.of(System.getProperty("bench.python", "/usr/bin/python3"));
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    this.classPath = System.getProperty("java.class.path");
    this.quick = quick;
  }

  void requireRuntime() {
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException("no Node 26 at " + node + " (run mvn -DskipTests package in " + root + ")");
    }
    if (!Files.isRegularFile(pyodideDir.resolve("pyodide.mjs"))) {
      throw new IllegalStateException("no pyodide in " + pyodideDir);
    }
  }

  /** A workspace like the CLI's default: /data in memory, working directory /data. */
  static Workspace newWorkspace() {
    return Workspace.builder().mount("/data", Resources.inMemory()).build();
  }

  /** The result, when it exited 0 and printed {@code expectedStdout}; otherwise an exception. */
  static ExecResult check(ExecResult r, String expectedStdout) {
    if (r.exitCode() != 0 || (expectedStdout != null && !r.stdoutText().equals(expectedStdout))) {
      throw new IllegalStateException("unexpected result: exit " + r.exitCode() + ", stdout "
          + Procs.firstLines(r.stdoutText()) + ", stderr " + Procs.firstLines(r.stderrText()));
    }
    return r;
  }

  /** {@code node <script> args...} (JSPI is on by default in Node 26, which refuses the old flag). */
  List<String> nodeCommand(Path script, String... args) {
    List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** A JVM like this one running {@code mainClass} from the bench classpath. */
  List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Dmirage4j.shim.dir=" + shimDir);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
