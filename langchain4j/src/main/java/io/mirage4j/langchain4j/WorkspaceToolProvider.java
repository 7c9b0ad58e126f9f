package io.mirage4j.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.mirage4j.tools.WorkspaceTool;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workspace's tools ({@code shell}, {@code python}, {@code read}, {@code write}, {@code edit},
 * {@code ls}, {@code glob}, {@code grep}) for LangChain4j's {@code AiServices}: each with its name,
 * description and JSON Schema as a {@link ToolSpecification}, run by a {@link
 * WorkspaceToolExecutor}.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
 *   Assistant assistant = AiServices.builder(Assistant.class)
 *       .chatModel(model)
 *       .toolProvider(WorkspaceToolProvider.of(ws))
 *       .build();
 *   assistant.chat("Write /data/notes.txt, then count its lines with Python");
 * }
 * }</pre>
 */
public final class WorkspaceToolProvider implements ToolProvider {
  private final Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();

  /** The given tools (for example made with {@link WorkspaceTools#builder} and a text limit). */
  public WorkspaceToolProvider(WorkspaceTools workspaceTools) {
    for (WorkspaceTool tool : workspaceTools.all()) {
      tools.put(specification(tool), new WorkspaceToolExecutor(tool));
    }
  }

  /** The tools of {@code workspace}, with the default text limit. */
  public static WorkspaceToolProvider of(Workspace workspace) {
    return new WorkspaceToolProvider(WorkspaceTools.of(workspace));
  }

  /** The specification LangChain4j sends the model for {@code tool}. */
  public static ToolSpecification specification(WorkspaceTool tool) {
    return ToolSpecification.builder()
        .name(tool.name())
        .description(tool.description())
        .parameters(ToolSchemas.objectSchema(tool.inputSchema()))
        .build();
  }

  /** Every tool's specification and executor, in order, for {@code AiServices.tools(Map)}. */
  public Map<ToolSpecification, ToolExecutor> tools() {
    return Collections.unmodifiableMap(tools);
  }

  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    return ToolProviderResult.builder().addAll(tools).build();
  }
}
