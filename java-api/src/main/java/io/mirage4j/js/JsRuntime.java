package io.mirage4j.js;

import io.mirage4j.fs.WorkspaceFs;
import java.io.InputStream;

/**
 * Runs JavaScript programs for the {@code js} command, each in a fresh, sealed context whose only
 * way to files is the {@code fs} module over {@code files}.
 *
 * <pre>{@code
 * JsResult r = JsRuntimes.find().orElseThrow().run(run, session.fs(), InputStream.nullInputStream(), output);
 * }</pre>
 */
public interface JsRuntime {

  /** The version {@code js --version} prints, e.g. {@code v20.0.0-graaljs-25.0.0}. */
  String version();

  /**
   * Runs one program to its end (or its time limit), writing its output to {@code output} as it
   * comes. An error of the program is its output and exit status, never an exception.
   *
   * @param files the calling session's view of the mounts, through which {@code fs} reads and writes
   * @param stdin standard input, which {@code fs.readFileSync(0)} reads to its end
   */
  JsResult run(JsRun run, WorkspaceFs files, InputStream stdin, JsOutput output);
}
