package io.mirage4j.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A workspace's MCP server over Streamable HTTP, at {@code http://HOST:PORT/mcp}, in an embedded
 * Jetty. On a loopback address a bearer token is optional; on any other address it is required
 * (the server refuses to start without one), and with a token every request must carry {@code
 * Authorization: Bearer <token>} or gets 401. Requests from a web page are refused unless the page
 * is served from localhost (a DNS rebinding attack cannot reach a loopback server either: its Host
 * must name the loopback).
 *
 * <pre>{@code
 * try (HttpMcpServer server = HttpMcpServer.start(WorkspaceMcp.of(ws), "127.0.0.1", 8080, null)) {
 *   server.endpoint(); // http://127.0.0.1:8080/mcp
 *   server.join();
 * }
 * }</pre>
 */
public final class HttpMcpServer implements AutoCloseable {
  /** The path the MCP endpoint is served at. */
  public static final String ENDPOINT = "/mcp";
  private static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
      "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");
  private static final List<String> LOCAL_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*", "localhost", "127.0.0.1", "[::1]");

  private final Server jetty;
  private final McpSyncServer mcpServer;
  private final String host;

  private HttpMcpServer(Server jetty, McpSyncServer mcpServer, String host) {
    this.jetty = jetty;
    this.mcpServer = mcpServer;
    this.host = host;
  }

  /**
   * Starts serving {@code mcp} on {@code host}:{@code port} (0: a free port).
   *
   * @param token the bearer token every request must carry, or null for none (loopback only)
   * @throws IllegalArgumentException when {@code host} is not a loopback address and there is no token
   * @throws IllegalStateException when the server cannot start (the port is taken, ...)
   */
  public static HttpMcpServer start(WorkspaceMcp mcp, String host, int port, String token) {
    boolean loopback = isLoopback(host);
    if (!loopback && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("mcp: " + host + " is not a loopback address: serving it needs a bearer token"
          + " (--token TOKEN or the environment variable MIRAGE4J_MCP_TOKEN), which every client must then send");
    }
    DefaultServerTransportSecurityValidator.Builder security = DefaultServerTransportSecurityValidator.builder()
        .allowedOrigins(LOCAL_ORIGINS);
    if (loopback) {
      security.allowedHosts(LOCAL_HOSTS);
    }
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(mcp.jsonMapper())
        .mcpEndpoint(ENDPOINT)
        .securityValidator(security.build())
        .build();
    McpSyncServer mcpServer = mcp.addTo(McpServer.sync(transport).serverInfo(ServerInfo.NAME, ServerInfo.version())).build();

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("mcp-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(host);
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    if (token != null && !token.isBlank()) {
      context.addFilter(new FilterHolder(new BearerTokenFilter(token)), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, ENDPOINT);
    jetty.setHandler(context);
    jetty.setStopTimeout(2000);
    try {
      jetty.start();
    } catch (Exception e) {
      mcpServer.close();
      throw new IllegalStateException("mcp: cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new HttpMcpServer(jetty, mcpServer, host);
  }

  /** The port the server listens on. */
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The URL of the MCP endpoint, {@code http://HOST:PORT/mcp}. */
  public URI endpoint() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + ENDPOINT);
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      mcpServer.close();
    } finally {
      try {
        jetty.stop();
      } catch (Exception e) {
        throw new IllegalStateException("mcp: stopping the HTTP server: " + e.getMessage(), e);
      }
    }
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("mcp: unknown host " + host, e);
    }
  }
}
