package io.mirage4j.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

  /** Serves {@code mcp} on {@code in} and {@code out} until {@code in} ends. */
  public static void serve(WorkspaceMcp mcp, InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    StdioServerTransportProvider transport = new StdioServerTransportProvider(mcp.jsonMapper(), new EndSignal(in, ended), out);
    McpSyncServer server = mcp.addTo(McpServer.sync(transport).serverInfo(ServerInfo.NAME, ServerInfo.version())).build();
    try {
      ended.await();
    } finally {
      server.close();
    }
  }

  /** An input stream that counts {@code ended} down when it reaches its end or fails. */
  private static final class EndSignal extends FilterInputStream {
    private final CountDownLatch ended;

    EndSignal(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return check(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return check(() -> super.read(b, off, len));
    }

    private int check(Read read) throws IOException {
      try {
        int n = read.read();
        if (n < 0) {
          ended.countDown();
        }
        return n;
      } catch (IOException e) {
        ended.countDown();
        throw e;
      }
    }

    private interface Read {
      int read() throws IOException;
    }
  }
}
