package io.mirage4j.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One conformance case: a workspace to set up, a command line, and what it must print and return.
 * Stored as one JSON file per case under {@code test-fixtures/cases/<area>/<name>.json}; the
 * format is documented in {@code test-fixtures/README.md}. Omitted members take the defaults
 * below.
 *
 * <pre>{@code
 * ConformanceCase c = new ConformanceCase("shell/echo", "echo prints its words", null, null, null,
 *     null, null, null, "echo hi", "hi\n", null, 0, true);  // /data mounted exec, cwd /data
 * CaseResult.of(c, CaseRunner.inMemory(c)).passed();       // true
 * }</pre>
 *
 * @param id the case's name, {@code <area>/<name>} (from its path, not its content)
 * @param description what the case shows
 * @param mounts prefix to mode ({@code read}, {@code write}, {@code exec}); default {@code /data} exec
 * @param files workspace path to content, written before the run (directories made as needed)
 * @param dirs workspace paths of (empty) directories to make before the run
 * @param cwd the working directory (default {@code /data})
 * @param env the session's environment (default empty)
 * @param stdin what the command line reads as standard input
 * @param cmd the command line
 * @param stdout the expected standard output
 * @param stderr the expected standard error
 * @param exit the expected exit status
 * @param bash whether real bash, run over the same files in a host directory, gives the same result
 */
@JsonIgnoreProperties({"id"})
public record ConformanceCase(
    String id,
    String description,
    Map<String, String> mounts,
    Map<String, String> files,
    List<String> dirs,
    String cwd,
    Map<String, String> env,
    String stdin,
    String cmd,
    String stdout,
    String stderr,
    @JsonProperty("exit") int exit,
    boolean bash) {

  public ConformanceCase {
    Objects.requireNonNull(cmd, "cmd");
    mounts = mounts == null || mounts.isEmpty() ? Map.of("/data", "exec") : ordered(mounts);
    files = files == null ? Map.of() : ordered(files);
    dirs = dirs == null ? List.of() : List.copyOf(dirs);
    cwd = cwd == null ? "/data" : cwd;
    env = env == null ? Map.of() : ordered(env);
    stdin = stdin == null ? "" : stdin;
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    description = description == null ? "" : description;
  }

  /** An unmodifiable copy that keeps the order the case file gives (an environment's order shows). */
  private static Map<String, String> ordered(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The same case under another id. */
  public ConformanceCase withId(String newId) {
    return new ConformanceCase(newId, description, mounts, files, dirs, cwd, env, stdin, cmd, stdout, stderr, exit, bash);
  }

  /** The same case, saying whether real bash gives its expected outcome. */
  public ConformanceCase withBash(boolean matchesBash) {
    return new ConformanceCase(id, description, mounts, files, dirs, cwd, env, stdin, cmd, stdout, stderr, exit, matchesBash);
  }

  /** The same case expecting what an implementation actually produced (for recording). */
  public ConformanceCase withOutcome(CaseOutcome outcome) {
    return new ConformanceCase(id, description, mounts, files, dirs, cwd, env, stdin, cmd,
        outcome.stdout(), outcome.stderr(), outcome.exit(), bash);
  }
}
