package io.mirage4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's tools for a model: {@code shell}, {@code python}, {@code read}, {@code write},
 * {@code edit}, {@code ls}, {@code glob} and {@code grep}. Every tool takes an optional {@code
 * session}: calls that name the same session share its variables, functions and working directory
 * (relative paths resolve against it); without one, a call uses the workspace's default session.
 * Text results are capped ({@link Builder#textLimit}), with a line saying so.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
 *   WorkspaceTools tools = WorkspaceTools.of(ws);
 *   tools.call("write", Json.object("path", "/data/a.txt", "content", "one\ntwo\n"), ToolCall.quiet());
 *   tools.call("shell", Json.object("command", "wc -l a.txt", "cwd", "/data"), ToolCall.quiet()).text(); // "2 a.txt\n"
 * }
 * }</pre>
 */
public final class WorkspaceTools {
  /** The most characters of text a result carries by default. */
  public static final int DEFAULT_TEXT_LIMIT = 30_000;

  private final Workspace workspace;
  private final int textLimit;
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Map<String, WorkspaceTool> tools = new LinkedHashMap<>();

  private WorkspaceTools(Builder builder) {
    this.workspace = builder.workspace;
    this.textLimit = builder.textLimit;
    for (WorkspaceTool tool : List.of(
        ShellTool.create(this), PythonTool.create(this), ReadTool.create(this), WriteTool.create(this),
        EditTool.create(this), LsTool.create(this), GlobTool.create(this), GrepTool.create(this))) {
      tools.put(tool.name(), tool);
    }
  }

  /** The tools of {@code workspace}, with the default text limit. */
  public static WorkspaceTools of(Workspace workspace) {
    return builder(workspace).build();
  }

  public static Builder builder(Workspace workspace) {
    return new Builder(workspace);
  }

  /** Every tool, in a fixed order: shell, python, read, write, edit, ls, glob, grep. */
  public List<WorkspaceTool> all() {
    return List.copyOf(tools.values());
  }

  /** The tool called {@code name}, if there is one. */
  public Optional<WorkspaceTool> tool(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /**
   * Calls the tool {@code name}.
   *
   * @throws ToolArgumentException when there is no such tool or the arguments do not match its schema
   */
  public ToolResult call(String name, JsonNode arguments, ToolCall call) {
    WorkspaceTool tool = tools.get(name);
    if (tool == null) {
      throw new ToolArgumentException("unknown tool \"" + name + "\"; the tools are " + String.join(", ", tools.keySet()));
    }
    return tool.call(arguments, call);
  }

  /** The workspace the tools work in. */
  public Workspace workspace() {
    return workspace;
  }

  /** The session called {@code name}, made on first use; the workspace's default one for null. */
  synchronized Session session(String name) {
    if (name == null) {
      return workspace.defaultSession();
    }
    return sessions.computeIfAbsent(name, n -> workspace.newSession());
  }

  int textLimit() {
    return textLimit;
  }

  /**
   * How to make a workspace's tools.
   *
   * <pre>{@code
   * WorkspaceTools tools = WorkspaceTools.builder(ws).textLimit(10_000).build();
   * }</pre>
   */
  public static final class Builder {
    private final Workspace workspace;
    private int textLimit = DEFAULT_TEXT_LIMIT;

    private Builder(Workspace workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * The most characters of each output (a command's standard output, its standard error, a
     * file's content) that a result carries; what is cut is named in a line at the end.
     */
    public Builder textLimit(int characters) {
      if (characters < 100) {
        throw new IllegalArgumentException("textLimit must be at least 100 characters: " + characters);
      }
      this.textLimit = characters;
      return this;
    }

    public WorkspaceTools build() {
      return new WorkspaceTools(this);
    }
  }
}
