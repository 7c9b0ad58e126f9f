package io.mirage4j.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.tools.WorkspaceTool;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A workspace as the features of an MCP server (on the official MCP Java SDK): its tools ({@code
 * shell}, {@code python}, {@code read}, {@code write}, {@code edit}, {@code ls}, {@code glob},
 * {@code grep}) as tool specifications, and its mounted files as resources ({@code
 * file:///data/a.txt}). A tool's output arrives as it is written, as logging notifications, or as
 * progress notifications when the request carries a progress token.
 *
 * <p>A Java host mounts a workspace into its own MCP server in one line:
 *
 * <pre>{@code
 * McpSyncServer server = WorkspaceMcp.of(ws)
 *     .addTo(McpServer.sync(transportProvider).serverInfo("my-host", "1.0"))
 *     .build();
 * }</pre>
 */
public final class WorkspaceMcp {
  /** The most characters a call's arguments may have, as JSON, by default: 1 MiB. */
  public static final int DEFAULT_MAX_ARGUMENT_CHARS = 1 << 20;
  /** How many files {@code resources/list} names at most, by default. */
  public static final int DEFAULT_MAX_LISTED_FILES = 200;

  private final WorkspaceTools tools;
  private final int maxArgumentChars;
  private final int maxListedFiles;
  private final McpJsonMapper jsonMapper;

  private WorkspaceMcp(Builder builder) {
    this.tools = builder.tools;
    this.maxArgumentChars = builder.maxArgumentChars;
    this.maxListedFiles = builder.maxListedFiles;
    this.jsonMapper = new JacksonMcpJsonMapper(new ObjectMapper());
  }

  /** The MCP features of {@code workspace}'s tools and files, with the default limits. */
  public static WorkspaceMcp of(Workspace workspace) {
    return builder(WorkspaceTools.of(workspace)).build();
  }

  /** A builder over already-made tools (for a text limit of one's own). */
  public static Builder builder(WorkspaceTools tools) {
    return new Builder(tools);
  }

  /** One tool specification per workspace tool, in the tools' order. */
  public List<SyncToolSpecification> tools() {
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (WorkspaceTool tool : tools.all()) {
      specs.add(new SyncToolSpecification(ToolDescriptions.describe(tool), new ToolHandler(tool, maxArgumentChars)));
    }
    return specs;
  }

  /**
   * The workspace's files as resources, up to the listing limit, as found now: the resource
   * template reads any file, including those made later.
   */
  public List<SyncResourceSpecification> resources() {
    return fileResources().listed();
  }

  /** The template {@code file:///{path}} that reads any file of the workspace. */
  public List<SyncResourceTemplateSpecification> resourceTemplates() {
    return List.of(fileResources().template());
  }

  /**
   * The URI template matching the resources need: {@code file:///{path}} matches a path of any
   * depth ({@code file:///data/src/a.txt}); every other template is matched as the SDK matches it.
   */
  public McpUriTemplateManagerFactory uriTemplates() {
    return new FileUriTemplates();
  }

  /**
   * Adds the tools, resources and resource template to {@code server}, with the URI matching they
   * need, the JSON mapper and schema validator of Jackson 2, and capabilities for tools, resources
   * and logging. Returns {@code server} for {@code .build()}.
   */
  public <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> addTo(McpServer.SyncSpecification<S> server) {
    return server
        .jsonMapper(jsonMapper)
        .jsonSchemaValidator(new DefaultJsonSchemaValidator())
        .uriTemplateManagerFactory(uriTemplates())
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).logging().build())
        .tools(tools())
        .resources(resources())
        .resourceTemplates(resourceTemplates());
  }

  /** The JSON mapper the features are made with (Jackson 2), for a transport of the same. */
  public McpJsonMapper jsonMapper() {
    return jsonMapper;
  }

  /** The workspace's tools these features expose. */
  public WorkspaceTools workspaceTools() {
    return tools;
  }

  private FileResources fileResources() {
    return new FileResources(tools.workspace(), maxListedFiles);
  }

  /**
   * How to make a workspace's MCP features.
   *
   * <pre>{@code
   * WorkspaceMcp mcp = WorkspaceMcp.builder(WorkspaceTools.builder(ws).textLimit(10_000).build())
   *     .maxArgumentChars(4 << 20)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final WorkspaceTools tools;
    private int maxArgumentChars = DEFAULT_MAX_ARGUMENT_CHARS;
    private int maxListedFiles = DEFAULT_MAX_LISTED_FILES;

    private Builder(WorkspaceTools tools) {
      this.tools = Objects.requireNonNull(tools, "tools");
    }

    /** The most characters a call's arguments may have, as JSON; a larger call is refused. */
    public Builder maxArgumentChars(int characters) {
      if (characters < 1024) {
        throw new IllegalArgumentException("maxArgumentChars must be at least 1024: " + characters);
      }
      this.maxArgumentChars = characters;
      return this;
    }

    /** How many files {@code resources/list} names at most (0: none; the template still reads any). */
    public Builder maxListedFiles(int files) {
      if (files < 0) {
        throw new IllegalArgumentException("maxListedFiles must not be negative: " + files);
      }
      this.maxListedFiles = files;
      return this;
    }

    public WorkspaceMcp build() {
      return new WorkspaceMcp(this);
    }
  }
}
