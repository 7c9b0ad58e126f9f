package io.mirage4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.workspace.Session;

/**
 * A tool made of its definition and its work: the arguments are checked against the signature and
 * the session named by the {@code session} argument is found before the work runs.
 */
final class DefinedTool implements WorkspaceTool {

  /** What a tool does with checked arguments in its session. */
  @FunctionalInterface
  interface Work {
    ToolResult run(Signature.Arguments args, Session session, ToolCall call);
  }

  private final String name;
  private final String description;
  private final Signature signature;
  private final boolean readOnly;
  private final WorkspaceTools tools;
  private final Work work;

  DefinedTool(WorkspaceTools tools, String description, Signature signature, boolean readOnly, Work work) {
    this.name = signature.tool();
    this.description = description;
    this.signature = signature;
    this.readOnly = readOnly;
    this.tools = tools;
    this.work = work;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public ObjectNode inputSchema() {
    return signature.inputSchema();
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public ToolResult call(JsonNode arguments, ToolCall call) {
    Signature.Arguments args = signature.check(arguments);
    return work.run(args, tools.session(args.string("session")), call);
  }
}
