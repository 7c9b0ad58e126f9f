package io.mirage4j.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A workspace's MCP server over a pair of streams (a child process's standard input and output):
 * one JSON-RPC message a line each way. {@link #serve} returns when the input ends (the client
 * closed it or went away), after closing the server.
 *
 * <pre>{@code
 * StdioMcpServer.serve(WorkspaceMcp.of(ws), System.in, new FileOutputStream(FileDescriptor.out));
 * }</pre>
 */
public final class StdioMcpServer {
  private StdioMcpServer() {}

  /** The longest message a line may hold: 16 MiB, as the SDK's transport allows. */
  static final int MAX_LINE_BYTES = 16 << 20;

  /**
   * Serves {@code mcp} on {@code in} and {@code out} until {@code in} ends. A line that is not a
   * JSON-RPC message gets the protocol's error, and the session goes on.
   */
  public static void serve(WorkspaceMcp mcp, InputStream in, OutputStream out) throws InterruptedException, IOException {
    CountDownLatch ended = new CountDownLatch(1);
    PipedInputStream transportIn = new PipedInputStream(1 << 16);
    PipedOutputStream lines = new PipedOutputStream(transportIn);
    StdioServerTransportProvider transport = new StdioServerTransportProvider(mcp.jsonMapper(), transportIn, out, MAX_LINE_BYTES);
    McpSyncServer server = mcp.addTo(McpServer.sync(transport).serverInfo(ServerInfo.NAME, ServerInfo.version())).build();
    Thread reader = new Thread(() -> {
      try {
        new JsonRpcLines(new BufferedInputStream(in, 1 << 16), lines, out, MAX_LINE_BYTES).run();
      } finally {
        ended.countDown();
      }
    }, "mcp-stdin");
    reader.setDaemon(true);
    reader.start();
    try {
      ended.await();
    } finally {
      server.close();
    }
  }
}
