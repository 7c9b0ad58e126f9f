package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route from Python to the network, tried against an HTTP server on loopback inside this
 * test, through a real workspace and sidecar. Each route fails in its own exact way, the server
 * never sees a request, and the same sidecar answers the next call.
 *
 * <p>The routes through Pyodide's JavaScript API ({@code loadBinaryFile}, {@code loadPackage}) hold on Node's permission model alone: the sidecar runs without
 * {@code --allow-net}, so Node refuses the connection even to a program that reaches that API.
 * Such a probe first looks for the API among every object of the interpreter; where it finds none,
 * it prints {@code the API is unreachable}, which holds too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxNetworkIT {
  private static final String UNREACHABLE = "the API is unreachable\n";

  /**
   * Finds Pyodide's JavaScript API the way a program would: any object of the interpreter, or an
   * attribute of one, that is a JsProxy with {@code _api} and {@code loadPackage}.
   */
  private static final String FIND_THE_API = """
      import gc
      from pyodide.ffi import JsException, JsProxy, create_proxy, run_sync
      def has(value, name):
          try:
              return hasattr(value, name)
          except Exception:  # a destroyed proxy
              return False
      def pyodide_api():
          for o in gc.get_objects():
              try:
                  values = [o, *vars(o).values()]
              except TypeError:
                  values = [o]
              for value in values:
                  if isinstance(value, JsProxy) and has(value, '_api') and has(value, 'loadPackage'):
                      return value
          print('the API is unreachable')
          raise SystemExit(0)
      def denial(e):
          error = e.js_error
          cause = getattr(error, 'cause', None)
          return f'{error.name}: {error.message} (cause: {getattr(cause, "code", None)})'
      api = pyodide_api()
      """;

  private static HttpServer server;
  private static ExecutorService serverThreads;
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  private static Workspace ws;
  private static long sidecarPid;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      byte[] body = "reached\n".getBytes(UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.start();
    Sidecars.Started started = Sidecars.start(builder -> builder.mount("/data", Resources.inMemory()).build());
    ws = started.ws();
    sidecarPid = started.pid();
  }

  @AfterAll
  static void stop() {
    if (ws != null) {
      ws.close();
    }
    if (server != null) {
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    requests.clear();
  }

  /** The server saw nothing, and the same sidecar still answers. */
  @AfterEach
  void noRequestReachedTheServerAndTheWorkspaceStillWorks() {
    assertThat(requests).as("requests the loopback server received").isEmpty();
    assertThat(ws.execute("python3 -c 'print(1)'")).isEqualTo(new ExecResult(bytes("1\n"), bytes(""), 0));
    assertThat(ProcessHandle.of(sidecarPid).map(ProcessHandle::isAlive)).contains(true);
    assertThat(requests).as("requests the loopback server received").isEmpty();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static int port() {
    return server.getAddress().getPort();
  }

  static Stream<Arguments> pythonRoutes() {
    return Stream.of(
        route("urllib.request.urlopen", """
            import urllib.request
            try:
                urllib.request.urlopen('%s', timeout=5)
            except OSError as e:
                print(e)
            """.formatted(url("/urllib")),
            "<urlopen error [Errno 40] Network unreachable>\n"),
        route("socket.create_connection to 127.0.0.1, then a request", """
            import socket
            try:
                socket.create_connection(('127.0.0.1', %d), timeout=5).sendall(b'GET /socket HTTP/1.0\\r\\n\\r\\n')
            except OSError as e:
                print(e)
            """.formatted(port()),
            "[Errno 40] Network unreachable\n"),
        route("socket.create_connection to localhost, then a request", """
            import socket
            try:
                socket.create_connection(('localhost', %d), timeout=5).sendall(b'GET /localhost HTTP/1.0\\r\\n\\r\\n')
            except OSError as e:
                print(e)
            """.formatted(port()),
            "[Errno 40] Network unreachable\n"),
        route("pyodide.http.pyfetch", """
            import pyodide.http
            try:
                pyodide.http.pyfetch('%s').send(None)
            except NameError as e:
                print(e)
            """.formatted(url("/pyfetch")),
            "name 'AbortController' is not defined\n"),
        route("pyodide.http.open_url", """
            import pyodide.http
            try:
                pyodide.http.open_url('%s')
            except NameError as e:
                print(e)
            """.formatted(url("/open_url")),
            "name 'XMLHttpRequest' is not defined\n"),
        route("js.fetch", """
            try:
                from js import fetch
            except ImportError as e:
                print(e)
            """,
            "cannot import name 'fetch' from 'js' (unknown location)\n"),
        route("fetch rebuilt through a JsProxy's constructor chain", """
            from pyodide.ffi import JsException, to_js
            try:
                to_js([]).constructor.constructor('return fetch')()('%s')
            except JsException as e:
                print(e)
            """.formatted(url("/constructor")),
            "EvalError: Code generation from strings disallowed for this context\n"));
  }

  static Stream<Arguments> apiRoutes() {
    return Stream.of(
        route("_api.loadBinaryFile(url) through the API found by gc.get_objects()", FIND_THE_API + """
            try:
                print(bytes(run_sync(api._api.loadBinaryFile('%s')).to_py()))
            except JsException as e:
                print(denial(e))
            """.formatted(url("/loadBinaryFile?exfil=1")),
            "TypeError: fetch failed (cause: ERR_ACCESS_DENIED)\n",
            "pyodide.ffi.JsException: TypeError: fetch failed"),
        route("_api.loadBinaryFile of a localhost url", FIND_THE_API + """
            try:
                print(bytes(run_sync(api._api.loadBinaryFile('http://localhost:%d/loadBinaryFile')).to_py()))
            except JsException as e:
                print(denial(e))
            """.formatted(port()),
            "TypeError: fetch failed (cause: ERR_ACCESS_DENIED)\n",
            "pyodide.ffi.JsException: TypeError: fetch failed"),
        route("loadPackage(url of a wheel)", FIND_THE_API + """
            messages = []
            record = create_proxy(messages.append)
            try:
                run_sync(api.loadPackage('%s', messageCallback=record, errorCallback=record, checkIntegrity=False))
            except JsException as e:
                print(e)
            finally:
                record.destroy()
            print(messages)
            """.formatted(url("/wheels/exfil-1.0-py3-none-any.whl")),
            // After the refused fetch, loadPackage calls back into Python outside JSPI and rejects.
            "PythonError\n['Loading exfil', 'Failed to load exfil', 'The following error occurred while loading exfil:',"
                + " 'fetch failed']\n",
            "pyodide.ffi.JsException: PythonError"));

  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythonRoutes")
  void aRouteFromPythonFails(String program, String expected) {
    assertThat(python(program)).isEqualTo(new ExecResult(bytes(expected), bytes(""), 0));
  }

  /**
   * The program prints {@code stdout}, and Pyodide reports the rejected promise on stderr, whose
   * last line is {@code stderrLastLine}; or it finds no API to try.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("apiRoutes")
  void aRouteThroughPyodidesApiIsRefusedByNode(String program, String stdout, String stderrLastLine) {
    ExecResult r = python(program);
    assertThat(r.exitCode()).as("exit status; stderr: %s", r.stderrText()).isZero();
    if (r.stdoutText().equals(UNREACHABLE)) {
      assertThat(r.stderrText()).isEmpty();
      return;
    }
    assertThat(r.stdoutText()).isEqualTo(stdout);
    assertThat(lastLine(r.stderrText())).isEqualTo(stderrLastLine);
  }

  @Test
  void noReachableJsProxyRebuildsFetchThroughItsConstructorChain() {
    ExecResult r = python("""
        import gc
        from pyodide.ffi import JsException, JsProxy, to_js
        anchor = to_js([])  # at least one proxy, whatever else the seal left reachable
        def has(value, name):
            try:
                return hasattr(value, name)
            except Exception:  # a destroyed proxy
                return False
        proxies = {}
        for o in gc.get_objects():
            try:
                values = [o, *vars(o).values()]
            except TypeError:
                values = [o]
            for value in values:
                if isinstance(value, JsProxy) and has(value, 'js_id'):
                    proxies.setdefault(value.js_id, value)
                    for name in ('_api', '_module'):
                        if has(value, name) and isinstance(getattr(value, name), JsProxy):
                            proxies.setdefault(getattr(value, name).js_id, getattr(value, name))
        outcomes = set()
        for proxy in proxies.values():
            if not has(proxy, 'constructor') or not has(proxy.constructor, 'constructor'):
                continue
            try:
                proxy.constructor.constructor('return fetch')()('%s')
                outcomes.add('fetch rebuilt')
            except JsException as e:
                outcomes.add(str(e))
        print(anchor.js_id in proxies, sorted(outcomes))
        """.formatted(url("/constructor-chain")));
    assertThat(r).isEqualTo(new ExecResult(
        bytes("True ['EvalError: Code generation from strings disallowed for this context']\n"), bytes(""), 0));
  }

  @Test
  void theSidecarRunsWithoutNetworkPermission() {
    List<String> arguments = ProcessHandle.of(sidecarPid).orElseThrow().info().arguments().map(List::of).orElseThrow();
    assertThat(arguments).contains("--permission");
    assertThat(arguments).noneMatch(a -> a.startsWith("--allow-net") || a.startsWith("--allow-addons")
        || a.startsWith("--allow-child-process") || a.startsWith("--allow-wasi")
        || a.startsWith("--allow-inspector") || a.startsWith("--allow-ffi") || a.startsWith("--allow-fs-write"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static Arguments route(String name, String program, String... expected) {
    Object[] arguments = new Object[expected.length + 1];
    arguments[0] = Named.of(name, program);
    System.arraycopy(expected, 0, arguments, 1, expected.length);
    return Arguments.of(arguments);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static ExecResult python(String program) {
    return ws.execute("python3 <<'PY'\n" + program.stripIndent().strip() + "\nPY");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

}
