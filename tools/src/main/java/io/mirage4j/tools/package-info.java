/**
 * A workspace as tools for a model: {@code shell}, {@code python}, {@code read}, {@code write},
 * {@code edit}, {@code ls}, {@code glob} and {@code grep}, each with a name, a description written
 * for a model, a JSON Schema for its arguments and a result as text plus structured content. The
 * MCP server and the LangChain4j and Spring AI adapters expose these same tools.
 *
 * <pre>{@code
 * WorkspaceTools tools = WorkspaceTools.of(workspace);
 * ToolResult r = tools.call("shell", Json.object("command", "ls /data"), ToolCall.quiet());
 * r.text();       // what ls printed, then the exit status if it was not 0
 * r.structured(); // {"stdout": "...", "stderr": "", "exitCode": 0, ...}
 * }</pre>
 */
package io.mirage4j.tools;
