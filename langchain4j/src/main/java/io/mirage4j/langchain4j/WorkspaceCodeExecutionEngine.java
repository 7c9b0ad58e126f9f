package io.mirage4j.langchain4j;

import dev.langchain4j.code.CodeExecutionEngine;
import io.mirage4j.tools.Json;
import io.mirage4j.tools.ToolCall;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import java.util.Objects;

/**
 * LangChain4j's {@link CodeExecutionEngine} over a workspace: each call runs the code as a Python
 * 3 program (CPython in Pyodide, in the sandbox) in the workspace's default session, with the
 * workspace's mounted files and no network. It returns what the program printed; when it wrote
 * to standard error or failed, the text also holds a {@code [stderr]} part and its {@code [exit
 * code N]}, as the {@code python} tool's result does.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
 *   CodeExecutionEngine engine = WorkspaceCodeExecutionEngine.of(ws);
 *   engine.execute("print(sum(range(10)))"); // "45\n"
 * }
 * }</pre>
 */
public final class WorkspaceCodeExecutionEngine implements CodeExecutionEngine {
  private final WorkspaceTools tools;

  public WorkspaceCodeExecutionEngine(WorkspaceTools tools) {
    this.tools = Objects.requireNonNull(tools, "tools");
  }

  /** An engine over {@code workspace}, with the default text limit. */
  public static WorkspaceCodeExecutionEngine of(Workspace workspace) {
    return new WorkspaceCodeExecutionEngine(WorkspaceTools.of(workspace));
  }

  @Override
  public String execute(String code) {
    Objects.requireNonNull(code, "code");
    return tools.call("python", Json.object("code", code), ToolCall.quiet()).text();
  }
}
