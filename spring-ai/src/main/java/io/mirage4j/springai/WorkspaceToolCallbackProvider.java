package io.mirage4j.springai;

import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * A workspace's tools ({@code shell}, {@code python}, {@code read}, {@code write}, {@code edit},
 * {@code ls}, {@code glob}, {@code grep}) for Spring AI: one {@link WorkspaceToolCallback} each,
 * for {@code ChatClient}'s tool-calling loop or a {@code ToolCallingManager}.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
 *   String answer = ChatClient.create(chatModel)
 *       .prompt("Write /data/notes.txt, then count its lines with Python")
 *       .tools(WorkspaceToolCallbackProvider.of(ws))
 *       .call()
 *       .content();
 * }
 * }</pre>
 */
public final class WorkspaceToolCallbackProvider implements ToolCallbackProvider {
  private final ToolCallback[] callbacks;

  /** The given tools (for example made with {@link WorkspaceTools#builder} and a text limit). */
  public WorkspaceToolCallbackProvider(WorkspaceTools tools) {
    this.callbacks = tools.all().stream().map(WorkspaceToolCallback::new).toArray(ToolCallback[]::new);
  }

  /** The tools of {@code workspace}, with the default text limit. */
  public static WorkspaceToolCallbackProvider of(Workspace workspace) {
    return new WorkspaceToolCallbackProvider(WorkspaceTools.of(workspace));
  }

  @Override
  public ToolCallback[] getToolCallbacks() {
    return callbacks.clone();
  }
}
