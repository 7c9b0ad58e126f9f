package io.mirage4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One tool of a workspace, as a model sees it: a name, a description, a JSON Schema for its
 * arguments, and a call. Arguments are checked against the schema before anything runs.
 *
 * <pre>{@code
 * WorkspaceTool grep = WorkspaceTools.of(ws).tool("grep").orElseThrow();
 * grep.inputSchema();  // {"type": "object", "properties": {"pattern": ...}, "required": ["pattern"], ...}
 * grep.call(Json.object("pattern", "TODO", "path", "/src"), ToolCall.quiet()).text();
 * }</pre>
 */
public interface WorkspaceTool {

  /** The tool's name: {@code shell}, {@code python}, {@code read}, ... */
  String name();

  /** What the tool does and when to use it, written for a model. */
  String description();

  /** The JSON Schema (draft 2020-12) of the arguments object; callers must not change it. */
  ObjectNode inputSchema();

  /** Whether the tool only reads: it changes no file and runs no command. */
  boolean readOnly();

  /**
   * Runs the tool. A failure of the work itself (a missing file, a command that exits 1) is a
   * result with {@link ToolResult#isError()} set, which the model reads and can act on.
   *
   * @throws ToolArgumentException when {@code arguments} do not match {@link #inputSchema()}
   */
  ToolResult call(JsonNode arguments, ToolCall call);
}
