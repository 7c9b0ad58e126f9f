/**
 * A workspace served over the Model Context Protocol, on the official MCP Java SDK: its tools
 * ({@code shell}, {@code python}, {@code read}, {@code write}, {@code edit}, {@code ls}, {@code
 * glob}, {@code grep}) and its files as resources ({@code file:///data/a.txt}), over stdio
 * ({@link io.mirage4j.mcp.StdioMcpServer}), Streamable HTTP ({@link io.mirage4j.mcp.HttpMcpServer})
 * or mounted into a host's own MCP server ({@link io.mirage4j.mcp.WorkspaceMcp}).
 *
 * <pre>{@code
 * McpSyncServer server = WorkspaceMcp.of(ws)
 *     .addTo(McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper()))))
 *     .build();
 * }</pre>
 */
package io.mirage4j.mcp;
